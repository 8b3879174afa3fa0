package dev.afterhours.ingest.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cuts what a reply repeats (the quoted history) and the sender's signature from an email's text, so triage reads
 * what was written now. Line-based: the text is cut at the first line that starts a history or a signature, and the
 * lines quoted with {@code >} above it (interleaved answers keep their own lines) are dropped. Recognised:
 * <ul>
 *   <li>attributions: {@code On <date>, <name> wrote:} (also wrapped over two lines), German
 *       {@code Am <date> schrieb <name>:}, French {@code Le <date>, <name> a écrit :};</li>
 *   <li>Outlook's {@code -----Original Message-----} / {@code -----Ursprüngliche Nachricht-----}, its line of
 *       underscores, and its header block ({@code From:} / {@code Von:} followed by {@code Sent:} / {@code Gesendet:}
 *       / {@code Date:} / {@code Datum:});</li>
 *   <li>the signature delimiter {@code "-- "} and mobile footers ({@code Sent from my iPhone},
 *       {@code Von meinem iPhone gesendet}).</li>
 * </ul>
 * A forwarded message ({@code ---------- Forwarded message ----------}) is kept from its marker on: what was
 * forwarded is the point.
 * If nothing would remain, the full text is the result.
 */
public final class QuoteStripper {

    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^(?:On\\s.+\\swrote|Am\\s.+\\sschrieb\\s.+|Le\\s.+\\sa\\s+écrit)\\s*:\\s*$", Pattern.CASE_INSENSITIVE);
    /** The first line of an attribution a mail program wrapped: the second line ends it. */
    private static final Pattern ATTRIBUTION_START = Pattern.compile("^(?:On|Am|Le)\\s.+", Pattern.CASE_INSENSITIVE);
    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
            "^-{2,}\\s*(?:Original Message|Ursprüngliche Nachricht|Originalnachricht|Message d'origine)\\s*-{2,}\\s*$",
            Pattern.CASE_INSENSITIVE);
    /** A forward: what follows is the content, not a history; nothing below it is cut. */
    private static final Pattern FORWARD = Pattern.compile(
            "^(?:-{2,}\\s*(?:Forwarded message|Weitergeleitete Nachricht)\\s*-{2,}|Begin forwarded message:|"
                    + "Anfang der weitergeleiteten Nachricht:)\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern OUTLOOK_RULE = Pattern.compile("^_{10,}\\s*$");
    private static final Pattern HEADER_FROM = Pattern.compile("^\\*?(?:From|Von|De)\\s*:\\*?\\s.+", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_SENT = Pattern.compile("^\\*?(?:Sent|Date|Gesendet|Datum|Envoyé)\\s*:\\*?\\s.+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MOBILE_FOOTER = Pattern.compile(
            "^(?:Sent from my\\s.+|Von meinem\\s.+\\sgesendet\\.?|Gesendet von meinem\\s.+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTED = Pattern.compile("^\\s*>.*$");
    /** How far below a From: line its Sent: line may be (Outlook puts To:, Cc: or nothing in between). */
    private static final int HEADER_BLOCK_LINES = 4;

    /**
     * @param text     what the sender wrote now
     * @param stripped whether anything was cut
     */
    public record Result(String text, boolean stripped) {
    }

    private QuoteStripper() {
    }

    public static Result strip(String fullText) {
        String full = fullText.replace("\r\n", "\n").replace('\r', '\n');
        List<String> lines = List.of(full.split("\n", -1));
        int cut = historyStart(lines);
        List<String> kept = new ArrayList<>();
        for (String line : lines.subList(0, cut)) {
            if (!QUOTED.matcher(line).matches()) {
                kept.add(line);
            }
        }
        String text = String.join("\n", kept).strip();
        String whole = full.strip();
        if (text.isEmpty()) {
            return new Result(whole, false);
        }
        return new Result(text, !text.equals(whole));
    }

    /** The index of the first line of the history or the signature, or the number of lines if there is none. */
    private static int historyStart(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String line = raw.strip();
            if (FORWARD.matcher(line).matches()) {
                return lines.size();
            }
            if (raw.equals("-- ") || raw.equals("--")) {
                return i;
            }
            if (ATTRIBUTION.matcher(line).matches() || ORIGINAL_MESSAGE.matcher(line).matches()
                    || MOBILE_FOOTER.matcher(line).matches()) {
                return i;
            }
            if (ATTRIBUTION_START.matcher(line).matches() && i + 1 < lines.size()
                    && ATTRIBUTION.matcher(line + " " + lines.get(i + 1).strip()).matches()) {
                return i;
            }
            if (OUTLOOK_RULE.matcher(line).matches() && nextNonBlank(lines, i + 1)
                    .map(next -> HEADER_FROM.matcher(next).matches()).orElse(false)) {
                return i;
            }
            if (HEADER_FROM.matcher(line).matches() && headerBlockFollows(lines, i + 1)) {
                return i;
            }
        }
        return lines.size();
    }

    private static boolean headerBlockFollows(List<String> lines, int from) {
        for (int j = from; j < Math.min(lines.size(), from + HEADER_BLOCK_LINES); j++) {
            if (HEADER_SENT.matcher(lines.get(j).strip()).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> nextNonBlank(List<String> lines, int from) {
        return lines.subList(Math.min(from, lines.size()), lines.size()).stream()
                .map(String::strip).filter(l -> !l.isEmpty()).findFirst();
    }
}
