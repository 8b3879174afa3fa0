package dev.afterhours.scheduler.sla.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afterhours.contracts.SlaClock;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.scheduler.sla.SlaState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TimerKeyTest {

    @Test
    void roundTripsIdsThatContainTheSeparator() {
        TimerKey key = new TimerKey(1_795_532_400_000L, TimerKey.Kind.BREACH, "postmark|abc|42");
        assertThat(key.encode()).isEqualTo("0000001795532400000|breach|postmark|abc|42");
        assertThat(TimerKey.decode(key.encode())).isEqualTo(key);
    }

    @Test
    void byteOrderIsTimeOrder() {
        List<String> keys = Stream.of(
                        new TimerKey(10_000, TimerKey.Kind.WARN, "b"),
                        new TimerKey(9_999, TimerKey.Kind.WARN, "z"),
                        new TimerKey(1_795_532_400_000L, TimerKey.Kind.BREACH, "a"),
                        new TimerKey(10_000, TimerKey.Kind.BREACH, "c"))
                .map(TimerKey::encode)
                .sorted((a, b) -> java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                        b.getBytes(StandardCharsets.UTF_8)))
                .toList();
        assertThat(keys).extracting(k -> TimerKey.decode(k).at())
                .containsExactly(9_999L, 10_000L, 10_000L, 1_795_532_400_000L);
    }

    @Test
    void dueByBoundsEveryKindAtThatMillisecondAndNothingLater() {
        String bound = TimerKey.dueBy(10_000);
        for (TimerKey.Kind kind : TimerKey.Kind.values()) {
            assertThat(new TimerKey(10_000, kind, "~~~").encode()).isLessThan(bound);
            assertThat(new TimerKey(10_001, kind, "").encode()).isGreaterThan(bound);
        }
        assertThat(TimerKey.lowest()).isLessThanOrEqualTo(new TimerKey(0, TimerKey.Kind.BREACH, "").encode());
    }

    @Test
    void rejectsForeignKeys() {
        assertThatThrownBy(() -> TimerKey.decode("not-a-timer")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stateSerdeRoundTrips() {
        SlaState state = new SlaState("m|1", "acme-shop", "c-1", "m|1", Urgency.HIGH, SlaClock.BUSINESS, "PT2H",
                1_000L, 2_000L, null, SlaState.Status.OPEN, null, 75, 1_900L, 90,
                new dev.afterhours.scheduler.sla.ReplyTo(dev.afterhours.contracts.Channel.SMS, "+4915112345678", null,
                        null, "+4930555000", null));
        SlaStateSerde serde = new SlaStateSerde();
        byte[] bytes = serde.serializer().serialize("t", state);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(state);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"dueAt\":2000").doesNotContain("\"open\"");
        SlaState closed = state.closed(SlaState.Status.MET, java.time.Instant.ofEpochMilli(1_500));
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", closed))).isEqualTo(closed);
    }

    @Test
    void aStateWrittenBeforePageThresholdsReadsWithoutThem() {
        String old = "{\"slaId\":\"m|1\",\"clientId\":\"acme-shop\",\"conversationId\":\"c-1\",\"messageId\":\"m|1\","
                + "\"urgency\":\"HIGH\",\"clock\":\"BUSINESS\",\"target\":\"PT2H\",\"receivedAt\":1000,\"dueAt\":2000,"
                + "\"warnAt\":1750,\"status\":\"OPEN\",\"closedAt\":null}";
        SlaState state = new SlaStateSerde().deserializer().deserialize("t", old.getBytes(StandardCharsets.UTF_8));
        assertThat(state.warnAt()).isEqualTo(1750L);
        assertThat(state.pageAt()).isNull();
        assertThat(state.warnAtPercent()).isNull();
        assertThat(state.replyTo()).as("no update for an SLA started before updates existed").isNull();
    }

    @Test
    void aPageTimerSortsWithTheOthersByTime() {
        TimerKey page = new TimerKey(1_900, TimerKey.Kind.PAGE, "m|1");
        assertThat(TimerKey.decode(page.encode())).isEqualTo(page);
        assertThat(page.encode()).isLessThan(new TimerKey(2_000, TimerKey.Kind.BREACH, "m|1").encode())
                .isLessThan(TimerKey.dueBy(1_900));
    }
}
