package dev.afterhours.scheduler.sla;

import dev.afterhours.contracts.EmergencyEscalations;
import dev.afterhours.contracts.MessageReceived;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The words people read: the auto-acknowledgement to the client and the one-line pager summary. */
public final class ClientTexts {

    private static final DateTimeFormatter WEEKDAY_TIME = DateTimeFormatter.ofPattern("EEEE HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter WEEKDAY_DATE_TIME =
            DateTimeFormatter.ofPattern("EEEE d MMMM HH:mm", Locale.ENGLISH);

    private ClientTexts() {
    }

    /**
     * Tells the client, in their own zone, when the team is back and when to expect an answer, e.g.
     * "Thanks, we have your message. Our team is offline until Tuesday 09:00 (America/New_York); expect an answer
     * by Tuesday 13:00."
     */
    public static String acknowledgement(ZoneId zone, Instant receivedAt, Instant openAt, Instant answerBy) {
        LocalDate today = receivedAt.atZone(zone).toLocalDate();
        return "Thanks, we have your message. Our team is offline until " + when(openAt.atZone(zone), today)
                + " (" + zone.getId() + "); expect an answer by " + when(answerBy.atZone(zone), today) + ".";
    }

    /** A weekday alone is clear within the coming week; further out (long holidays) the date is added. */
    private static String when(ZonedDateTime moment, LocalDate today) {
        long days = ChronoUnit.DAYS.between(today, moment.toLocalDate());
        return (days >= 0 && days < 6 ? WEEKDAY_TIME : WEEKDAY_DATE_TIME).format(moment);
    }

    /** "&lt;client name&gt;: &lt;subject, or the first 80 characters of the body&gt;", on one line. */
    public static String summary(String clientName, MessageReceived message) {
        return EmergencyEscalations.summary(clientName, message);
    }
}
