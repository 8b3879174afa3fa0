package dev.afterhours.classifier.classification;

import java.util.Locale;
import java.util.regex.Pattern;

/** Compares sender and recipient addresses the way the directory indexes them. */
public final class Addresses {

    private static final Pattern PHONE_LIKE = Pattern.compile("[0-9 ()\\-.]+");
    private static final Pattern PHONE_PUNCTUATION = Pattern.compile("[ ()\\-.]");

    private Addresses() {
    }

    /** Emails compare case-insensitively ({@code Name <a@b>} counts as {@code a@b}); phone numbers without punctuation. */
    public static String normalise(String address) {
        String trimmed = address.trim().toLowerCase(Locale.ROOT);
        int angle = trimmed.indexOf('<');
        if (angle >= 0 && trimmed.endsWith(">")) {
            trimmed = trimmed.substring(angle + 1, trimmed.length() - 1).trim();
        }
        if (trimmed.startsWith("+") || PHONE_LIKE.matcher(trimmed).matches()) {
            return PHONE_PUNCTUATION.matcher(trimmed).replaceAll("");
        }
        return trimmed;
    }

    public static boolean same(String a, String b) {
        String left = normalise(a);
        return !left.isEmpty() && left.equals(normalise(b));
    }
}
