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
import org.jspecify.annotations.Nullable;

/**
 * The words people read: the auto-acknowledgement to the client and the update when its SLA is breached, in the
 * client's language, and the one-line pager summary. The times in the acknowledgement are the SLA's own (the plan's opening and due instants), shown on the
 * client's wall clock in its zone: this is the only place the answer time is put into words; the notifier sends it
 * as written.
 */
public final class ClientTexts {

    /** The languages the acknowledgement is written in; any other, or none, is English. */
    public enum Language {
        EN(Locale.ENGLISH, "EEEE HH:mm", "EEEE d MMMM HH:mm",
                "Thanks, we have your message. Our team is offline until %s (%s); expect an answer by %s.",
                "We have not answered your message yet, and we are sorry for the wait. We now expect to answer by %s "
                        + "(%s)."),
        DE(Locale.GERMAN, "EEEE HH:mm", "EEEE, d. MMMM HH:mm",
                "Danke, wir haben Ihre Nachricht. Unser Team ist bis %s (%s) nicht erreichbar; Sie erhalten eine "
                        + "Antwort bis %s.",
                "Wir haben Ihre Nachricht noch nicht beantwortet, bitte entschuldigen Sie die Wartezeit. Sie erhalten "
                        + "nun eine Antwort bis %s (%s)."),
        FR(Locale.FRENCH, "EEEE HH:mm", "EEEE d MMMM HH:mm",
                "Merci, nous avons bien reçu votre message. Notre équipe est absente jusqu'à %s (%s) ; vous aurez "
                        + "une réponse d'ici %s.",
                "Nous n'avons pas encore répondu à votre message, veuillez nous excuser pour l'attente. Vous aurez "
                        + "désormais une réponse d'ici %s (%s)."),
        ES(Locale.of("es"), "EEEE HH:mm", "EEEE d 'de' MMMM HH:mm",
                "Gracias, hemos recibido su mensaje. Nuestro equipo no está disponible hasta el %s (%s); recibirá "
                        + "una respuesta antes del %s.",
                "Todavía no hemos respondido a su mensaje; disculpe la espera. Ahora prevemos responderle antes del "
                        + "%s (%s).");

        private final Locale locale;
        private final DateTimeFormatter weekdayTime;
        private final DateTimeFormatter weekdayDateTime;
        private final String acknowledgement;
        private final String update;

        Language(Locale locale, String weekdayTime, String weekdayDateTime, String acknowledgement, String update) {
            this.locale = locale;
            this.weekdayTime = DateTimeFormatter.ofPattern(weekdayTime, locale);
            this.weekdayDateTime = DateTimeFormatter.ofPattern(weekdayDateTime, locale);
            this.acknowledgement = acknowledgement;
            this.update = update;
        }

        /** The tag recorded on the request ({@code en}, {@code de}, {@code fr}, {@code es}). */
        public String tag() {
            return locale.getLanguage();
        }

        /**
         * The language of a BCP 47 tag ({@code de}, {@code de-AT}, {@code fr_CH}, {@code ES}); English for null, blank
         * or any language not supported.
         */
        public static Language of(@Nullable String tag) {
            if (tag == null || tag.isBlank()) {
                return EN;
            }
            String language = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
            for (Language candidate : values()) {
                if (candidate.locale.getLanguage().equals(language)) {
                    return candidate;
                }
            }
            return EN;
        }
    }

    private ClientTexts() {
    }

    /**
     * Tells the client in English, in their own zone, when the team is back and when to expect an answer, e.g.
     * "Thanks, we have your message. Our team is offline until Tuesday 09:00 (America/New_York); expect an answer
     * by Tuesday 13:00."
     */
    public static String acknowledgement(ZoneId zone, Instant receivedAt, Instant openAt, Instant answerBy) {
        return acknowledgement(Language.EN, zone, receivedAt, openAt, answerBy);
    }

    /**
     * The same in the client's language: weekday and month names in that language, the zone named by its id (which
     * reads the same in every language and is never ambiguous, unlike "CET" or "EST"), each instant on the zone's
     * wall clock as it is on that date (summer or winter time).
     */
    public static String acknowledgement(Language language, ZoneId zone, Instant receivedAt, Instant openAt,
            Instant answerBy) {
        LocalDate today = receivedAt.atZone(zone).toLocalDate();
        String text = String.format(language.locale, language.acknowledgement, when(language, openAt.atZone(zone), today),
                zone.getId(), when(language, answerBy.atZone(zone), today));
        return text;
    }

    /**
     * The update sent when the SLA is breached without an answer, in the client's language: not answered yet, sorry,
     * and the new time on the client's wall clock, e.g. "We have not answered your message yet, and we are sorry for
     * the wait. We now expect to answer by Wednesday 11:00 (America/New_York)."
     */
    public static String update(Language language, ZoneId zone, Instant now, Instant answerBy) {
        return String.format(language.locale, language.update,
                when(language, answerBy.atZone(zone), now.atZone(zone).toLocalDate()), zone.getId());
    }

    /** A weekday alone is clear within the coming week; further out (long holidays) the date is added. */
    private static String when(Language language, ZonedDateTime moment, LocalDate today) {
        long days = ChronoUnit.DAYS.between(today, moment.toLocalDate());
        return (days >= 0 && days < 6 ? language.weekdayTime : language.weekdayDateTime).format(moment);
    }

    /** "&lt;client name&gt;: &lt;subject, or the first 80 characters of the body&gt;", on one line. */
    public static String summary(String clientName, MessageReceived message) {
        return EmergencyEscalations.summary(clientName, message);
    }
}
