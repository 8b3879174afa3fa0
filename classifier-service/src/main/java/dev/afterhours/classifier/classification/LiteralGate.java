package dev.afterhours.classifier.classification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A cheap test that tells when a pattern cannot match: most lexicon patterns start with {@code \b} and a word or an
 * alternation of words ("\b(?:checkout|payments|cart)..."), so a match needs one of those words in the text. A
 * handful of {@code String.contains} calls rule out nearly every pattern for a given message, and the regex
 * engine, which would otherwise try each alternative at every position of the text, runs only where it can win.
 * A pattern whose start this parser does not understand simply has no gate and always runs.
 */
final class LiteralGate {

    private static final Map<Pattern, String[]> GATES = new ConcurrentHashMap<>();
    private static final String[] NONE = new String[0];

    private LiteralGate() {
    }

    /** Whether {@code pattern} could match somewhere in {@code text}. */
    static boolean mayMatch(Pattern pattern, String text) {
        String[] words = GATES.computeIfAbsent(pattern, p -> leadingWords(p.pattern()));
        if (words.length == 0) {
            return true;
        }
        for (String word : words) {
            // The pattern starts with \b: an occurrence inside another word ("no" in "know") does not count.
            for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
                if (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The literal starts every match must have, or none if that cannot be read off the pattern. */
    static String[] leadingWords(String regex) {
        if (!regex.startsWith("\\b")) {
            return NONE;
        }
        int at = 2;
        if (regex.startsWith("(?:", at)) {
            int close = closingParen(regex, at);
            if (close < 0 || (close + 1 < regex.length() && "?*{".indexOf(regex.charAt(close + 1)) >= 0)) {
                return NONE;
            }
            List<String> words = new ArrayList<>();
            for (String alternative : topLevelAlternatives(regex.substring(at + 3, close))) {
                String literal = literal(alternative, 0);
                if (literal.isEmpty()) {
                    return NONE;
                }
                words.add(literal);
            }
            return words.toArray(String[]::new);
        }
        String literal = literal(regex, at);
        return literal.isEmpty() ? NONE : new String[] {literal};
    }

    /** The letters and spaces from {@code from} on, without a last one that a quantifier makes optional. */
    private static String literal(String source, int from) {
        int end = from;
        while (end < source.length() && (Character.isLetter(source.charAt(end)) || source.charAt(end) == '\''
                || source.charAt(end) == ' ')) {
            end++;
        }
        if (end < source.length() && end > from && "?*{".indexOf(source.charAt(end)) >= 0) {
            end--;
        }
        return source.substring(from, end);
    }

    private static int closingParen(String regex, int open) {
        int depth = 0;
        for (int i = open; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = closingBracket(regex, i);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int closingBracket(String regex, int open) {
        for (int i = open + 1; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }

    private static List<String> topLevelAlternatives(String group) {
        List<String> alternatives = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < group.length(); i++) {
            char c = group.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = closingBracket(group, i);
                if (i < 0) {
                    return List.of("");
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                alternatives.add(group.substring(start, i));
                start = i + 1;
            }
        }
        alternatives.add(group.substring(start));
        return alternatives;
    }
}
