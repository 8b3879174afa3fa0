package dev.afterhours.classifier.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A message's text prepared for the rules: Unicode-normalised, lower-cased, whitespace collapsed, typographic
 * quotes straightened, and with the quoted part of a reply cut off, because a reply that quotes "our site is
 * down" from last week is not a new emergency. Forwarded content is kept: clients forward the alert that worries them.
 */
public final class MessageText {

    /** "On Mon, 23 Nov 2026 at 09:00, Dana <d@x> wrote:" and its German, French and Spanish siblings. */
    private static final Pattern REPLY_HEADER = Pattern.compile(
            "^(?:on\\b.{0,250}\\bwrote|am\\b.{0,250}\\bschrieb\\b.{0,250}|le\\b.{0,250}\\ba écrit|el\\b.{0,250}\\bescribió)\\s*:\\s*$");
    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
            "^-{2,}\\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original)\\s*-{2,}$");
    /** Outlook's quoted header block: "From: ..." followed by "Sent: ..." (or "Von:" / "Gesendet:", ...). */
    private static final Pattern OUTLOOK_FROM = Pattern.compile("^(?:from|von|de|da)\\s?:.+$");
    private static final Pattern OUTLOOK_NEXT = Pattern.compile(
            "^(?:sent|date|to|subject|gesendet|datum|an|betreff|envoyé|à|objet|enviado|fecha|para|asunto)\\s?:.*$");

    /** "Subject: ...", "Betreff: ..." on a line of its own, as acknowledgements and forwards repeat it. */
    private static final Pattern ECHOED_SUBJECT = Pattern.compile("(?:subject|betreff|objet|asunto)\\s?:");

    private final String subject;
    private final String ownBody;
    private final String rawOwnBody;
    private final String rawBody;
    private @Nullable String own;
    private @Nullable String all;

    private MessageText(String subject, String ownBody, String rawOwnBody, String rawBody) {
        this.subject = subject;
        this.ownBody = ownBody;
        this.rawOwnBody = rawOwnBody;
        this.rawBody = rawBody;
    }

    public static MessageText of(@Nullable String subject, String body) {
        String raw = Normalizer.normalize(body, Normalizer.Form.NFKC);
        String ownRaw = unquoted(raw);
        String normalisedSubject = normalise(subject == null ? "" : subject);
        return new MessageText(normalisedSubject, fold(ownRaw), ownRaw, raw);
    }

    /** The subject, normalised. */
    public String subject() {
        return subject;
    }

    /** The body without quoted replies or signature, normalised. */
    public String ownBody() {
        return ownBody;
    }

    /** The body without quoted replies or signature, as written (case kept), for telling names from words. */
    public String rawOwnBody() {
        return rawOwnBody;
    }

    /** Subject and own body: what the sender wrote in this message. */
    public String own() {
        if (own == null) {
            own = join(subject, ownBody);
        }
        return own;
    }

    /** Subject and the whole body, quotes included; computed when first asked (only newsletters need it). */
    public String all() {
        if (all == null) {
            // Nothing quoted was cut off (unquoted() ends every kept line with '\n'): the same text as own().
            boolean nothingCut = rawOwnBody.length() == rawBody.length() + 1 && rawOwnBody.startsWith(rawBody);
            all = nothingCut ? own() : join(subject, fold(rawBody));
        }
        return all;
    }

    /** A period keeps a phrase from spanning subject and body. */
    private static String join(String subject, String body) {
        return subject.isEmpty() ? body : subject + ". " + body;
    }

    public static String normalise(String text) {
        return fold(Normalizer.normalize(text, Normalizer.Form.NFKC));
    }

    /**
     * {@link #normalise} for text that is NFKC already: lower-cased, typographic quotes straightened, each run of
     * whitespace ({@code \\s}: space, tab, line breaks) one space, none at either end. One pass after lower-casing.
     */
    static String fold(String nfkc) {
        String lower = nfkc.toLowerCase(Locale.ROOT);
        StringBuilder folded = new StringBuilder(lower.length());
        boolean space = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            switch (c) {
                case ' ', '\t', '\n', '\u000B', '\f', '\r' -> {
                    space = true;
                    continue;
                }
                case '\u2019', '\u2018', '\u00B4', '`' -> c = '\'';
                case '\u201C', '\u201D', '\u201E' -> c = '"';
                default -> {
                }
            }
            if (space && !folded.isEmpty()) {
                folded.append(' ');
            }
            space = false;
            folded.append(c);
        }
        return folded.toString().strip();
    }

    /** "From:", "Von :" and their siblings put the colon within the first six characters. */
    private static boolean hasEarlyColon(String line) {
        int colon = line.indexOf(':');
        return colon > 0 && colon <= 6;
    }

    /**
     * The lines the sender wrote: no "> " quotes, no echoed "Subject:" line, nothing after a reply header or a
     * signature separator.
     */
    static String unquoted(String body) {
        String[] lines = body.split("\\R", -1);
        StringBuilder own = new StringBuilder(body.length());
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String lower = line.toLowerCase(Locale.ROOT);
            if (line.startsWith(">") || ECHOED_SUBJECT.matcher(lower).lookingAt()) {
                // A quote, or a subject line echoed by a helpdesk ("Subject: Website is down"): not written now.
                continue;
            }
            // Cheap tests first: every reply header ends with a colon, every separator starts with dashes, every
            // Outlook block has a colon early on; the regexes run only on the few lines that can match.
            if (lines[i].equals("-- ") || line.equals("--")
                    || (lower.endsWith(":") && REPLY_HEADER.matcher(lower).matches())
                    || (lower.startsWith("--") && ORIGINAL_MESSAGE.matcher(lower).matches())
                    || (lower.startsWith("on ") && i + 1 < lines.length && lines[i + 1].strip().endsWith(":")
                        && REPLY_HEADER.matcher(lower + " " + lines[i + 1].strip().toLowerCase(Locale.ROOT)).matches())
                    || (hasEarlyColon(lower) && OUTLOOK_FROM.matcher(lower).matches() && i + 1 < lines.length
                        && OUTLOOK_NEXT.matcher(lines[i + 1].strip().toLowerCase(Locale.ROOT)).matches())) {
                break;
            }
            own.append(lines[i]).append('\n');
        }
        return own.toString();
    }
}
