package dev.afterhours.notifier.acknowledgement;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What the notifier adds to the scheduler's text, in the language the scheduler wrote it in (the request's
 * {@code language}: en, de, fr, es; anything else English): the e-mail's default subject (of an acknowledgement, of
 * an update when the SLA was breached), and how to escalate a real
 * emergency, in full (e-mail, Slack) or short (SMS). Never a time: the answer time is the scheduler's, already in
 * the text.
 */
public enum AcknowledgementTexts {

    EN("We have your message", "An update on your message", "our emergency line, ", "our emergency lines, ", " or ",
            "If this is a real emergency, contact %1$s, or reply to this message with the word \"%2$s\" and we will "
                    + "treat it as an emergency at once.",
            "If this is a real emergency, contact %1$s.",
            "If this is a real emergency, reply to this message with the word \"%2$s\" and we will treat it as an "
                    + "emergency at once.",
            "Emergency? Call %1$s or reply %2$s.", "Emergency? Call %1$s.", "Emergency? Reply %2$s."),
    DE("Wir haben Ihre Nachricht", "Neuigkeiten zu Ihrer Nachricht", "unsere Notfallnummer ", "unsere Notfallnummern ", " oder ",
            "Bei einem echten Notfall erreichen Sie %1$s, oder antworten Sie auf diese Nachricht mit dem Wort "
                    + "\"%2$s\": Wir behandeln sie dann sofort als Notfall.",
            "Bei einem echten Notfall erreichen Sie %1$s.",
            "Bei einem echten Notfall antworten Sie auf diese Nachricht mit dem Wort \"%2$s\": Wir behandeln sie dann "
                    + "sofort als Notfall.",
            "Notfall? Rufen Sie %1$s an oder antworten Sie %2$s.", "Notfall? Rufen Sie %1$s an.",
            "Notfall? Antworten Sie %2$s."),
    FR("Nous avons votre message", "Suivi de votre message", "notre ligne d'urgence, ", "nos lignes d'urgence, ", " ou ",
            "En cas de véritable urgence, contactez %1$s, ou répondez à ce message avec le mot \"%2$s\" et nous le "
                    + "traiterons aussitôt comme une urgence.",
            "En cas de véritable urgence, contactez %1$s.",
            "En cas de véritable urgence, répondez à ce message avec le mot \"%2$s\" et nous le traiterons aussitôt "
                    + "comme une urgence.",
            "Urgence ? Appelez le %1$s ou répondez %2$s.", "Urgence ? Appelez le %1$s.", "Urgence ? Répondez %2$s."),
    ES("Hemos recibido su mensaje", "Novedades sobre su mensaje", "nuestra línea de emergencia, ", "nuestras líneas de emergencia, ", " o ",
            "Si es una emergencia real, llame a %1$s, o responda a este mensaje con la palabra \"%2$s\" y lo "
                    + "trataremos de inmediato como una emergencia.",
            "Si es una emergencia real, llame a %1$s.",
            "Si es una emergencia real, responda a este mensaje con la palabra \"%2$s\" y lo trataremos de inmediato "
                    + "como una emergencia.",
            "¿Emergencia? Llame al %1$s o responda %2$s.", "¿Emergencia? Llame al %1$s.", "¿Emergencia? Responda %2$s.");

    private final String subject;
    private final String updateSubject;
    private final String oneLine;
    private final String manyLines;
    private final String or;
    private final String both;
    private final String lineOnly;
    private final String wordOnly;
    private final String shortBoth;
    private final String shortLine;
    private final String shortWord;

    AcknowledgementTexts(String subject, String updateSubject, String oneLine, String manyLines, String or, String both, String lineOnly,
            String wordOnly, String shortBoth, String shortLine, String shortWord) {
        this.subject = subject;
        this.updateSubject = updateSubject;
        this.oneLine = oneLine;
        this.manyLines = manyLines;
        this.or = or;
        this.both = both;
        this.lineOnly = lineOnly;
        this.wordOnly = wordOnly;
        this.shortBoth = shortBoth;
        this.shortLine = shortLine;
        this.shortWord = shortWord;
    }

    /** The texts of a language tag as the scheduler records it ({@code de}, {@code de-AT}); English by default. */
    public static AcknowledgementTexts of(@Nullable String language) {
        if (language == null || language.isBlank()) {
            return EN;
        }
        String code = Locale.forLanguageTag(language.strip().replace('_', '-')).getLanguage();
        for (AcknowledgementTexts texts : values()) {
            if (texts.name().toLowerCase(Locale.ROOT).equals(code)) {
                return texts;
            }
        }
        return EN;
    }

    /** The e-mail subject when the message answered had none. */
    public String defaultSubject() {
        return subject;
    }

    /** The same for the update sent when the SLA was breached. */
    public String defaultUpdateSubject() {
        return updateSubject;
    }

    /** How to escalate a real emergency, in full sentences; null when the directory names no way. */
    public @Nullable String escalation(List<String> emergencyLines, @Nullable String escalationWord) {
        List<String> lines = lines(emergencyLines);
        String word = word(escalationWord);
        String line = lines.isEmpty() ? null : (lines.size() == 1 ? oneLine : manyLines) + String.join(or, lines);
        return pick(both, lineOnly, wordOnly, line, word);
    }

    /** The same in one short sentence for a text message: the first emergency line only. */
    public @Nullable String shortEscalation(List<String> emergencyLines, @Nullable String escalationWord) {
        List<String> lines = lines(emergencyLines);
        return pick(shortBoth, shortLine, shortWord, lines.isEmpty() ? null : lines.getFirst(), word(escalationWord));
    }

    private static @Nullable String pick(String both, String lineOnly, String wordOnly, @Nullable String line,
            @Nullable String word) {
        if (line != null && word != null) {
            return both.formatted(line, word);
        }
        if (line != null) {
            return lineOnly.formatted(line, "");
        }
        if (word != null) {
            return wordOnly.formatted("", word);
        }
        return null;
    }

    private static List<String> lines(List<String> emergencyLines) {
        return emergencyLines.stream().filter(l -> !l.isBlank()).map(String::strip).toList();
    }

    private static @Nullable String word(@Nullable String escalationWord) {
        return escalationWord == null || escalationWord.isBlank() ? null : escalationWord.strip();
    }
}
