package dev.afterhours.notifier.acknowledgement;

import java.text.Normalizer;

/**
 * Text messages in the GSM 03.38 alphabet: a text with one character outside it (a Spanish "á", a French "ç") is sent
 * as UCS-2, 70 characters a segment instead of 160, and an acknowledgement that fits in two segments takes four. So
 * such a character is replaced by its letter without the accent ("miércoles" becomes "miercoles", as phones have long
 * written it), typographic quotes and dashes by plain ones, anything else by "?".
 */
public final class GsmText {

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** Sent as two characters each (an escape and the character). */
    private static final String EXTENSION = "^{}\\[~]|€\f";

    private GsmText() {
    }

    /** The text in the GSM alphabet, as close to the original as it can be written in it. */
    public static String of(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.append(gsm(c)));
        return out.toString();
    }

    /** How many SMS segments {@code text} (already in the GSM alphabet) takes: 160 characters alone, 153 each if more. */
    public static int segments(String text) {
        int septets = 0;
        for (char c : text.toCharArray()) {
            septets += EXTENSION.indexOf(c) >= 0 ? 2 : 1;
        }
        return septets <= 160 ? 1 : (septets + 152) / 153;
    }

    private static String gsm(int c) {
        String s = Character.toString(c);
        if (BASIC.contains(s) || EXTENSION.contains(s)) {
            return s;
        }
        switch (c) {
            case '‘', '’', '‚', '′' -> { return "'"; }
            case '“', '”', '„', '«', '»', '″' -> { return "\""; }
            case '–', '—', '‐', '−' -> { return "-"; }
            case '…' -> { return "..."; }
            case '\u00A0', '\u202F', '\t' -> { return " "; }
            default -> { }
        }
        String bare = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return !bare.isEmpty() && bare.codePoints().allMatch(b -> BASIC.indexOf(b) >= 0) ? bare : "?";
    }
}
