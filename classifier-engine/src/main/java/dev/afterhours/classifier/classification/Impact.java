package dev.afterhours.classifier.classification;

import dev.afterhours.businesstime.SupportHours;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.directory.Calendars;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a message says about impact and time, in en/de/fr/es (issue 13): whether only part of the users is hit
 * ("one user can't log in, the rest are fine"), whether a workaround is in place, whether money or safety is at
 * stake ("we're losing orders"), and whether a stated deadline ("before Thursday") lies after the client's next
 * opening. Each finding is a phrase the reasons can quote.
 */
final class Impact {

    /** Only one person, or a part, is affected; the rest work. */
    static final List<Pattern> LIMITED_SCOPE = List.of(
            Lexicon.p("\\b(?:only|just) (?:one|1|a single|a couple of|two|2|one of our) (?:users?|customers?|clients?|persons?"
                    + "|people|accounts?|members?|staff|employees?|colleagues?|pages?|products?)\\b"),
            Lexicon.p("\\b(?:one|a single) (?:user|customer|client|person|account|member|colleague|employee) (?:can't|cannot"
                    + "|can not|isn't able|is unable|has trouble|has a problem|gets an error|reports)\\b"),
            Lexicon.p("\\b(?:the rest|everyone else|everybody else|all (?:the )?others?|other (?:users|customers)) (?:are|is"
                    + "|seem|seems|work|works|can)(?: still)? (?:fine|ok|okay|working|unaffected|not affected|log in)\\b"),
            Lexicon.p("\\b(?:nur|lediglich) (?:ein|eine|einen|einem|bei einem|bei einer|zwei) (?:kunden?|kundin|nutzer|benutzer"
                    + "|user|mitarbeiter|mitarbeiterin|person|konto)\\b"),
            Lexicon.p("\\bbei (?:allen )?anderen (?:geht|funktioniert|klappt) es\\b|\\bbei allen anderen\\b"),
            Lexicon.p("\\b(?:un seul|une seule|seulement un|seulement une|juste un|juste une) (?:client|cliente|utilisateur"
                    + "|utilisatrice|compte|personne|collègue)\\b"),
            Lexicon.p("\\b(?:pour|chez) (?:tous )?les autres(?:,)? (?:ça|cela|tout) (?:marche|fonctionne|va)\\b"),
            Lexicon.p("\\b(?:solo|sólo|solamente) (?:un|una|a un|a una) (?:cliente|usuario|usuaria|persona|cuenta"
                    + "|compañero|compañera)\\b"),
            Lexicon.p("\\b(?:a los demás|los demás|al resto|el resto) (?:les )?(?:funciona|va bien|está bien|están bien|bien)\\b"));

    /** Money, orders or people's safety at stake now. */
    static final List<Pattern> AT_STAKE = List.of(
            Lexicon.p("\\b(?:we're|we are|we've been|we have been|we keep|keep|are|is) (?:losing|losing out on|missing)"
                    + " (?:orders|sales|money|revenue|bookings|customers|donations|business|reservations)\\b"),
            Lexicon.p("\\b(?:lost|losing) (?:orders|sales|revenue|bookings) (?:every|by the|each)\\b"),
            Lexicon.p("\\b(?:safety|patients?|life[- ]threatening|someone could get hurt|danger)\\b"),
            Lexicon.p("\\b(?:wir verlieren|verlieren) (?:gerade )?(?:bestellungen|umsatz|geld|kunden|buchungen)\\b"),
            Lexicon.p("\\b(?:nous perdons|perdons) (?:des )?(?:commandes|ventes|clients|réservations|argent)\\b"),
            Lexicon.p("\\b(?:estamos perdiendo|perdiendo) (?:pedidos|ventas|dinero|clientes|reservas)\\b"));

    /** A workaround is in place: the business goes on meanwhile. */
    static final List<Pattern> WORKAROUND = List.of(
            Lexicon.p("\\b(?:workaround|work-around|work around it|taking orders by phone|taking orders over the phone"
                    + "|we can manage for now|manageable for now|not blocking)\\b"),
            Lexicon.p("\\b(?:übergangslösung|workaround|behelfslösung|notlösung)\\b"),
            Lexicon.p("\\b(?:solution de contournement|contournement|on se débrouille)\\b"),
            Lexicon.p("\\b(?:solución temporal|solución provisional|nos arreglamos)\\b"));

    /** A deadline on a later day: "before Thursday", "bis Freitag", "avant jeudi", "antes del jueves", "by tomorrow". */
    static final Pattern DEADLINE = Lexicon.p("\\b(?:by|before|due|no later than|bis|vor|spätestens|avant"
            + "|d'ici|antes del?)(?: (?:next|this|the|nächsten|kommenden|diesen|dem|am|le|la|el))?"
            + " (monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag"
            + "|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|miercoles"
            + "|jueves|viernes|sábado|sabado|domingo|tomorrow|morgen|demain|mañana|next week|nächste woche|nächster woche"
            + "|la semaine prochaine|semaine prochaine|la semana que viene|la próxima semana|próxima semana)\\b");

    /** A time of day right after the deadline's day: "tomorrow 6am", "demain 6h", "morgen um 7 uhr". */
    private static final Pattern AT_A_TIME = Lexicon.p("\\s*(?:at|um|à|a las?|,)?\\s*\\d{1,2}(?:[:.h]\\d{0,2}|\\s*(?:am|pm|uhr|h))");

    private static final Map<String, DayOfWeek> DAYS = Map.ofEntries(
            Map.entry("monday", DayOfWeek.MONDAY), Map.entry("montag", DayOfWeek.MONDAY),
            Map.entry("lundi", DayOfWeek.MONDAY), Map.entry("lunes", DayOfWeek.MONDAY),
            Map.entry("tuesday", DayOfWeek.TUESDAY), Map.entry("dienstag", DayOfWeek.TUESDAY),
            Map.entry("mardi", DayOfWeek.TUESDAY), Map.entry("martes", DayOfWeek.TUESDAY),
            Map.entry("wednesday", DayOfWeek.WEDNESDAY), Map.entry("mittwoch", DayOfWeek.WEDNESDAY),
            Map.entry("mercredi", DayOfWeek.WEDNESDAY), Map.entry("miércoles", DayOfWeek.WEDNESDAY),
            Map.entry("miercoles", DayOfWeek.WEDNESDAY),
            Map.entry("thursday", DayOfWeek.THURSDAY), Map.entry("donnerstag", DayOfWeek.THURSDAY),
            Map.entry("jeudi", DayOfWeek.THURSDAY), Map.entry("jueves", DayOfWeek.THURSDAY),
            Map.entry("friday", DayOfWeek.FRIDAY), Map.entry("freitag", DayOfWeek.FRIDAY),
            Map.entry("vendredi", DayOfWeek.FRIDAY), Map.entry("viernes", DayOfWeek.FRIDAY),
            Map.entry("saturday", DayOfWeek.SATURDAY), Map.entry("samstag", DayOfWeek.SATURDAY),
            Map.entry("samedi", DayOfWeek.SATURDAY), Map.entry("sábado", DayOfWeek.SATURDAY),
            Map.entry("sabado", DayOfWeek.SATURDAY),
            Map.entry("sunday", DayOfWeek.SUNDAY), Map.entry("sonntag", DayOfWeek.SUNDAY),
            Map.entry("dimanche", DayOfWeek.SUNDAY), Map.entry("domingo", DayOfWeek.SUNDAY));

    private static final DateTimeFormatter OPENING = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ROOT);

    private Impact() {
    }

    /** A part affected, unless denied: "pas une seule commande" and "not a single user" are everyone. */
    static Optional<String> limitedScope(String own) {
        for (Pattern pattern : LIMITED_SCOPE) {
            for (LiteralGate.Match match : LiteralGate.matches(pattern, own)) {
                if (!NEGATED.matcher(own.substring(Math.max(0, match.start() - 12), match.start())).find()) {
                    return Optional.of(match.text());
                }
            }
        }
        return Optional.empty();
    }

    private static final Pattern NEGATED = Lexicon.p("\\b(?:not|pas|no|ni|nicht|kein|keine|aucun|aucune|ningún|ninguna)\\s*$");

    static Optional<String> atStake(String own) {
        return first(AT_STAKE, own);
    }

    static Optional<String> workaround(String own) {
        return first(WORKAROUND, own);
    }

    /**
     * A stated deadline on a later day than the message's, at or after the client's next opening: there is a working
     * day to meet it, so it is no reason to wake anyone. Without a usable client calendar, only "a later day" counts.
     *
     * @return the reason, e.g. "deadline 'before thursday' (Thu 10 Dec) is after the client's next opening (Tue 8
     *         Dec 09:00)"
     */
    static Optional<String> laterDeadline(String own, Optional<ClientProfile> client, Instant receivedAt) {
        Optional<LiteralGate.Match> found = LiteralGate.first(DEADLINE, own);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = DEADLINE.matcher(found.get().text());
        if (!matcher.matches() || AT_A_TIME.matcher(own).region(found.get().end(), own.length()).lookingAt()) {
            // "avant demain 6h" may fall before the client opens: no reason to wait.
            return Optional.empty();
        }
        Optional<SupportHours> hours = client.flatMap(Impact::hoursOf);
        ZoneId zone = hours.map(SupportHours::zone).orElse(ZoneOffset.UTC);
        LocalDate today = receivedAt.atZone(zone).toLocalDate();
        LocalDate deadline = dateOf(matcher.group(1), today);
        if (!deadline.isAfter(today)) {
            return Optional.empty();
        }
        String stated = "deadline '" + matcher.group() + "' (" + DAY.format(deadline) + ")";
        if (hours.isEmpty()) {
            return Optional.of(stated + " is on a later day");
        }
        Instant nextOpen;
        try {
            nextOpen = hours.get().nextOpenAt(receivedAt);
        } catch (RuntimeException e) {
            return Optional.of(stated + " is on a later day");
        }
        ZonedDateTime opening = nextOpen.atZone(zone);
        if (deadline.isBefore(opening.toLocalDate())) {
            return Optional.empty();
        }
        return Optional.of(stated + " is after the client's next opening (" + OPENING.format(opening) + ")");
    }

    static LocalDate dateOf(String day, LocalDate today) {
        DayOfWeek weekday = DAYS.get(day);
        if (weekday != null) {
            int ahead = (weekday.getValue() - today.getDayOfWeek().getValue() + 7) % 7;
            return today.plusDays(ahead);
        }
        if (day.contains("week") || day.contains("woche") || day.contains("semaine") || day.contains("semana")) {
            return today.plusDays(7);
        }
        return today.plusDays(1);
    }

    private static Optional<SupportHours> hoursOf(ClientProfile client) {
        try {
            return Optional.of(Calendars.supportHours(client.getCalendar()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> first(List<Pattern> patterns, String text) {
        for (Pattern pattern : patterns) {
            Optional<LiteralGate.Match> match = LiteralGate.first(pattern, text);
            if (match.isPresent()) {
                return Optional.of(match.get().text());
            }
        }
        return Optional.empty();
    }
}
