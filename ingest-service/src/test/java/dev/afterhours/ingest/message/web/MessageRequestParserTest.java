package dev.afterhours.ingest.message.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.ingest.message.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class MessageRequestParserTest {

    private final MessageRequestParser parser = new MessageRequestParser();

    private InboundMessage parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void rejects(ThrowingCallable call, String field, String... messageParts) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidMessageException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(messageParts);
        });
    }

    @Test
    void appliesDefaults() {
        InboundMessage m = parse("""
                {"channel": "sms", "providerMessageId": "SM1", "from": "+15550100001", "body": "site is down"}""");

        assertThat(m.channel()).isEqualTo(Channel.SMS);
        assertThat(m.direction()).isEqualTo(Direction.INBOUND);
        assertThat(m.provider()).isEqualTo("api");
        assertThat(m.to()).isEmpty();
        assertThat(m.headers()).isEmpty();
        assertThat(m.attachments()).isEmpty();
        assertThat(m.subject()).isNull();
    }

    @Test
    void readsEveryField() {
        InboundMessage m = parse("""
                {"channel": "EMAIL", "direction": "OUTBOUND", "provider": "Postmark", "providerMessageId": "<r1@mail>",
                 "from": "alice@agency.example", "to": ["dana@acme-shop.example"], "subject": "Re: checkout",
                 "body": "On it", "providerTimestamp": "2026-11-23T23:14:05+01:00",
                 "attachments": [{"fileName": "log.txt", "contentType": "text/plain", "sizeBytes": 42}],
                 "headers": {"Auto-Submitted": "no"}, "conversationId": "c1", "inReplyTo": "<m1@mail>"}""");

        assertThat(m.provider()).isEqualTo("postmark");
        assertThat(m.providerTimestamp()).isEqualTo(Instant.parse("2026-11-23T22:14:05Z"));
        assertThat(m.attachments()).singleElement().satisfies(a -> {
            assertThat(a.getFileName()).isEqualTo("log.txt");
            assertThat(a.getSizeBytes()).isEqualTo(42L);
            assertThat(a.getUrl()).isNull();
        });
        assertThat(m.header("auto-submitted")).isEqualTo("no");
        assertThat(m.conversationId()).isEqualTo("c1");
        assertThat(m.inReplyTo()).isEqualTo("<m1@mail>");
    }

    @Test
    void missingOrBlankRequiredFieldsAreNamed() {
        rejects(() -> parse("""
                {"channel": "EMAIL", "providerMessageId": "m1", "body": "hi"}"""), "from", "'from' is required");
        rejects(() -> parse("""
                {"channel": "EMAIL", "providerMessageId": "m1", "from": "  ", "body": "hi"}"""), "from", "blank");
        rejects(() -> parse("""
                {"channel": "EMAIL", "providerMessageId": null, "from": "a@b", "body": "hi"}"""), "providerMessageId", "required");
        rejects(() -> parse("""
                {"providerMessageId": "m1", "from": "a@b", "body": "hi"}"""), "channel", "required", "EMAIL, SMS, VOICE");
        rejects(() -> parse("""
                {"channel": "EMAIL", "providerMessageId": "m1", "from": "a@b"}"""), "body", "'body' is required");
    }

    @Test
    void unknownEnumValuesListTheAllowedOnes() {
        rejects(() -> parse("""
                {"channel": "FAX", "providerMessageId": "m1", "from": "a@b", "body": "hi"}"""),
                "channel", "'FAX'", "EMAIL, SMS, VOICE, CHAT, WEBFORM, API");
        rejects(() -> parse("""
                {"channel": "EMAIL", "direction": "SIDEWAYS", "providerMessageId": "m1", "from": "a@b", "body": "hi"}"""),
                "direction", "INBOUND, OUTBOUND");
    }

    @Test
    void wrongJsonTypesAreNamed() {
        rejects(() -> parse("""
                {"channel": "EMAIL", "providerMessageId": 42, "from": "a@b", "body": "hi"}"""),
                "providerMessageId", "must be a string, got a number");
        rejects(() -> parse("""
                {"channel": "EMAIL", "providerMessageId": "m1", "from": "a@b", "to": "x@y", "body": "hi"}"""),
                "to", "list of strings");
        rejects(() -> parse("""
                {"channel": "EMAIL", "providerMessageId": "m1", "from": "a@b", "to": ["x@y", 7], "body": "hi"}"""),
                "to[1]", "must be a string");
        rejects(() -> parse("""
                {"channel": "EMAIL", "providerMessageId": "m1", "from": "a@b", "body": "hi", "headers": {"X": 1}}"""),
                "headers.X", "must be a string");
        rejects(() -> parse("""
                {"channel": "EMAIL", "providerMessageId": "m1", "from": "a@b", "body": "hi",
                 "attachments": [{"fileName": "a", "contentType": "text/plain", "sizeBytes": "big"}]}"""),
                "attachments[0].sizeBytes", "whole number");
        rejects(() -> parse("""
                {"channel": "EMAIL", "providerMessageId": "m1", "from": "a@b", "body": "hi",
                 "attachments": [{"contentType": "text/plain", "sizeBytes": 1}]}"""),
                "attachments[0].fileName", "'attachments[0].fileName' is required");
    }

    @Test
    void badTimestampsAreRejected() {
        rejects(() -> parse("""
                {"channel": "EMAIL", "providerMessageId": "m1", "from": "a@b", "body": "hi", "providerTimestamp": "yesterday"}"""),
                "providerTimestamp", "ISO-8601", "'yesterday'");
    }

    @Test
    void timestampsNoEventCanHoldAreRejectedByName() {
        for (String extreme : new String[] {"+300000000-01-01T00:00:00Z", "-300000000-01-01T00:00:00Z",
                "+1000000000-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z"}) {
            rejects(() -> parse("""
                    {"channel": "EMAIL", "providerMessageId": "m1", "from": "a@b", "body": "hi", "providerTimestamp": "%s"}"""
                    .formatted(extreme)), "providerTimestamp", "must be between", extreme);
        }
    }

    @Test
    void unknownFieldsAreRejectedByName() {
        rejects(() -> parse("""
                {"chanel": "EMAIL", "providerMessageId": "m1", "from": "a@b", "body": "hi"}"""), "chanel", "unknown field 'chanel'");
        rejects(() -> parse("""
                {"channel": "EMAIL", "providerMessageId": "m1", "from": "a@b", "body": "hi",
                 "attachments": [{"fileName": "a", "contentType": "t", "sizeBytes": 1, "size": 1}]}"""),
                "attachments[0].size", "unknown field");
    }

    @Test
    void malformedJsonSaysWhere() {
        rejects(() -> parse("{\"channel\": \"EMAIL\",\n \"from\": }"), null, "malformed JSON", "line 2");
        rejects(() -> parse("{\"from\": \"a\", \"from\": \"b\"}"), null, "malformed JSON", "from");
        rejects(() -> parse("{\"from\": \"a\"} trailing"), null, "malformed JSON");
        rejects(() -> parse(""), null, "empty");
        rejects(() -> parse("[1, 2]"), null, "must be a JSON object, got a list");
    }

    @Test
    void anEmptyBodyIsOnlyFineForVoiceOrWithAttachments() {
        assertThat(parse("""
                {"channel": "VOICE", "providerMessageId": "v1", "from": "+15550100001", "body": ""}""").body()).isEmpty();
        assertThat(parse("""
                {"channel": "SMS", "providerMessageId": "s1", "from": "+15550100001", "body": "",
                 "attachments": [{"fileName": "photo.jpg", "contentType": "image/jpeg", "sizeBytes": 1000}]}""").body()).isEmpty();
        rejects(() -> parse("""
                {"channel": "EMAIL", "providerMessageId": "m1", "from": "a@b", "body": " "}"""), "body", "must not be blank");
    }

    @Test
    void anOutboundMessageNeedsARecipient() {
        rejects(() -> parse("""
                {"channel": "EMAIL", "direction": "OUTBOUND", "providerMessageId": "m1", "from": "alice@agency.example", "body": "hi"}"""),
                "to", "OUTBOUND");
    }

    @Test
    void rejectionsRememberTheChannelForMetrics() {
        assertThatThrownBy(() -> parse("""
                {"channel": "SMS", "providerMessageId": "m1", "body": "hi"}"""))
                .isInstanceOfSatisfying(InvalidMessageException.class, e -> {
                    assertThat(e.channel()).isEqualTo(Channel.SMS);
                    assertThat(e.direction()).isEqualTo(Direction.INBOUND);
                });
    }
}
