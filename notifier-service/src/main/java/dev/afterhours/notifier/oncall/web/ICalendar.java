package dev.afterhours.notifier.oncall.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A final schedule as an RFC 5545 calendar: one VEVENT per shift with a UID stable per shift, DTSTART/DTEND in UTC,
 * CRLF line endings, text escaped (backslash, semicolon, comma, newline) and lines folded at 75 octets.
 */
final class ICalendar {

    /** One shift: {@code uid} must be the same every time the same shift is rendered. */
    record Event(String uid, Instant start, Instant end, String summary, String description) {
    }

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String CRLF = "\r\n";

    private ICalendar() {
    }

    static String render(String name, Instant stamp, List<Event> events) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Afterhours//On call//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "X-WR-CALNAME:" + text(name));
        for (Event event : events) {
            line(out, "BEGIN:VEVENT");
            line(out, "UID:" + event.uid());
            line(out, "DTSTAMP:" + UTC.format(stamp));
            line(out, "DTSTART:" + UTC.format(event.start()));
            line(out, "DTEND:" + UTC.format(event.end()));
            line(out, "SUMMARY:" + text(event.summary()));
            line(out, "DESCRIPTION:" + text(event.description()));
            line(out, "TRANSP:OPAQUE");
            line(out, "END:VEVENT");
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    /** TEXT value escaping (RFC 5545 3.3.11). */
    static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    /** Appends a content line folded so no line is longer than 75 octets (RFC 5545 3.1), never inside a character. */
    private static void line(StringBuilder out, String content) {
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append(CRLF).append(' ');
                octets = 1;
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append(CRLF);
    }
}
