package dev.afterhours.notifier.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.EscalationLevel;
import dev.afterhours.contracts.EscalationPolicy;
import dev.afterhours.contracts.NotificationChannel;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.StaffTimeOff;
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

    private TestDirectory away(String staffId, Instant from, Instant to) {
        StaffMember person = directory.staff(staffId).orElseThrow();
        return directory.add(StaffMember.newBuilder(person)
                .setTimeOff(List.of(StaffTimeOff.newBuilder().setFrom(from).setTo(to).build())).build());
    }

    @Test
    void aPersonOnTimeOffIsSkippedWhileSomeoneElseAtTheStepCanBePaged() {
        // dave is on call on 2026-03-04 (see above), erin is the level's second person but not in the directory.
        directory.add(TestDirectory.person("erin", null, null));
        RecipientResolver resolver = new RecipientResolver(away("dave", NIGHT.minus(Duration.ofDays(1)), NIGHT.plus(Duration.ofDays(1))), null);
        Recipients level1 = resolver.withoutTimeOff(resolver.forEscalation("acme-shop", 1, NIGHT), Urgency.EMERGENCY, NIGHT);
        assertThat(level1.staffIds()).as("even for an EMERGENCY, when someone else is there").containsExactly("erin");
        assertThat(level1.rule()).endsWith("skipped on time off: dave");
        // The time off is [from, to): back at its end.
        Recipients later = resolver.withoutTimeOff(resolver.forEscalation("acme-shop", 1, NIGHT.plus(Duration.ofDays(1))), Urgency.NORMAL,
                NIGHT.plus(Duration.ofDays(1)));
        assertThat(later.rule()).doesNotContain("time off");
    }

    @Test
    void nobodyElseAtTheStep_belowEmergencyNobodyIsPaged_anEmergencyPagesThemAnywayAndSaysWhy() {
        RecipientResolver resolver = new RecipientResolver(away("bob", NIGHT, NIGHT.plus(Duration.ofHours(8))), null);
        Recipients high = resolver.withoutTimeOff(resolver.forEscalation("acme-shop", 2, NIGHT), Urgency.HIGH, NIGHT);
        assertThat(high.isEmpty()).isTrue();
        assertThat(high.problem()).isEqualTo("bob on time off (policy default level 2)");
        Recipients emergency = resolver.withoutTimeOff(resolver.forEscalation("acme-shop", 2, NIGHT), Urgency.EMERGENCY, NIGHT);
        assertThat(emergency.staffIds()).containsExactly("bob");
        assertThat(emergency.rule()).isEqualTo("policy default level 2; on time off, paged anyway: EMERGENCY and nobody else at this step");
        assertThat(resolver.withoutTimeOff(resolver.forEscalation("acme-shop", 2, DAY), Urgency.HIGH, DAY).staffIds())
                .as("time off over").containsExactly("bob");
    }

    @Test
    void anAccountManagerOnTimeOffIsSkippedForABreachWhenOnCallIsPaged() {
        RecipientResolver resolver = new RecipientResolver(away("alice", NIGHT.minus(Duration.ofHours(1)), NIGHT.plus(Duration.ofHours(1))), null);
        // alice is in quiet hours at NIGHT, so the breach also pages on call (dave); alice is away, so only dave.
        assertThat(resolver.withoutTimeOff(resolver.forBreach("acme-shop", Urgency.HIGH, NIGHT), Urgency.HIGH, NIGHT).staffIds())
                .containsExactly("dave");
    }

    @Test
    void eachLevelPagesOnItsOwnChannelsEvenWhenSomeoneIsOnTimeOffButTheFinalActionOnEvery() {
        directory.add(TestDirectory.person("erin", null, null))
                .add(TestDirectory.client("text-then-call", "Text Then Call", "alice", "channels"))
                .policy(EscalationPolicy.newBuilder().setPolicyId("channels").setName("channels").setLevels(List.of(
                                EscalationLevel.newBuilder().setRotationId("after-hours").setStaffIds(List.of("erin"))
                                        .setChannels(List.of(NotificationChannel.SMS)).setAckTimeout("PT5M").build(),
                                EscalationLevel.newBuilder().setStaffIds(List.of("bob"))
                                        .setChannels(List.of(NotificationChannel.VOICE)).setAckTimeout("PT5M").build()))
                        .setFinalStaffIds(List.of("duty-manager")).build());
        RecipientResolver resolver = new RecipientResolver(away("dave", NIGHT.minus(Duration.ofDays(1)), NIGHT.plus(Duration.ofDays(1))), null);
        assertThat(resolver.forEscalation("text-then-call", 1, NIGHT).channels()).containsExactly(NotificationChannel.SMS);
        assertThat(resolver.withoutTimeOff(resolver.forEscalation("text-then-call", 1, NIGHT), Urgency.EMERGENCY, NIGHT))
                .satisfies(r -> {
                    assertThat(r.staffIds()).containsExactly("erin");
                    assertThat(r.channels()).containsExactly(NotificationChannel.SMS);
                });
        assertThat(resolver.forEscalation("text-then-call", 2, NIGHT).channels()).containsExactly(NotificationChannel.VOICE);
        assertThat(resolver.forEscalation("text-then-call", 3, NIGHT).channels()).as("the final action").isEmpty();
        assertThat(resolver.forBreach("text-then-call", Urgency.EMERGENCY, NIGHT).channels()).isEmpty();
    }
}
