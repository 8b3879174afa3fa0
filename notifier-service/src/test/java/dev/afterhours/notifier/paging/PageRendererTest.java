package dev.afterhours.notifier.paging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.CrmNoteAdded;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.SlaBreached;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.Urgency;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PageRendererTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final PageRenderer renderer = new PageRenderer(json);

    private static final MessageReceived MESSAGE = MessageReceived.newBuilder().setMessageId("m-1").setClientId("acme-shop")
            .setConversationId("c-1").setChannel(Channel.EMAIL).setDirection(Direction.INBOUND).setProvider("postmark")
            .setProviderMessageId("p-1").setFrom("dana@acme-shop.example").setSubject("HELP")
            .setBody("Our checkout is broken since 22:10, customers cannot pay. " + "x".repeat(1000))
            .setReceivedAt(Instant.parse("2026-01-14T03:10:00Z")).build();

    private static final EscalationRequested ESCALATION = EscalationRequested.newBuilder().setEscalationId("esc-1")
            .setClientId("acme-shop").setConversationId("c-1").setMessageId("m-1").setReason(EscalationReason.EMERGENCY)
            .setUrgency(Urgency.EMERGENCY).setSummary("checkout is broken").setReasons(List.of("matched 'checkout is broken'"))
            .setRequestedAt(Instant.parse("2026-01-14T03:10:05Z")).setDueAt(Instant.parse("2026-01-14T03:25:00Z"))
            .setMessage(MESSAGE).build();

    private static final List<CrmNoteAdded> NOTES = List.of(CrmNoteAdded.newBuilder().setNoteId("note-1")
            .setClientId("acme-shop").setAuthor("alice").setText("Payment provider migration this week")
            .setAddedAt(Instant.parse("2026-01-13T15:00:00Z")).build());

    static final String LINK = "https://pager.example/api/v1/notifications/n-1/ack-link?staff=alice&exp=1768374600&kid=k1&sig=abc_-";
    static final Instant EXPIRES = Instant.parse("2026-01-14T07:10:00Z");

    @Test
    void emergencyEmailSubject() {
        var content = new PageRenderer.Content("n-1", Page.of(ESCALATION), 1, "Acme Shop", "http://x/ack", EXPIRES, NOTES);
        assertThat(renderer.emailSubject(content)).isEqualTo("[911] Acme Shop: checkout is broken");
        assertThat(renderer.emailBody(content)).contains("dana@acme-shop.example", "Payment provider migration",
                "http://x/ack", "matched 'checkout is broken'");
    }

    @Test
    void theEmailCarriesTheSignedLinkOnALineOfItsOwnWithItsExpiry() {
        var content = new PageRenderer.Content("n-1", Page.of(ESCALATION), 1, "Acme Shop", LINK, EXPIRES, NOTES);
        String body = renderer.emailBody(content);
        assertThat(body).contains("\n  " + LINK + "\n", "expires at 2026-01-14T07:10:00Z", "no sign-in needed")
                .doesNotContain("curl", "<your staff id>");
    }

    @Test
    void aSummaryThatAlreadyNamesTheClientIsNotPrefixedTwice() {
        EscalationRequested named = EscalationRequested.newBuilder(ESCALATION).setSummary("Acme Shop: Sorry to bother you").build();
        var content = new PageRenderer.Content("n-1", Page.of(named), 1, "Acme Shop", "http://x/ack", EXPIRES, NOTES);
        assertThat(renderer.emailSubject(content)).isEqualTo("[911] Acme Shop: Sorry to bother you");
    }

    @Test
    void breachEmailSubjectStatesTheDueTimeOnTheClientsClock() {
        SlaEvent event = SlaEvent.newBuilder().setEventId("e-9").setSlaId("m-7").setClientId("acme-shop")
                .setConversationId("c-7").setUrgency(Urgency.HIGH).setOccurredAt(Instant.parse("2026-01-14T16:00:00Z"))
                .setPayload(new SlaBreached(Instant.parse("2026-01-14T16:00:00Z"))).build();
        Page page = Page.of(event, (SlaBreached) event.getPayload(), ZoneId.of("America/New_York"));
        var content = new PageRenderer.Content("n-2", page, 1, "Acme Shop", "http://x/ack", EXPIRES, List.of());
        assertThat(renderer.emailSubject(content))
                .isEqualTo("[SLA breached] Acme Shop: HIGH message not answered in time: due Wed 14 Jan 11:00 EST (conversation c-7)");
        assertThat(page.escalationId()).isEqualTo("sla-breach:e-9");
    }

    @Test
    void webhookBodyCarriesTheContext() {
        var content = new PageRenderer.Content("n-1", Page.of(ESCALATION), 1, "Acme Shop", LINK, EXPIRES, NOTES);
        JsonNode body = json.readTree(renderer.webhookBody(content));
        assertThat(body.get("notificationId").asString()).isEqualTo("n-1");
        assertThat(body.get("clientName").asString()).isEqualTo("Acme Shop");
        assertThat(body.get("urgency").asString()).isEqualTo("EMERGENCY");
        assertThat(body.get("dueAt").asString()).isEqualTo("2026-01-14T03:25:00Z");
        assertThat(body.get("message").get("from").asString()).isEqualTo("dana@acme-shop.example");
        assertThat(body.get("message").get("bodyExcerpt").asString()).hasSize(PageRenderer.EXCERPT_CHARS).startsWith("Our checkout");
        assertThat(body.get("ackUrl").asString()).isEqualTo(LINK);
        assertThat(body.get("ackUrlExpiresAt").asString()).isEqualTo("2026-01-14T07:10:00Z");
        assertThat(body.get("crmNotes").get(0).get("text").asString()).isEqualTo("Payment provider migration this week");
    }

    @Test
    void theSmsIsTheHeadlineHowToReplyAndTheLinkWithinThreeSegments() {
        var content = new PageRenderer.Content("n-1", Page.of(ESCALATION), 2, "Acme Shop", LINK, EXPIRES, NOTES);
        assertThat(renderer.smsText(content)).isEqualTo("[911] [level 2, unacknowledged] Acme Shop: checkout is broken\n"
                + "Reply 1 to acknowledge (stops escalation), or open " + LINK);
        EscalationRequested longOne = EscalationRequested.newBuilder(ESCALATION).setSummary("y".repeat(2000)).build();
        assertThat(renderer.smsText(new PageRenderer.Content("n-1", Page.of(longOne), 1, "Acme Shop", LINK, EXPIRES, NOTES)))
                .hasSizeLessThan(PageRenderer.SMS_HEADLINE_CHARS + 60 + LINK.length());
    }

    @Test
    void theVoicePageSaysWhoWhatAndTheLevelInPlainWords() {
        var content = new PageRenderer.Content("n-1", Page.of(ESCALATION), 3, "Acme Shop", LINK, EXPIRES, NOTES);
        assertThat(renderer.voiceWords(content)).isEqualTo("This is Afterhours. An emergency for Acme Shop. checkout is broken. "
                + "This is escalation level 3: nobody has acknowledged it yet.").doesNotContain("http");
    }

    @Test
    void theSlackMessageEscapesClientTextSoItCannotMentionOrLink() {
        MessageReceived hostile = MessageReceived.newBuilder(MESSAGE).setBody("<!channel> see <https://evil.example|this> & pay")
                .build();
        EscalationRequested escalation = EscalationRequested.newBuilder(ESCALATION).setSummary("<@U999> help").setMessage(hostile).build();
        String text = renderer.slackText(new PageRenderer.Content("n-1", Page.of(escalation), 1, "Acme Shop", LINK, EXPIRES, NOTES));
        assertThat(text).contains("&lt;@U999&gt; help", "&lt;!channel&gt;", "&lt;https://evil.example|this&gt; &amp; pay",
                "Payment provider migration", "<" + LINK + "|open the signed link>").doesNotContain("<!channel>", "<@U999>");
    }
}
