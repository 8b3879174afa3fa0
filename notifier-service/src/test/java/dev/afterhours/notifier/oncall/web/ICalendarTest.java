package dev.afterhours.notifier.oncall.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ICalendarTest {

    // fixed instant: rendering runs no timer; only the formatting of a given instant matters
    private static final Instant START = Instant.parse("2026-03-29T00:30:00Z");

    @Test
    void rendersRfc5545WithUtcTimesEscapedTextCrlfAndFoldedLines() {
        String name = "Ann, \"the\"; night\\shift\nsecond line " + "ü".repeat(60);
        String ics = ICalendar.render("On call: nights", START, List.of(new ICalendar.Event("uid-1@afterhours", START,
                START.plusSeconds(8 * 3600), "On call: " + name, "Rotation nights (layer nights)")));

        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:").endsWith("END:VCALENDAR\r\n");
        assertThat(ics).contains("\r\nBEGIN:VEVENT\r\nUID:uid-1@afterhours\r\n", "\r\nDTSTART:20260329T003000Z\r\n",
                "\r\nDTEND:20260329T083000Z\r\n", "\r\nEND:VEVENT\r\n");
        assertThat(ics.replace("\r\n ", "")).contains("SUMMARY:On call: Ann\\, \"the\"\\; night\\\\shift\\nsecond line ");
        assertThat(ics.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        assertThat(ics.replace("\r\n ", "")).contains("ü".repeat(60)).as("folded between characters, never inside one");
    }
}
