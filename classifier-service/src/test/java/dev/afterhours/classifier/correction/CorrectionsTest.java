package dev.afterhours.classifier.correction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.classifier.support.Fixtures;
import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.CorrectionDirection;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.contracts.UrgencyCorrected;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CorrectionsTest {

    static MessageClassified classified(MessageReceived message, Urgency urgency, String... reasons) {
        return MessageClassified.newBuilder()
                .setMessageId(message.getMessageId()).setClientId(message.getClientId())
                .setConversationId(message.getConversationId()).setUrgency(urgency).setConfidence(0.9)
                .setReasons(List.of(reasons)).setNeedsResponse(true).setAutoReply(false)
                .setAfterHoursStatus(AfterHoursStatus.AFTER_HOURS).setClientLocalTime("-")
                .setClassifiedAt(Instant.parse("2026-11-24T03:00:01Z")).setMessage(message).build();
    }

    @Test
    void directionFollowsTheUrgencyScaleFromLowToEmergency() {
        assertThat(Corrections.direction(Urgency.EMERGENCY, Urgency.LOW)).isEqualTo(CorrectionDirection.LOWERED);
        assertThat(Corrections.direction(Urgency.NORMAL, Urgency.HIGH)).isEqualTo(CorrectionDirection.RAISED);
        assertThat(Corrections.direction(Urgency.LOW, Urgency.EMERGENCY)).isEqualTo(CorrectionDirection.RAISED);
        assertThat(Corrections.direction(Urgency.HIGH, Urgency.NORMAL)).isEqualTo(CorrectionDirection.LOWERED);
        assertThat(Corrections.direction(Urgency.HIGH, Urgency.HIGH)).isEqualTo(CorrectionDirection.UNCHANGED);
    }

    @Test
    void theEventCarriesTheClassifiersJudgementAndTheMessage() {
        MessageReceived message = Fixtures.message("acme-shop", "Weekly news", "our checkout is broken (not really)")
                .setChannel(Channel.CHAT).build();
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-24T08:00:00Z");

        UrgencyCorrected c = Corrections.of(classified(message, Urgency.EMERGENCY, "matched 'checkout is broken'"),
                new CorrectionRequest(Urgency.LOW, "alice", "newsletter"), id, at);

        assertThat(c.getCorrectionId()).isEqualTo(id);
        assertThat(c.getMessageId()).isEqualTo(message.getMessageId());
        assertThat(c.getClientId()).isEqualTo("acme-shop");
        assertThat(c.getConversationId()).isEqualTo(message.getConversationId());
        assertThat(c.getChannel()).isEqualTo(Channel.CHAT);
        assertThat(c.getPreviousUrgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(c.getCorrectedUrgency()).isEqualTo(Urgency.LOW);
        assertThat(c.getDirection()).isEqualTo(CorrectionDirection.LOWERED);
        assertThat(c.getPreviousReasons()).containsExactly("matched 'checkout is broken'");
        assertThat(c.getCorrectedBy()).isEqualTo("alice");
        assertThat(c.getReason()).isEqualTo("newsletter");
        assertThat(c.getCorrectedAt()).isEqualTo(at);
        assertThat(c.getMessage()).isEqualTo(message);
    }

    @Test
    void aCorpusLineIsTheMessageAsStaffJudgedIt() {
        MessageReceived message = Fixtures.message("acme-shop", null, "Our weekly newsletter")
                .setHeaders(Map.of("List-Id", "news", "Auto-Submitted", "no")).build();
        UrgencyCorrected low = Corrections.of(classified(message, Urgency.EMERGENCY),
                new CorrectionRequest(Urgency.LOW, "alice", "a newsletter"), UUID.randomUUID(), Instant.now());
        UrgencyCorrected high = Corrections.of(classified(message, Urgency.NORMAL),
                new CorrectionRequest(Urgency.HIGH, "bob", "launch day"), UUID.randomUUID(), Instant.now());

        Map<String, Object> line = Corrections.corpusLine(low);

        assertThat(List.copyOf(line.keySet())).containsExactly("id", "language", "channel", "subject", "body",
                "headers", "urgency", "needsResponse", "autoReply", "split", "note");
        assertThat(line)
                .containsEntry("id", "correction-" + message.getMessageId())
                .containsEntry("language", "und")
                .containsEntry("channel", "EMAIL")
                .containsEntry("body", "Our weekly newsletter")
                .containsEntry("headers", Map.of("Auto-Submitted", "no", "List-Id", "news"))
                .containsEntry("urgency", "LOW")
                .containsEntry("needsResponse", false)
                .containsEntry("autoReply", false)
                .containsEntry("split", "train")
                .containsEntry("note", "corrected by alice: a newsletter");
        assertThat(line.get("subject")).isNull();
        assertThat(Corrections.corpusLine(high)).containsEntry("urgency", "HIGH").containsEntry("needsResponse", true)
                .containsEntry("note", "corrected by bob: launch day");
    }

    @Test
    void theLatestCorrectionOfEachMessageWinsInCorrectionTimeOrder() {
        MessageReceived first = Fixtures.message("acme-shop", null, "one").build();
        MessageReceived second = Fixtures.message("bergmann-gmbh", null, "two").build();
        UrgencyCorrected a1 = correction(first, Urgency.LOW, "2026-11-24T08:00:00Z");
        UrgencyCorrected b1 = correction(second, Urgency.HIGH, "2026-11-24T08:05:00Z");
        UrgencyCorrected a2 = correction(first, Urgency.NORMAL, "2026-11-24T08:10:00Z");

        assertThat(Corrections.latestPerMessage(List.of(a1, b1, a2))).containsExactly(b1, a2);
    }

    private static UrgencyCorrected correction(MessageReceived message, Urgency to, String at) {
        return Corrections.of(classified(message, Urgency.EMERGENCY), new CorrectionRequest(to, "alice", "why"),
                UUID.randomUUID(), Instant.parse(at));
    }
}
