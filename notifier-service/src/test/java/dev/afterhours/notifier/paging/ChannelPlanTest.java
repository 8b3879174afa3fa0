package dev.afterhours.notifier.paging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.NotificationChannel;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.notifier.paging.ChannelPlan.Decision;
import dev.afterhours.notifier.paging.ChannelPlan.Send;
import dev.afterhours.notifier.paging.ChannelPlan.Unreachable;
import dev.afterhours.notifier.paging.ChannelPlan.Withhold;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelPlanTest {

    /** 23:30 in Berlin (UTC+1 in January). */
    private static final Instant LATE = Instant.parse("2026-01-14T22:30:00Z");
    private static final Instant NOON = Instant.parse("2026-01-14T11:00:00Z");

    private static StaffMember.Builder bob() {
        return StaffMember.newBuilder().setStaffId("bob").setName("Bob").setZone("Europe/Berlin")
                .setEmail("bob@agency.example").setWebhookUrl("https://pager.example/bob")
                .setQuietFrom("22:00").setQuietTo("07:00");
    }

    @Test
    void emergencyUsesEveryChannelEvenInQuietHours() {
        assertThat(ChannelPlan.plan(bob().build(), Urgency.EMERGENCY, LATE)).containsExactly(
                new Send(NotificationChannel.WEBHOOK, "https://pager.example/bob"),
                new Send(NotificationChannel.EMAIL, "bob@agency.example"));
    }

    @Test
    void belowEmergencyQuietHoursMeanSilentEmailOnly() {
        List<Decision> plan = ChannelPlan.plan(bob().build(), Urgency.HIGH, LATE);
        assertThat(plan).hasSize(2);
        assertThat(plan.get(0)).isInstanceOf(Withhold.class).extracting(Decision::channel).isEqualTo(NotificationChannel.WEBHOOK);
        assertThat(plan.get(1)).isEqualTo(new Send(NotificationChannel.EMAIL, "bob@agency.example"));
    }

    @Test
    void belowEmergencyOutsideQuietHoursEveryChannel() {
        assertThat(ChannelPlan.plan(bob().build(), Urgency.NORMAL, NOON)).containsExactly(
                new Send(NotificationChannel.WEBHOOK, "https://pager.example/bob"),
                new Send(NotificationChannel.EMAIL, "bob@agency.example"));
    }

    @Test
    void quietWithoutEmailIsARecordedFailureNotASilentDrop() {
        List<Decision> plan = ChannelPlan.plan(bob().setEmail(null).build(), Urgency.HIGH, LATE);
        assertThat(plan).last().isInstanceOf(Unreachable.class);
    }

    @Test
    void aPhoneAloneIsNoChannelWithoutAnSmsProvider() {
        StaffMember phoneOnly = bob().setEmail(null).setWebhookUrl(null).setPhone("+4930555010").build();
        assertThat(ChannelPlan.plan(phoneOnly, Urgency.EMERGENCY, LATE)).singleElement()
                .isInstanceOf(Unreachable.class).extracting(Decision::channel).isEqualTo(NotificationChannel.SMS);
    }

    @Test
    void anEmergencyInQuietHoursWakesOnlyOnTheChosenChannels() {
        StaffMember webhookOnly = bob().setWakeChannels(List.of(NotificationChannel.WEBHOOK)).build();
        List<Decision> plan = ChannelPlan.plan(webhookOnly, Urgency.EMERGENCY, LATE);
        assertThat(plan.get(0)).isEqualTo(new Send(NotificationChannel.WEBHOOK, "https://pager.example/bob"));
        assertThat(plan.get(1)).isInstanceOf(Withhold.class).extracting(Decision::channel).isEqualTo(NotificationChannel.EMAIL);
        assertThat(((Withhold) plan.get(1)).why()).contains("may only be woken on [WEBHOOK]");
    }

    @Test
    void wakeChannelsDoNotMatterOutsideQuietHoursNorBelowEmergency() {
        StaffMember webhookOnly = bob().setWakeChannels(List.of(NotificationChannel.WEBHOOK)).build();
        assertThat(ChannelPlan.plan(webhookOnly, Urgency.EMERGENCY, NOON)).containsExactly(
                new Send(NotificationChannel.WEBHOOK, "https://pager.example/bob"),
                new Send(NotificationChannel.EMAIL, "bob@agency.example"));
        List<Decision> high = ChannelPlan.plan(webhookOnly, Urgency.HIGH, LATE);
        assertThat(high.get(0)).isInstanceOf(Withhold.class).extracting(Decision::channel).isEqualTo(NotificationChannel.WEBHOOK);
        assertThat(high.get(1)).isEqualTo(new Send(NotificationChannel.EMAIL, "bob@agency.example"));
    }

    @Test
    void anEmergencyWithNoneOfTheWakeChannelsIsARecordedFailure() {
        StaffMember smsOnly = bob().setWebhookUrl(null).setWakeChannels(List.of(NotificationChannel.SMS)).build();
        List<Decision> plan = ChannelPlan.plan(smsOnly, Urgency.EMERGENCY, LATE);
        assertThat(plan).first().isInstanceOf(Withhold.class);
        assertThat(plan).last().isInstanceOf(Unreachable.class);
        assertThat(plan).noneMatch(d -> d instanceof Send);
    }

    // --- SMS, voice and Slack --------------------------------------------------------------------------------------

    private static final ChannelPlan.Providers ALL = new ChannelPlan.Providers(true, true, true);

    private static StaffMember.Builder reachableEverywhere() {
        return bob().setPhone("+4930555010").setSlackUserId("U024BE7LH");
    }

    @Test
    void withTheProvidersConfiguredAPhoneIsAnSmsAndASlackIdIsSlackButNoCallUnlessTheLevelAsks() {
        assertThat(ChannelPlan.plan(reachableEverywhere().build(), Urgency.EMERGENCY, NOON, List.of(), ALL)).containsExactly(
                new Send(NotificationChannel.WEBHOOK, "https://pager.example/bob"),
                new Send(NotificationChannel.EMAIL, "bob@agency.example"),
                new Send(NotificationChannel.SMS, "+4930555010"),
                new Send(NotificationChannel.SLACK, "U024BE7LH"));
    }

    @Test
    void aLevelPagesOnlyOnItsChannelsAndVoiceWhereItNamesIt() {
        assertThat(ChannelPlan.plan(reachableEverywhere().build(), Urgency.EMERGENCY, LATE,
                List.of(NotificationChannel.SMS), ALL)).containsExactly(new Send(NotificationChannel.SMS, "+4930555010"));
        assertThat(ChannelPlan.plan(reachableEverywhere().build(), Urgency.EMERGENCY, LATE,
                List.of(NotificationChannel.VOICE, NotificationChannel.EMAIL), ALL)).containsExactly(
                new Send(NotificationChannel.EMAIL, "bob@agency.example"),
                new Send(NotificationChannel.VOICE, "+4930555010"));
    }

    @Test
    void aLevelAskingForAChannelThePersonLacksIsARecordedFailure() {
        assertThat(ChannelPlan.plan(bob().build(), Urgency.EMERGENCY, NOON, List.of(NotificationChannel.VOICE), ALL))
                .singleElement().isEqualTo(new Unreachable(NotificationChannel.VOICE, "", "has none of this level's channels [VOICE]"));
    }

    @Test
    void belowEmergencyInQuietHoursNothingThatPushesNotEvenATextOrACall() {
        List<Decision> plan = ChannelPlan.plan(reachableEverywhere().build(), Urgency.HIGH, LATE,
                List.of(NotificationChannel.SMS, NotificationChannel.VOICE, NotificationChannel.SLACK, NotificationChannel.EMAIL), ALL);
        assertThat(plan).filteredOn(d -> d instanceof Send).containsExactly(new Send(NotificationChannel.EMAIL, "bob@agency.example"));
        assertThat(plan).filteredOn(d -> d instanceof Withhold).extracting(Decision::channel)
                .containsExactly(NotificationChannel.SMS, NotificationChannel.VOICE, NotificationChannel.SLACK);
        assertThat(ChannelPlan.plan(reachableEverywhere().build(), Urgency.HIGH, LATE, List.of(NotificationChannel.SMS), ALL))
                .last().isEqualTo(new Unreachable(NotificationChannel.EMAIL, "",
                        "in quiet hours, and this level pages only on [SMS]: nothing silent to page on"));
    }

    @Test
    void anEmergencyInQuietHoursTextsAndCallsOnlyWhenThoseAreWakeChannels() {
        StaffMember textsOnly = reachableEverywhere().setWakeChannels(List.of(NotificationChannel.SMS)).build();
        List<Decision> plan = ChannelPlan.plan(textsOnly, Urgency.EMERGENCY, LATE,
                List.of(NotificationChannel.SMS, NotificationChannel.VOICE), ALL);
        assertThat(plan.get(0)).isEqualTo(new Send(NotificationChannel.SMS, "+4930555010"));
        assertThat(plan.get(1)).isInstanceOf(Withhold.class).extracting(Decision::channel).isEqualTo(NotificationChannel.VOICE);
    }

    @Test
    void aChannelWhoseProviderIsNotConfiguredIsNamedOnlyWhenNothingElseReachesThePerson() {
        assertThat(ChannelPlan.plan(reachableEverywhere().build(), Urgency.EMERGENCY, NOON, List.of(), ChannelPlan.Providers.NONE))
                .containsExactly(new Send(NotificationChannel.WEBHOOK, "https://pager.example/bob"),
                        new Send(NotificationChannel.EMAIL, "bob@agency.example"));
        assertThat(ChannelPlan.plan(reachableEverywhere().build(), Urgency.EMERGENCY, NOON, List.of(NotificationChannel.SLACK),
                new ChannelPlan.Providers(true, true, false))).singleElement()
                .isEqualTo(new Unreachable(NotificationChannel.SLACK, "U024BE7LH",
                        "no Slack app (afterhours.notifier.slack) is configured and bob has no other channel of this level [SLACK]"));
    }
}
