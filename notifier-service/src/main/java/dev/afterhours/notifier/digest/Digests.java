package dev.afterhours.notifier.digest;

import dev.afterhours.businesstime.SupportHours;
import dev.afterhours.contracts.AutoReplyOutcome;
import dev.afterhours.notifier.delivery.SlackPoster;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * When a person's digest is due and what it says. Pure: the hours and the instant come in, nothing is read.
 *
 * <p>The working day D starts at the first open instant of the local date D in the hours' zone. Its digest lists
 * what arrived since the end of the previous working day (the last closing of the latest earlier date with open
 * time, looked for up to two weeks back) until the start of D: the night, the weekend, a holiday; and what is still
 * open from before that (see {@link DigestBook#forDigest}).
 */
public final class Digests {

    /** How far back the previous working day is looked for. */
    static final int LOOK_BACK_DAYS = 14;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);

    private Digests() {
    }

    /**
     * A working day whose digest is due.
     *
     * @param day      the local date of the working day
     * @param since    the end of the previous working day: what arrived from here on is listed
     * @param dayStart the start of the working day: what arrived before here is listed
     */
    public record Window(LocalDate day, Instant since, Instant dayStart) {
    }

    /** The working day that has started by {@code now} on now's local date, if any (none on a day off, or before). */
    public static Optional<Window> due(SupportHours hours, Instant now) {
        ZoneId zone = hours.zone();
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant dayStart;
        try {
            dayStart = hours.nextOpenAt(today.atStartOfDay(zone).toInstant());
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // hours without any open time: no working day ever starts
        }
        if (dayStart.isAfter(now) || !dayStart.atZone(zone).toLocalDate().equals(today)) {
            return Optional.empty();
        }
        Instant since = dayStart.minus(Duration.ofDays(LOOK_BACK_DAYS));
        for (int back = 1; back <= LOOK_BACK_DAYS; back++) {
            LocalDate day = today.minusDays(back);
            Instant start = day.atStartOfDay(zone).toInstant();
            Duration open = hours.openTimeBetween(start, day.plusDays(1).atStartOfDay(zone).toInstant());
            if (open.isPositive()) {
                since = hours.dueAt(start, open); // the day's last closing
                break;
            }
        }
        return Optional.of(new Window(today, since, dayStart));
    }

    public static String subject(Window window, int items) {
        return "[Overnight] " + items + (items == 1 ? " message" : " messages") + " for your clients, "
                + DAY.format(window.day());
    }

    /** The digest's text: one paragraph per SLA, soonest due first, times on the person's clock. */
    public static String body(String name, Window window, List<DigestBook.Entry> entries, Map<String, String> clientNames,
            ZoneId zone) {
        StringBuilder text = new StringBuilder();
        text.append("Good morning ").append(name).append(",\n\n")
                .append("What arrived for your clients since ").append(when(window.since(), zone)).append(" (")
                .append(zone).append("), and what is still open from before, soonest due first:\n");
        int n = 0;
        for (DigestBook.Entry e : entries) {
            n++;
            text.append('\n').append(n).append(". ").append(clientNames.getOrDefault(e.clientId(), e.clientId()))
                    .append(": ").append(e.urgency()).append(", received ").append(when(e.receivedAt(), zone))
                    .append(", due ").append(when(e.dueAt(), zone)).append('\n')
                    .append("   Status: ").append(status(e, zone)).append('\n')
                    .append("   Client told: ").append(told(e.told(), zone)).append('\n')
                    .append("   Conversation ").append(e.conversationId()).append(", SLA ").append(e.slaId()).append('\n');
        }
        return text.toString();
    }

    /** The Slack digest's opening, in mrkdwn. */
    public static String slackIntro(String name, Window window, int items, ZoneId zone) {
        return SlackPoster.escape("Good morning " + name + ": " + items + (items == 1 ? " message" : " messages")
                + " for your clients since " + when(window.since(), zone) + " (" + zone
                + "), and what is still open from before, soonest due first:");
    }

    /**
     * The Slack digest: one mrkdwn line per SLA, in the order given (soonest due first), times on the person's clock,
     * with what the client was told.
     */
    public static List<String> slackLines(List<DigestBook.Entry> entries, Map<String, String> clientNames, ZoneId zone) {
        List<String> lines = new ArrayList<>(entries.size());
        int n = 0;
        for (DigestBook.Entry e : entries) {
            n++;
            lines.add(n + ". *" + SlackPoster.escape(clientNames.getOrDefault(e.clientId(), e.clientId())) + "* "
                    + e.urgency() + ", due *" + when(e.dueAt(), zone) + "* (received " + when(e.receivedAt(), zone)
                    + "), " + SlackPoster.escape(status(e, zone)) + ". Client told: "
                    + SlackPoster.escape(told(e.told(), zone)) + " `" + SlackPoster.escape(e.slaId()) + "`");
        }
        return lines;
    }

    private static String status(DigestBook.Entry e, ZoneId zone) {
        String deferred = e.deferredUntil() == null ? "" : ", waited for the opening at " + when(e.deferredUntil(), zone);
        return switch (e.status()) {
            case OPEN -> "open" + deferred;
            case WARNED -> "open, warned (due soon)" + deferred;
            case MET -> "answered " + (e.closedAt() == null ? "" : when(e.closedAt(), zone));
            case BREACHED -> "breached " + (e.closedAt() == null ? "" : when(e.closedAt(), zone));
        };
    }

    private static String told(DigestBook.@Nullable Told told, ZoneId zone) {
        if (told == null) {
            return "nothing (no acknowledgement was asked for: the message came in hours, was urgent, or the client "
                    + "had one recently)";
        }
        String what = "\"" + told.text() + "\"";
        AutoReplyOutcome outcome = told.outcome();
        if (outcome == null || outcome == AutoReplyOutcome.ATTEMPTED) {
            return what + " (" + told.channel() + " to " + told.to() + ", not confirmed sent)";
        }
        return switch (outcome) {
            case SENT -> what + " (" + told.channel() + " to " + told.to() + ", sent " + when(told.at(), zone) + ")";
            case FAILED -> "nothing: the acknowledgement to " + told.to() + " failed";
            case OPTED_OUT -> "nothing: the client opted out of acknowledgements";
            case UNSUPPORTED_CHANNEL -> "nothing: acknowledgements on " + told.channel() + " are not sent yet";
            case STALE -> "nothing: the acknowledgement was too late to send";
            case ATTEMPTED -> what;
        };
    }

    private static String when(@Nullable Instant at, ZoneId zone) {
        return at == null ? "?" : WHEN.format(at.atZone(zone));
    }
}
