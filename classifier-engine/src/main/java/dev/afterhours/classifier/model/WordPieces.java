package dev.afterhours.classifier.model;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BERT's uncased WordPiece tokenizer, as all-MiniLM-L6-v2 uses it: lower-cased, accents stripped, split at white
 * space and punctuation, then each word cut greedily into the longest pieces of the vocabulary ({@code ##} marks a
 * piece inside a word). A word that cannot be cut is unknown and left out. Pure Java, no native tokenizer.
 */
public final class WordPieces {

    private static final int MAX_WORD = 100;

    private final Map<String, Integer> vocabulary;

    public WordPieces(Map<String, Integer> vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** The vocabulary ids of the pieces of {@code text}, in order. */
    public List<Integer> ids(String text) {
        List<Integer> ids = new ArrayList<>();
        for (String word : words(text)) {
            pieces(word, ids);
        }
        return ids;
    }

    static List<String> words(String text) {
        String folded = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                flush(word, words);
            } else if (isPunctuation(c)) {
                flush(word, words);
                words.add(String.valueOf(c));
            } else {
                word.append(c);
            }
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    private static boolean isPunctuation(char c) {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    private void pieces(String word, List<Integer> ids) {
        if (word.length() > MAX_WORD) {
            return;
        }
        int mark = ids.size();
        int start = 0;
        while (start < word.length()) {
            Integer found = null;
            int end = word.length();
            while (end > start) {
                String piece = start == 0 ? word.substring(start, end) : "##" + word.substring(start, end);
                found = vocabulary.get(piece);
                if (found != null) {
                    break;
                }
                end--;
            }
            if (found == null) {
                ids.subList(mark, ids.size()).clear();
                return;
            }
            ids.add(found);
            start = end;
        }
    }
}
