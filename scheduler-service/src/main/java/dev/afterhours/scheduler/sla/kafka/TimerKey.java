package dev.afterhours.scheduler.sla.kafka;

import java.time.Instant;
import java.util.Locale;

/**
 * A key of the timer index: {@code <19-digit zero-padded epoch millis>|<kind>|<slaId>}, kind one of
 * {@code warn}, {@code page}, {@code breach}, {@code purge}. Zero padding makes the
 * store's byte order the time order, so "everything due by now" is one range scan from the start of the store.
 */
record TimerKey(long at, Kind kind, String slaId) {

    enum Kind {
        WARN, PAGE, BREACH, PURGE;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind ofCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    private static final int DIGITS = 19;

    TimerKey {
        at = Math.max(0, at);
    }

    static TimerKey of(Instant at, Kind kind, String slaId) {
        return new TimerKey(at.toEpochMilli(), kind, slaId);
    }

    String encode() {
        return pad(at) + "|" + kind.code() + "|" + slaId;
    }

    Instant instant() {
        return Instant.ofEpochMilli(at);
    }

    /** @throws IllegalArgumentException if {@code key} is not a timer key */
    static TimerKey decode(String key) {
        int kindEnd = key.indexOf('|', DIGITS + 1);
        if (key.length() < DIGITS + 2 || key.charAt(DIGITS) != '|' || kindEnd < 0) {
            throw new IllegalArgumentException("not a timer key: " + key);
        }
        return new TimerKey(Long.parseLong(key.substring(0, DIGITS)), Kind.ofCode(key.substring(DIGITS + 1, kindEnd)),
                key.substring(kindEnd + 1));
    }

    /** The smallest possible key. */
    static String lowest() {
        return pad(0);
    }

    /** A key above every timer due at or before {@code now} and below every later one ('~' sorts after the kinds). */
    static String dueBy(long now) {
        return pad(Math.max(0, now)) + "|~";
    }

    private static String pad(long millis) {
        return String.format(Locale.ROOT, "%0" + DIGITS + "d", millis);
    }
}
