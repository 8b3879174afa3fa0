package dev.afterhours.classifier.classification;

import dev.afterhours.classifier.text.MessageText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.classifier.training.Corpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LiteralGateTest {

    @Test
    void readsTheWordsEveryMatchMustStartWith() {
        assertThat(LiteralGate.leadingWords("\\b(?:checkout|payments?|web ?site)(?: page)? (?:broken|down)\\b"))
                .containsExactly("checkout", "payment", "web");
        assertThat(LiteralGate.leadingWords("\\bstill (?:down|broken)\\b")).containsExactly("still ");
        assertThat(LiteralGate.leadingWords("\\b(?:we have|we've got) an outage")).containsExactly("we have", "we've got");
        assertThat(LiteralGate.leadingWords("\\b(?:[£$€]\\d|spent)")).isEmpty();
        assertThat(LiteralGate.leadingWords("\\b(?:a|b)?c")).isEmpty();
        assertThat(LiteralGate.leadingWords("^(?:auto|ooo)")).isEmpty();
        assertThat(LiteralGate.leadingWords("\\bstill down\\b|\\bne marche toujours pas\\b")).containsExactly("still down", "ne marche toujours pas");
        assertThat(LiteralGate.leadingWords("\\bstill down\\b|^down")).isEmpty();
    }

    /** Gated matching must find exactly what a plain find() loop finds: checked on every pattern and the corpus. */
    @Test
    void findsExactlyWhatAPlainSearchFinds() {
        // The word index files words by their first two characters: one-letter, accented and apostrophe gates too.
        List<Pattern> edges = List.of(Lexicon.p("\\b(?:a|é|ß|o)\\w*"), Lexicon.p("\\b(?:l'a|d')\\w+"));
        List<Pattern> patterns = Stream.of(Lexicon.EMERGENCIES, Lexicon.HIGH, Lexicon.HEDGES, Lexicon.OUT_OF_OFFICE_TEXT,
                        Lexicon.OUT_OF_OFFICE_HINTS, Lexicon.CLOSED_STATEMENTS, Lexicon.AUTO_TEXT, Lexicon.READ_RECEIPT_TEXT, Lexicon.BOUNCE_TEXT,
                        Lexicon.CALENDAR_TEXT, Impact.LIMITED_SCOPE, Impact.AT_STAKE, Impact.WORKAROUND, List.of(Lexicon.FYI, Lexicon.UNSUBSCRIBE, Lexicon.NEWSLETTER,
                                Lexicon.RETURN_DATE), edges)
                .flatMap(List::stream).toList();
        List<String> texts = Corpus.load(Path.of("corpus")).all().stream()
                .map(m -> MessageText.of(m.subject(), m.body()).own()).toList();
        int gated = 0;
        for (Pattern pattern : patterns) {
            gated += LiteralGate.leadingWords(pattern.pattern()).length > 0 ? 1 : 0;
            for (String text : texts) {
                List<LiteralGate.Match> plain = new ArrayList<>();
                Matcher matcher = pattern.matcher(text);
                while (matcher.find()) {
                    plain.add(new LiteralGate.Match(matcher.start(), matcher.end(), matcher.group()));
                }
                assertThat(LiteralGate.matches(pattern, text)).as("%s on %s", pattern, text).isEqualTo(plain);
            }
        }
        // An ungated pattern is searched at every position of every message: each one cost a tenth of the time.
        assertThat(patterns).as("patterns without a gate")
                .filteredOn(p -> LiteralGate.leadingWords(p.pattern()).length == 0).isEmpty();
        assertThat(gated).as("patterns with a gate").isEqualTo(patterns.size());
        assertThat(Stream.of(Lexicon.FYI, Lexicon.UNSUBSCRIBE, Lexicon.NEWSLETTER, edges.get(0), edges.get(1))
                .map(p -> LiteralGate.leadingWords(p.pattern()))).allMatch(words -> words.length > 0);
    }
}
