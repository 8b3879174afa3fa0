package dev.afterhours.notifier.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ReplyOutcome;
import dev.afterhours.contracts.ReplyRecorded;
import dev.afterhours.notifier.reply.ReplyLedger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one ledger of once-only sends, as the replies keep it (whole records) and as every ledger reads its topic. */
class OutcomeLedgerTest {

    // fixed instants from here: only recorded, nothing runs on a clock
    static final Instant AT = Instant.parse("2026-12-08T02:00:00Z");
    // fixed instants end

    @Test
    void aSendNeverHandledHasNoOutcomeAndALateCopyOfTheIntentNeverHidesTheOutcome() {
        ReplyLedger ledger = new ReplyLedger();
        assertThat(ledger.latest("r1")).isNull();

        ledger.apply(recorded("r1", ReplyOutcome.ATTEMPTED));
        assertThat(ledger.latest("r1").getOutcome()).isEqualTo(ReplyOutcome.ATTEMPTED);
        ledger.apply(recorded("r1", ReplyOutcome.SENT));
        // Read again from the topic's beginning after a restart, or a replayed intent: still SENT.
        ledger.apply(recorded("r1", ReplyOutcome.ATTEMPTED));

        assertThat(ledger.latest("r1").getOutcome()).isEqualTo(ReplyOutcome.SENT);
        assertThat(ledger.latest("r2")).isNull();
    }

    @Test
    void aLaterOutcomeReplacesAnEarlierOne() {
        ReplyLedger ledger = new ReplyLedger();
        ledger.apply(recorded("r1", ReplyOutcome.FAILED));
        ledger.apply(recorded("r1", ReplyOutcome.SENT));

        assertThat(ledger.latest("r1").getOutcome()).isEqualTo(ReplyOutcome.SENT);
    }

    private static ReplyRecorded recorded(String replyId, ReplyOutcome outcome) {
        return ReplyRecorded.newBuilder().setReplyId(replyId).setClientId("acme-shop").setConversationId("c1")
                .setChannel(Channel.EMAIL).setTo("dana@acme-shop.example").setOutcome(outcome).setOccurredAt(AT).build();
    }
}
