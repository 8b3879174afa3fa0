package dev.afterhours.notifier.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.EscalationLevel;
import dev.afterhours.contracts.EscalationPolicy;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecipientResolverTest {

    /** 03:00 UTC: inside 22:00-06:00 quiet hours of a UTC person. */
    private static final Instant NIGHT = Instant.parse("2026-03-04T03:00:00Z");
    private static final Instant DAY = Instant.parse("2026-03-04T15:00:00Z");

    private final TestDirectory directory = new TestDirectory()
            .add(TestDirectory.client("acme-shop", "Acme Shop", "alice", "default"))
            .add(TestDirectory.client("no-policy", "No Policy Ltd", "alice", null))
            .add(TestDirectory.person("alice", "22:00", "06:00"))
            .add(TestDirectory.person("carol", null, null))
            .add(TestDirectory.person("dave", null, null))
            .add(TestDirectory.person("bob", null, null))
            .rotation("after-hours", Instant.parse("2026-03-01T00:00:00Z"), "P1D", "carol", "dave")
            .policy("default",
                    EscalationLevel.newBuilder().setRotationId("after-hours").setStaffIds(List.of("erin")).setAckTimeout("PT10M").build(),
                    EscalationLevel.newBuilder().setStaffIds(List.of("bob")).setAckTimeout("PT15M").build());

    @Test
    void escalationPagesTheOnCallMemberAndTheLevelsStaff() {
        RecipientResolver resolver = new RecipientResolver(directory, null);
        // 2026-03-04 is 3 days after the start: 3 mod 2 = 1 -> dave
        assertThat(resolver.forEscalation("acme-shop", 1, NIGHT).staffIds()).containsExactly("dave", "erin");
        assertThat(resolver.forEscalation("acme-shop", 2, NIGHT).staffIds()).containsExactly("bob");
        assertThat(resolver.forEscalation("acme-shop", 3, NIGHT).isEmpty()).isTrue();
        assertThat(resolver.hasLevelAfter("acme-shop", 1)).isTrue();
        assertThat(resolver.hasLevelAfter("acme-shop", 2)).isFalse();
        assertThat(resolver.ackTimeout("acme-shop", 1)).contains(Duration.ofMinutes(10));
    }

    @Test
    void aRepeatingPolicyWalksItsLevelsAgainThenTakesItsFinalActionAndEnds() {
        directory.add(TestDirectory.client("repeats", "Repeats Inc", "alice", "twice"))
                .policy(EscalationPolicy.newBuilder().setPolicyId("twice").setName("twice").setLevels(List.of(
                                EscalationLevel.newBuilder().setRotationId("after-hours").setAckTimeout("PT5M").build(),
                                EscalationLevel.newBuilder().setStaffIds(List.of("bob")).setAckTimeout("PT10M").build()))
                        .setRepeat(1).setFinalAllLevels(true).setFinalStaffIds(List.of("duty-manager")).build());
        RecipientResolver resolver = new RecipientResolver(directory, null);

        assertThat(List.of(1, 2, 3, 4, 5)).extracting(step -> resolver.forEscalation("repeats", step, NIGHT).staffIds())
                .containsExactly(List.of("dave"), List.of("bob"), List.of("dave"), List.of("bob"),
                        List.of("dave", "bob", "duty-manager"));
        assertThat(resolver.forEscalation("repeats", 3, NIGHT).rule()).isEqualTo("policy twice level 1 (round 2 of 2)");
        assertThat(resolver.forEscalation("repeats", 5, NIGHT).rule())
                .isEqualTo("final action of policy twice: nobody acknowledged in 2 rounds");
        assertThat(resolver.forEscalation("repeats", 6, NIGHT).isEmpty()).as("and then it ends").isTrue();
        assertThat(resolver.steps("repeats")).isEqualTo(5);
        assertThat(resolver.hasLevelAfter("repeats", 4)).isTrue();
        assertThat(resolver.hasLevelAfter("repeats", 5)).isFalse();
        assertThat(List.of(1, 2, 3, 4)).extracting(step -> resolver.ackTimeout("repeats", step).orElseThrow())
                .containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofMinutes(10));
        assertThat(resolver.ackTimeout("repeats", 5)).isEmpty();
    }

    @Test
    void withoutAPolicyTheAccountManagerIsPaged() {
        RecipientResolver resolver = new RecipientResolver(directory, null);
        assertThat(resolver.forEscalation("no-policy", 1, DAY).staffIds()).containsExactly("alice");
        assertThat(resolver.forEscalation("no-policy", 2, DAY).isEmpty()).isTrue();
    }

    @Test
    void anUnknownClientGoesToTriageOrToNobodyWithAReason() {
        assertThat(new RecipientResolver(directory, "triage-desk").forEscalation(Topics.UNRESOLVED_CLIENT, 1, DAY).staffIds())
                .containsExactly("triage-desk");
        Recipients nobody = new RecipientResolver(directory, null).forEscalation(Topics.UNRESOLVED_CLIENT, 1, DAY);
        assertThat(nobody.isEmpty()).isTrue();
        assertThat(nobody.problem()).contains("not in the directory").contains("triage-staff-id");
    }

    @Test
    void aBreachGoesToTheAccountManagerAndAlsoToOnCallWhileTheManagerIsQuiet() {
        RecipientResolver resolver = new RecipientResolver(directory, null);
        assertThat(resolver.forBreach("acme-shop", Urgency.HIGH, DAY).staffIds()).containsExactly("alice");
        assertThat(resolver.forBreach("acme-shop", Urgency.HIGH, NIGHT).staffIds()).containsExactly("alice", "dave");
        assertThat(resolver.forBreach("acme-shop", Urgency.EMERGENCY, DAY).staffIds()).containsExactly("alice", "dave");
    }
}
