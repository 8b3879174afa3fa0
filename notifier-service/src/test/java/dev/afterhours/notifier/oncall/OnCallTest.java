package dev.afterhours.notifier.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afterhours.contracts.Rotation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnCallTest {

    private static final Instant START = Instant.parse("2026-01-05T14:00:00Z");
    private static final List<String> MEMBERS = List.of("alice", "carol", "dave");
    private static final Duration WEEK = Duration.ofDays(7);

    @Test
    void firstMemberFromTheStartForOneShift() {
        assertThat(OnCall.at(MEMBERS, START, WEEK, START)).contains("alice");
        assertThat(OnCall.at(MEMBERS, START, WEEK, START.plus(WEEK).minusMillis(1))).contains("alice");
    }

    @Test
    void handsOverExactlyAtTheShiftBoundary() {
        assertThat(OnCall.at(MEMBERS, START, WEEK, START.plus(WEEK))).contains("carol");
        assertThat(OnCall.at(MEMBERS, START, WEEK, START.plus(WEEK.multipliedBy(2)))).contains("dave");
    }

    @Test
    void wrapsAroundTheMembers() {
        assertThat(OnCall.at(MEMBERS, START, WEEK, START.plus(WEEK.multipliedBy(3)))).contains("alice");
        // 100 shifts later: 100 mod 3 = 1
        assertThat(OnCall.at(MEMBERS, START, WEEK, START.plus(WEEK.multipliedBy(100)).plusSeconds(5))).contains("carol");
    }

    @Test
    void runsBackwardsBeforeTheStart() {
        // floor(-1ms / week) = -1, and -1 mod 3 = 2
        assertThat(OnCall.at(MEMBERS, START, WEEK, START.minusMillis(1))).contains("dave");
        assertThat(OnCall.at(MEMBERS, START, WEEK, START.minus(WEEK).minusMillis(1))).contains("carol");
    }

    @Test
    void readsTheRotationRecord() {
        Rotation rotation = Rotation.newBuilder().setRotationId("after-hours").setName("After hours")
                .setMembers(List.of("alice", "carol")).setStartsAt(START).setShiftLength("P7D").build();
        assertThat(OnCall.at(rotation, Instant.parse("2026-01-13T09:00:00Z"))).contains("carol");
        assertThat(OnCall.at(rotation, Instant.parse("2026-01-19T14:00:00Z"))).contains("alice");
    }

    @Test
    void nobodyOnCallInAnEmptyRotation() {
        assertThat(OnCall.at(List.of(), START, WEEK, START)).isEmpty();
    }

    @Test
    void rejectsANonPositiveShift() {
        assertThatThrownBy(() -> OnCall.at(MEMBERS, START, Duration.ZERO, START)).isInstanceOf(IllegalArgumentException.class);
    }
}
