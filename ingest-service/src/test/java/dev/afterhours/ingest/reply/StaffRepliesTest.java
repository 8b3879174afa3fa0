package dev.afterhours.ingest.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.ReplyRequested;
import dev.afterhours.ingest.message.NotReadyException;
import dev.afterhours.ingest.message.ReceivedIndex;
import dev.afterhours.ingest.message.ReplyRoute;
import dev.afterhours.ingest.reply.StaffReplies.InvalidReplyException;
import dev.afterhours.ingest.reply.StaffReplies.UnknownConversationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Routing a reply back the way the client wrote, on every channel, without a broker. */
class StaffRepliesTest {

    // fixed instants from here: nothing runs on the wall clock, the index only compares them
    final Clock clock = Clock.fixed(Instant.parse("2026-11-23T22:30:00Z"), ZoneOffset.UTC);
    // fixed instants end
    final ReceivedIndex index = new ReceivedIndex();
    final List<ReplyRequested> written = new ArrayList<>();
    @Nullable String notReady;
    final StaffReplies replies = new StaffReplies(index, written::add, () -> notReady, Duration.ofDays(7), 20_000, clock);

    @Test
    void aSlackMessageIsAnsweredInItsThreadAndTheLatestInboundMessageIsTheRoute() {
        index.addRoute(route(inbound("m1", Channel.CHAT, "U0DANA", List.of("C0ACMESHOP"),
                Map.of(ReplyRoute.SLACK_THREAD_TS, "1765000000.000100"), clock.instant().minusSeconds(60))).orElseThrow());
        index.addRoute(route(inbound("m0", Channel.CHAT, "U0DANA", List.of("C0ACMESHOP"),
                Map.of(ReplyRoute.SLACK_THREAD_TS, "1700000000.000100"), clock.instant().minusSeconds(600))).orElseThrow());

        replies.reply("c-1", "On it.", null, "alice", null, any -> true);

        ReplyRequested request = written.getFirst();
        assertThat(request.getChannel()).isEqualTo(Channel.CHAT);
        assertThat(request.getVia()).isEqualTo("C0ACMESHOP");
        assertThat(request.getThread()).isEqualTo("1765000000.000100");
        assertThat(request.getInReplyToMessageId()).isEqualTo("m1");
        assertThat(request.getReply().getDirection()).isEqualTo(Direction.OUTBOUND);
        assertThat(request.getReply().getTo()).containsExactly("U0DANA");
    }

    @Test
    void aWebFormIsAnsweredByMailOrTextToTheContactLeftAndLongTextsDoNotFitATextMessage() {
        index.addRoute(route(inbound("m1", Channel.WEBFORM, "+15550100001", List.of(), Map.of(), clock.instant()))
                .orElseThrow());

        assertThatThrownBy(() -> replies.reply("c-1", "x".repeat(1601), "Ignored", "alice", null, any -> true))
                .isInstanceOfSatisfying(InvalidReplyException.class, e -> assertThat(e.field()).isEqualTo("text"));
        replies.reply("c-1", "x".repeat(1600), "Ignored for a text", "alice", null, any -> true);

        assertThat(written.getFirst().getSubject()).isNull();
        assertThat(written.getFirst().getTo()).isEqualTo("+15550100001");
    }

    @Test
    void theSubjectIsTheStaffMembersElseReOnceElseNone() {
        assertThat(StaffReplies.subject("Your invoice", "Checkout")).isEqualTo("Your invoice");
        assertThat(StaffReplies.subject(null, "Checkout")).isEqualTo("Re: Checkout");
        assertThat(StaffReplies.subject(" ", "RE: Checkout")).isEqualTo("RE: Checkout");
        assertThat(StaffReplies.subject(null, null)).isNull();
    }

    @Test
    void anIdempotencyKeyIsOneReplyPerCallerAndNoKeyIsANewReplyEveryTime() {
        assertThat(StaffReplies.replyId("alice", "k1")).isEqualTo(StaffReplies.replyId("alice", "k1"))
                .isNotEqualTo(StaffReplies.replyId("bob", "k1"));
        assertThat(StaffReplies.replyId("alice", null)).isNotEqualTo(StaffReplies.replyId("alice", null));
    }

    @Test
    void nothingIsWrittenForAnApiMessageAStrangerOrBeforeTheIndexIsRebuilt() {
        index.addRoute(route(inbound("m1", Channel.API, "crm-bot", List.of(), Map.of(), clock.instant())).orElseThrow());
        assertThatThrownBy(() -> replies.reply("c-1", "Hi", null, "alice", null, any -> true))
                .isInstanceOfSatisfying(InvalidReplyException.class, e -> assertThat(e.conflict()).isTrue());
        assertThat(route(MessageReceived.newBuilder(inbound("m2", Channel.EMAIL, "x@y.example", List.of(), Map.of(),
                clock.instant())).setClientId("unresolved").build())).isEmpty();
        assertThatThrownBy(() -> replies.reply("c-2", "Hi", null, "alice", null, any -> true))
                .isInstanceOf(UnknownConversationException.class);
        notReady = "rebuilding";
        assertThatThrownBy(() -> replies.reply("c-1", "Hi", null, "alice", null, any -> true))
                .isInstanceOf(NotReadyException.class);
        assertThat(written).isEmpty();
    }

    private static java.util.Optional<ReplyRoute> route(MessageReceived message) {
        return ReplyRoute.of(message);
    }

    private static MessageReceived inbound(String messageId, Channel channel, String from, List<String> to,
            Map<String, String> headers, Instant at) {
        return MessageReceived.newBuilder().setMessageId(messageId).setClientId("acme-shop").setConversationId("c-1")
                .setChannel(channel).setDirection(Direction.INBOUND).setProvider("test").setProviderMessageId(messageId)
                .setFrom(from).setTo(to).setBody("Help").setReceivedAt(at).setHeaders(headers).build();
    }
}
