package dev.afterhours.notifier.report;

import static dev.afterhours.notifier.report.ReportEvents.acknowledged;
import static dev.afterhours.notifier.report.ReportEvents.breached;
import static dev.afterhours.notifier.report.ReportEvents.classified;
import static dev.afterhours.notifier.report.ReportEvents.correction;
import static dev.afterhours.notifier.report.ReportEvents.met;
import static dev.afterhours.notifier.report.ReportEvents.page;
import static dev.afterhours.notifier.report.ReportEvents.resolved;
import static dev.afterhours.notifier.report.ReportEvents.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.afterhours.businesstime.schedule.Entry;
import dev.afterhours.businesstime.schedule.Source;
import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.NotificationChannel;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.notifier.report.ReportStore.Dimension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The reports' arithmetic on an injected clock (nothing here reads the wall clock): SLA outcomes with business and
 * wall times, an SLA still open at the end of the range, corrections (the latest wins), the urgent lane, pages by
 * hour on the responder's clock across the October DST change in Berlin, a night across midnight, quiet hours, the
 * share of the team's nights, and MTTA/MTTR per level reached.
 */
class ReportStoreTest {

    static final String ACME = "acme";
    static final String GLOBEX = "globex";
    static final String EMERGENCY_LINE = "+15559110000";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    static final ReportRange NOVEMBER = new ReportRange(Instant.parse("2026-11-02T00:00:00Z"),
            Instant.parse("2026-11-16T00:00:00Z"));

    final ReportEvents.Directory directory = new ReportEvents.Directory()
            .add(ReportEvents.client(ACME, "UTC", EMERGENCY_LINE))
            .add(ReportEvents.client(GLOBEX, "UTC"))
            .add(ReportEvents.person("carl", "UTC", "22:00", "07:00"))
            .add(ReportEvents.person("berta", "Europe/Berlin", "22:00", "07:00"))
            .onCall("carl", Duration.ofHours(36)).onCall("dora", Duration.ofHours(12));
    final ReportStore store = new ReportStore(directory, Duration.ofDays(400), CLOCK, ReportListener.NONE);

    @Test
    void slaOutcomesWithBusinessAndWallTimesAndOneStillOpenAtTheEndOfTheRange() {
        // Friday 16:00, answered Monday 10:00: 66 hours on the wall clock, 2 in the client's 09-17 weekdays
        store.apply(classified("m1", ACME, Channel.SMS, Urgency.HIGH, AfterHoursStatus.IN_HOURS, at("2026-11-06T16:00:00Z")));
        store.apply(started("m1", ACME, Urgency.HIGH, at("2026-11-06T16:00:00Z")));
        store.apply(met("m1", ACME, Urgency.HIGH, at("2026-11-09T10:00:00Z")));
        store.apply(classified("m2", ACME, Channel.SMS, Urgency.HIGH, AfterHoursStatus.IN_HOURS, at("2026-11-09T10:00:00Z")));
        store.apply(started("m2", ACME, Urgency.HIGH, at("2026-11-09T10:00:00Z")));
        store.apply(breached("m2", ACME, Urgency.HIGH, at("2026-11-09T14:00:00Z")));
        // the SLA read before its message (topics are read side by side): the channel still comes from the message
        store.apply(started("m3", ACME, Urgency.HIGH, at("2026-11-15T23:00:00Z")));
        store.apply(classified("m3", ACME, Channel.EMAIL, Urgency.HIGH, AfterHoursStatus.WEEKEND, at("2026-11-15T23:00:00Z")));
        // arrived before the range: not in it, though it was met inside it
        store.apply(classified("m0", ACME, Channel.SMS, Urgency.HIGH, AfterHoursStatus.IN_HOURS, at("2026-11-01T10:00:00Z")));
        store.apply(started("m0", ACME, Urgency.HIGH, at("2026-11-01T10:00:00Z")));
        store.apply(met("m0", ACME, Urgency.HIGH, at("2026-11-02T10:00:00Z")));
        // a met without a start (older than the topic keeps) is counted nowhere
        store.apply(met("gone", ACME, Urgency.HIGH, at("2026-11-03T10:00:00Z")));

        List<Map<String, @Nullable Object>> rows = store.sla(NOVEMBER,
                EnumSet.of(Dimension.CLIENT, Dimension.URGENCY, Dimension.CHANNEL), null).rowObjects();

        assertThat(rows).hasSize(2);
        Map<String, @Nullable Object> email = rows.get(0);
        assertThat(email).containsEntry("clientId", ACME).containsEntry("urgency", "HIGH").containsEntry("channel", "EMAIL")
                .containsEntry("started", 1L).containsEntry("open", 1L).containsEntry("met", 0L)
                .containsEntry("attainment", null).containsEntry("medianWallSeconds", null);
        Map<String, @Nullable Object> sms = rows.get(1);
        assertThat(sms).containsEntry("channel", "SMS").containsEntry("started", 2L).containsEntry("met", 1L)
                .containsEntry("breached", 1L).containsEntry("open", 0L).containsEntry("attainment", 0.5);
        assertThat((Long) sms.get("medianWallSeconds")).isCloseTo(66 * 3600L, within(66 * 36L));
        assertThat((Long) sms.get("p90WallSeconds")).isCloseTo(66 * 3600L, within(66 * 36L));
        assertThat((Long) sms.get("medianBusinessSeconds")).isCloseTo(2 * 3600L, within(72L));
        assertThat(store.unmatchedSlaOutcomes()).isEqualTo(1);

        List<Map<String, @Nullable Object>> byUrgency = store.sla(NOVEMBER, EnumSet.of(Dimension.URGENCY), null).rowObjects();
        assertThat(byUrgency).singleElement().satisfies(row -> assertThat(row).containsOnlyKeys("urgency", "started",
                        "met", "breached", "open", "attainment", "medianWallSeconds", "p90WallSeconds",
                        "medianBusinessSeconds", "p90BusinessSeconds")
                .containsEntry("started", 3L).containsEntry("open", 1L));
        assertThat(store.openSlas()).containsEntry(Urgency.HIGH, 1L).containsEntry(Urgency.EMERGENCY, 0L);
    }

    @Test
    void pagesByHourOnTheRespondersClockAcrossTheOctoberDstChangeInBerlin() {
        // 02:30 CEST, then an hour later 02:30 CET again (the clocks went back at 01:00 UTC): both hour 02, one night
        pages("dst1", ACME, "berta", NotificationChannel.WEBHOOK, Urgency.EMERGENCY, "2026-10-25T00:30:00Z");
        pages("dst2", ACME, "berta", NotificationChannel.WEBHOOK, Urgency.EMERGENCY, "2026-10-25T01:30:00Z");
        // in spring 01:30 UTC is 03:30 CEST (02:00-03:00 never happened)
        pages("dst3", ACME, "berta", NotificationChannel.WEBHOOK, Urgency.EMERGENCY, "2026-03-29T01:30:00Z");

        Map<String, @Nullable Object> autumn = responder(new ReportRange(at("2026-10-24T00:00:00Z"), at("2026-10-26T00:00:00Z")), "berta");
        assertThat(autumn).containsEntry("zone", "Europe/Berlin").containsEntry("pages", 2L).containsEntry("h02", 2L)
                .containsEntry("h01", 0L).containsEntry("h03", 0L).containsEntry("nights", 1L)
                .containsEntry("wokeInQuietHours", 2L).containsEntry("wokeInQuietHoursBelowEmergency", 0L);
        Map<String, @Nullable Object> spring = responder(new ReportRange(at("2026-03-28T00:00:00Z"), at("2026-03-30T00:00:00Z")), "berta");
        assertThat(spring).containsEntry("pages", 1L).containsEntry("h03", 1L).containsEntry("h02", 0L);
    }

    @Test
    void aNightAcrossMidnightQuietHoursAndTheSilentEmail() {
        nightOfCarl();

        Map<String, @Nullable Object> carl = responder(NOVEMBER, "carl");
        assertThat(carl).containsEntry("pages", 6L).containsEntry("pagesEmergency", 2L).containsEntry("pagesHigh", 4L)
                .containsEntry("h23", 1L).containsEntry("h00", 1L).containsEntry("h02", 1L).containsEntry("h12", 1L)
                .containsEntry("h03", 1L).containsEntry("h01", 1L)
                // 23:30 and 00:30 are one night (of the 10th); 02:00 on the 11th too; 03:00 on the 12th is the 11th's;
                // 01:00 on the 13th the 12th's
                .containsEntry("nights", 3L)
                // in 22:00-07:00: all but 12:00; the 02:00 HIGH went by email only (silent), the 03:00 HIGH woke him
                .containsEntry("inQuietHours", 5L).containsEntry("wokeInQuietHours", 4L)
                .containsEntry("wokeInQuietHoursBelowEmergency", 2L)
                .containsEntry("responderMinutes", 60L).containsEntry("plannedOnCallMinutes", 36 * 60L);
        // on call but never paged: still a row, with the time on call
        assertThat(responder(NOVEMBER, "dora")).containsEntry("pages", 0L).containsEntry("plannedOnCallMinutes", 12 * 60L);
        // over the on-call API's 92 days, the planned time is not computed
        assertThat(responder(new ReportRange(at("2026-06-01T00:00:00Z"), at("2026-11-16T00:00:00Z")), "carl"))
                .containsEntry("plannedOnCallMinutes", null);
    }

    @Test
    void onCallInTwoRotationsAtOnceCountsOnce() {
        Instant t = at("2026-11-10T00:00:00Z");
        Source layer = new Source.OfLayer(0, "nights");
        List<Entry> shifts = List.of(
                new Entry(t, t.plusSeconds(3600), "carl", layer),
                new Entry(t.plusSeconds(1800), t.plusSeconds(7200), "carl", layer),
                new Entry(t.plusSeconds(10_800), t.plusSeconds(14_400), "carl", layer));
        assertThat(dev.afterhours.notifier.oncall.FinalSchedules.timeCovered(shifts)).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void clientBurdenWithTrueAndFalse911sTheUrgentLaneAndTheShareOfNights() {
        Instant night = at("2026-11-10T23:00:00Z");
        // on the emergency line after hours, then corrected to LOW: a false 911 and a 411 sent as if urgent
        store.apply(classified("a1", ACME, Channel.SMS, Urgency.EMERGENCY, AfterHoursStatus.AFTER_HOURS, night, EMERGENCY_LINE));
        store.apply(correction("a1", ACME, Urgency.EMERGENCY, Urgency.LOW, night, night.plusSeconds(600)));
        store.apply(classified("a2", ACME, Channel.SMS, Urgency.EMERGENCY, AfterHoursStatus.AFTER_HOURS, night));
        store.apply(classified("a3", ACME, Channel.EMAIL, Urgency.NORMAL, AfterHoursStatus.IN_HOURS, at("2026-11-10T10:00:00Z")));
        // raised to EMERGENCY by staff: a true 911 the classifier missed
        store.apply(classified("a4", ACME, Channel.EMAIL, Urgency.HIGH, AfterHoursStatus.WEEKEND, at("2026-11-08T10:00:00Z")));
        store.apply(correction("a4", ACME, Urgency.HIGH, Urgency.EMERGENCY, at("2026-11-08T10:00:00Z"), at("2026-11-08T11:00:00Z")));
        // corrected down, then back up: the latest correction wins, in whatever order they are read
        store.apply(classified("a5", ACME, Channel.SMS, Urgency.EMERGENCY, AfterHoursStatus.AFTER_HOURS, night));
        store.apply(correction("a5", ACME, Urgency.EMERGENCY, Urgency.EMERGENCY, night, night.plusSeconds(900)));
        store.apply(correction("a5", ACME, Urgency.EMERGENCY, Urgency.NORMAL, night, night.plusSeconds(300)));
        // a staff reply is no load
        store.apply(classified("r1", ACME, Channel.SMS, Urgency.NORMAL, AfterHoursStatus.AFTER_HOURS, night, Direction.OUTBOUND));
        store.apply(classified("g1", GLOBEX, Channel.EMAIL, Urgency.LOW, AfterHoursStatus.HOLIDAY, night));
        nightOfCarl();

        List<Map<String, @Nullable Object>> rows = store.clientBurden(NOVEMBER, null).rowObjects();

        assertThat(rows).extracting(r -> r.get("clientId")).containsExactly(ACME, GLOBEX);
        assertThat(rows.get(0)).containsEntry("clientName", "Client acme").containsEntry("inboundMessages", 5L)
                .containsEntry("afterHoursMessages", 4L).containsEntry("true911s", 3L).containsEntry("false911s", 1L)
                .containsEntry("raisedTo911", 1L).containsEntry("urgentLane411s", 1L).containsEntry("pages", 5L)
                .containsEntry("incidents", 5L).containsEntry("responderMinutes", 60L)
                .containsEntry("nights", 2L).containsEntry("teamNights", 3L).containsEntry("nightShare", 0.6667);
        assertThat(rows.get(1)).containsEntry("inboundMessages", 1L).containsEntry("afterHoursMessages", 1L)
                .containsEntry("pages", 1L).containsEntry("nights", 1L).containsEntry("nightShare", 0.3333);

        assertThat(store.messages(NOVEMBER, EnumSet.of(Dimension.STATUS), null).rowObjects())
                .extracting(r -> r.get("afterHoursStatus") + "=" + r.get("messages"))
                .containsExactly("AFTER_HOURS=3", "HOLIDAY=1", "IN_HOURS=1", "WEEKEND=1");
        assertThat(store.clientBurden(NOVEMBER, GLOBEX).rowObjects()).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("clientId", GLOBEX).containsEntry("teamNights", 3L));
    }

    @Test
    void incidentHistoryPerLevelReached() {
        nightOfCarl();
        // reached level 2: level 1 paged, nobody acknowledged, level 2 acknowledged after 20 minutes, never resolved
        Instant opened = at("2026-11-14T02:00:00Z");
        pagesAt("lvl2", GLOBEX, "carl", NotificationChannel.WEBHOOK, 1, Urgency.EMERGENCY, opened);
        pagesAt("lvl2", GLOBEX, "berta", NotificationChannel.WEBHOOK, 2, Urgency.EMERGENCY, opened.plusSeconds(600));
        store.apply(acknowledged("lvl2", GLOBEX, "berta", opened.plusSeconds(1200)));

        List<Map<String, @Nullable Object>> rows = store.incidents(NOVEMBER, null).rowObjects();

        assertThat(rows).extracting(r -> r.get("levelReached")).containsExactly("1", "2", "all");
        // level 1: six incidents; e1 acknowledged after 5 minutes and resolved after 65
        assertThat(rows.get(0)).containsEntry("incidents", 6L).containsEntry("acknowledged", 1L)
                .containsEntry("resolved", 1L).containsEntry("open", 5L).containsEntry("mttaSeconds", 300L)
                .containsEntry("mttrSeconds", 3900L);
        assertThat(rows.get(1)).containsEntry("incidents", 1L).containsEntry("acknowledged", 1L)
                .containsEntry("resolved", 0L).containsEntry("mttaSeconds", 1200L).containsEntry("mttrSeconds", null);
        assertThat(rows.get(2)).containsEntry("incidents", 7L).containsEntry("acknowledged", 2L)
                .containsEntry("mttaSeconds", 750L).containsEntry("medianTtaSeconds", 300L);
        assertThat(store.incidents(NOVEMBER, GLOBEX).rowObjects()).extracting(r -> r.get("levelReached"))
                .containsExactly("1", "2", "all");
    }

    @Test
    void dropsWhatIsOlderThanTheRetention() {
        ReportStore shortMemory = new ReportStore(directory, Duration.ofDays(10), CLOCK, ReportListener.NONE);
        shortMemory.apply(classified("old", ACME, Channel.SMS, Urgency.LOW, AfterHoursStatus.IN_HOURS, at("2026-11-10T10:00:00Z")));
        shortMemory.apply(classified("new", ACME, Channel.SMS, Urgency.LOW, AfterHoursStatus.IN_HOURS, at("2026-11-25T10:00:00Z")));

        assertThat(shortMemory.messages(new ReportRange(at("2026-11-01T00:00:00Z"), at("2026-11-30T00:00:00Z")),
                EnumSet.noneOf(Dimension.class), null).rowObjects()).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("messages", 1L));
    }

    /**
     * Carl (UTC, quiet 22:00-07:00), client acme: EMERGENCY 23:30 on the 10th (acknowledged at +5 min, resolved at
     * +65 min) and 00:30 on the 11th, both by webhook; HIGH 02:00 by email only; HIGH 12:00 by webhook; HIGH 03:00 on
     * the 12th by webhook and email (one page). Globex: HIGH 01:00 on the 13th by webhook. Each page read twice.
     */
    void nightOfCarl() {
        pages("e1", ACME, "carl", NotificationChannel.WEBHOOK, Urgency.EMERGENCY, "2026-11-10T23:30:00Z");
        store.apply(acknowledged("e1", ACME, "carl", at("2026-11-10T23:35:00Z")));
        store.apply(resolved("e1", ACME, "carl", at("2026-11-11T00:35:00Z")));
        pages("e2", ACME, "carl", NotificationChannel.WEBHOOK, Urgency.EMERGENCY, "2026-11-11T00:30:00Z");
        pages("e3", ACME, "carl", NotificationChannel.EMAIL, Urgency.HIGH, "2026-11-11T02:00:00Z");
        pages("e4", ACME, "carl", NotificationChannel.WEBHOOK, Urgency.HIGH, "2026-11-11T12:00:00Z");
        pages("e5", ACME, "carl", NotificationChannel.EMAIL, Urgency.HIGH, "2026-11-12T03:00:00Z");
        pages("e5", ACME, "carl", NotificationChannel.WEBHOOK, Urgency.HIGH, "2026-11-12T03:00:00Z");
        pages("e6", GLOBEX, "carl", NotificationChannel.WEBHOOK, Urgency.HIGH, "2026-11-13T01:00:00Z");
    }

    private void pages(String escalationId, String clientId, String staffId, NotificationChannel channel, Urgency urgency,
            String at) {
        pagesAt(escalationId, clientId, staffId, channel, 1, urgency, at(at));
    }

    private void pagesAt(String escalationId, String clientId, String staffId, NotificationChannel channel, int level,
            Urgency urgency, Instant at) {
        List<NotificationEvent> events = page(escalationId, clientId, staffId, channel, level, urgency, at);
        events.forEach(store::apply);
        events.forEach(store::apply); // a second read of the same events changes nothing
    }

    private Map<String, @Nullable Object> responder(ReportRange range, String staffId) {
        return store.responders(range).rowObjects().stream().filter(r -> staffId.equals(r.get("staffId"))).findFirst()
                .orElseThrow();
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
