package dev.afterhours.classifier.classification;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the lexicon's patterns only where they can match: most start with {@code \b} and a word or an alternation of
 * words ("\b(?:checkout|payments|cart)..."), so a match must start where one of those words starts a word of the
 * text. A few {@code String.indexOf} calls find those places; the regex engine, which would otherwise try each
 * alternative at every position of the text, is asked only there. A pattern whose start this parser does not
 * understand has no gate and is searched the ordinary way.
 */
final class LiteralGate {

    private static final Map<Pattern, String[]> GATES = new ConcurrentHashMap<>();
    private static final String[] NONE = new String[0];

    private LiteralGate() {
    }

    /** A match: {@code [start, end)} of the text and what it matched. */
    record Match(int start, int end, String text) {
    }

    /**
     * Every match of {@code pattern} in {@code text}, as {@code while (matcher.find())} would give them, but trying
     * the pattern only where one of its leading words starts a word: the regex engine would otherwise try every
     * alternative at every position of the text.
     */
    static List<Match> matches(Pattern pattern, String text) {
        return matches(pattern, text, Integer.MAX_VALUE);
    }

    /** At most {@code limit} of the matches, in order. */
    private static List<Match> matches(Pattern pattern, String text, int limit) {
        String[] words = GATES.computeIfAbsent(pattern, p -> leadingWords(p.pattern()));
        List<Match> found = new ArrayList<>(0);
        if (words.length == 0) {
            Matcher matcher = pattern.matcher(text);
            while (found.size() < limit && matcher.find()) {
                found.add(new Match(matcher.start(), matcher.end(), matcher.group()));
            }
            return found;
        }
        BitSet starts = index(text).starts(words);
        if (starts.isEmpty()) {
            return found;
        }
        Matcher matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int next = 0;
        for (int start = starts.nextSetBit(0); start >= 0; start = starts.nextSetBit(start + 1)) {
            if (found.size() == limit) {
                break;
            }
            if (start < next) {
                continue;
            }
            matcher.region(start, text.length());
            if (matcher.lookingAt()) {
                found.add(new Match(matcher.start(), matcher.end(), matcher.group()));
                // find() resumes after a match, one further after an empty one.
                next = matcher.end() == start ? start + 1 : matcher.end();
            }
        }
        return found;
    }

    /** The first match, as {@code matcher.find()} would give it. */
    static Optional<Match> first(Pattern pattern, String text) {
        List<Match> found = matches(pattern, text, 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /**
     * The rules ask about the same few texts of a message (its own words, its body, its whole text) many times:
     * the word indexes of the last few are kept for the next question.
     */
    private static final int KEPT_INDEXES = 4;
    private static final ThreadLocal<WordIndex[]> LAST_INDEXES = ThreadLocal.withInitial(() -> new WordIndex[KEPT_INDEXES]);

    private static WordIndex index(String text) {
        WordIndex[] kept = LAST_INDEXES.get();
        for (WordIndex index : kept) {
            if (index != null && index.text == text) {
                return index;
            }
        }
        WordIndex index = new WordIndex(text);
        System.arraycopy(kept, 0, kept, 1, KEPT_INDEXES - 1);
        kept[0] = index;
        return index;
    }

    /**
     * Where the words of a text start, by their first two characters: one pass over the text, and each gate word is
     * compared only with the words that begin as it does.
     */
    private static final class WordIndex {

        /** a-z, any other letter, and (second character only) anything else or the end of the text. */
        private static final int KINDS = 28;
        private static final int[] NOWHERE = new int[0];

        private final String text;
        private final int[][] byStart = new int[KINDS * KINDS][];

        WordIndex(String text) {
            this.text = text;
            int[] counts = new int[KINDS * KINDS];
            for (int i = 0; i < text.length(); i++) {
                if (startsWord(i)) {
                    counts[bucket(i)]++;
                }
            }
            for (int b = 0; b < byStart.length; b++) {
                byStart[b] = counts[b] == 0 ? NOWHERE : new int[counts[b]];
                counts[b] = 0;
            }
            for (int i = 0; i < text.length(); i++) {
                if (startsWord(i)) {
                    int b = bucket(i);
                    byStart[b][counts[b]++] = i;
                }
            }
        }

        private boolean startsWord(int i) {
            return Character.isLetter(text.charAt(i)) && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)));
        }

        private int bucket(int at) {
            return kind(text.charAt(at)) * KINDS + (at + 1 < text.length() ? kind(text.charAt(at + 1)) : KINDS - 1);
        }

        private static int kind(char c) {
            if (c >= 'a' && c <= 'z') {
                return c - 'a';
            }
            return Character.isLetter(c) ? 26 : 27;
        }

        /** The positions where one of the words starts a word of the text. */
        BitSet starts(String[] words) {
            BitSet starts = new BitSet(text.length() + 1);
            for (String word : words) {
                int first = kind(word.charAt(0)) * KINDS;
                if (word.length() > 1) {
                    mark(word, byStart[first + kind(word.charAt(1))], starts);
                } else {
                    for (int second = 0; second < KINDS; second++) {
                        mark(word, byStart[first + second], starts);
                    }
                }
            }
            return starts;
        }

        private void mark(String word, int[] positions, BitSet starts) {
            for (int at : positions) {
                if (text.startsWith(word, at)) {
                    starts.set(at);
                }
            }
        }
    }

    /** The literal starts every match must have, or none if that cannot be read off the pattern. */
    static String[] leadingWords(String regex) {
        // "\ba|\bb": every top-level alternative must be gated, and the gate is the union of theirs.
        List<String> branches = topLevelAlternatives(regex);
        if (branches.size() > 1) {
            List<String> words = new ArrayList<>();
            for (String branch : branches) {
                String[] own = leadingWords(branch);
                if (own.length == 0) {
                    return NONE;
                }
                words.addAll(List.of(own));
            }
            return words.toArray(String[]::new);
        }
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

    /**
     * The letters and spaces from {@code from} on, without a last one that a quantifier makes optional; nothing
     * unless it starts with a letter (the word index only knows where words start).
     */
    private static String literal(String source, int from) {
        if (from >= source.length() || !Character.isLetter(source.charAt(from))) {
            return "";
        }
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
