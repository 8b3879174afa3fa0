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
}
