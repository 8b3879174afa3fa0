package dev.afterhours.notifier.oncall.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.EscalationLevel;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.StaffTimeOff;
import dev.afterhours.notifier.oncall.PageCounts;
import dev.afterhours.notifier.oncall.RecipientResolver;
import dev.afterhours.notifier.oncall.TestDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Who is on call for this client" answers as the pager would page: time off is taken into account. */
class ClientOnCallTest {

    // fixed instant: the directory's rotation is anchored to it; nothing here runs a timer
    private static final Instant NIGHT = Instant.parse("2026-03-04T03:00:00Z");

    private final TestDirectory directory = new TestDirectory()
            .add(TestDirectory.client("acme-shop", "Acme Shop", "alice", "default"))
            .add(TestDirectory.person("alice", null, null))
            .add(TestDirectory.person("carol", null, null))
            .add(TestDirectory.person("dave", null, null))
            .add(TestDirectory.person("erin", null, null))
            .rotation("after-hours", Instant.parse("2026-03-01T00:00:00Z"), "P1D", "carol", "dave")
            .policy("default", EscalationLevel.newBuilder().setRotationId("after-hours").setStaffIds(List.of("erin"))
                    .setAckTimeout("PT10M").build());
    private final OnCallController controller = new OnCallController(directory, new RecipientResolver(directory, null),
            PageCounts.NONE, Clock.fixed(NIGHT, ZoneOffset.UTC));

    @Test
    void thePersonOnCallIsNamed_andSkippedWhileOnTimeOff() {
        // 2026-03-04 is 3 days after the rotation's start: 3 mod 2 = 1 -> dave
        assertThat(controller.clientOnCall("acme-shop", null).get("staffIds")).isEqualTo(List.of("dave", "erin"));

        StaffMember dave = directory.staff("dave").orElseThrow();
        directory.add(StaffMember.newBuilder(dave).setTimeOff(List.of(StaffTimeOff.newBuilder()
                .setFrom(NIGHT.minus(Duration.ofDays(1))).setTo(NIGHT.plus(Duration.ofDays(1))).build())).build());

        Map<String, Object> answer = controller.clientOnCall("acme-shop", null);
        assertThat(answer.get("staffIds")).isEqualTo(List.of("erin"));
        assertThat((String) answer.get("rule")).contains("skipped on time off: dave");
        // two days later (day 5 of the rotation: dave's turn again), back from time off
        assertThat(controller.clientOnCall("acme-shop", NIGHT.plus(Duration.ofDays(2)).toString()).get("staffIds"))
                .as("back from time off").isEqualTo(List.of("dave", "erin"));
    }

    @Test
    void theScheduleShowsEachPersonsHoursOnCallAndPagesOverTheLastThirtyDays_mostLoadedFirst() {
        PageCounts counted = new PageCounts() {
            @Override
            public Map<String, Long> byStaff(Instant from, Instant to) {
                assertThat(Duration.between(from, to)).isEqualTo(Duration.ofDays(30));
                assertThat(to).isEqualTo(NIGHT);
                return Map.of("dave", 2L, "erin", 5L);
            }

            @Override
            public boolean complete() {
                return false;
            }
        };
        OnCallController withPages = new OnCallController(directory, new RecipientResolver(directory, null), counted,
                Clock.fixed(NIGHT, ZoneOffset.UTC));

        @SuppressWarnings("unchecked")
        Map<String, Object> load = (Map<String, Object>) withPages.schedule("after-hours", null, null).get("lastThirtyDays");

        // the rotation began 2026-03-01: carol had the 1st and the 3rd, dave the 2nd and the 4th until 03:00
        assertThat(load.get("people")).isEqualTo(List.of(
                Map.of("staffId", "dave", "hoursOnCall", 27.0, "pagesReceived", 2L),
                Map.of("staffId", "carol", "hoursOnCall", 48.0, "pagesReceived", 0L)));
        assertThat(load.get("complete")).as("said while the reports are still being rebuilt").isEqualTo(false);
    }
}
