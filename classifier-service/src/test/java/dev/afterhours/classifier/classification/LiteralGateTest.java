package dev.afterhours.classifier.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
    }

    /** The gate may only skip patterns that cannot match: checked on every lexicon pattern and the whole corpus. */
    @Test
    void neverSkipsAPatternThatWouldMatch() throws Exception {
        List<Pattern> patterns = Stream.of(Lexicon.EMERGENCIES, Lexicon.HIGH, Lexicon.HEDGES, Lexicon.OUT_OF_OFFICE_TEXT)
                .flatMap(List::stream).toList();
        List<String> texts = dev.afterhours.classifier.model.Corpus.load(java.nio.file.Path.of("corpus")).all().stream()
                .map(m -> MessageText.of(m.subject(), m.body()).own()).toList();
        int gated = 0;
        for (Pattern pattern : patterns) {
            for (String text : texts) {
                if (!LiteralGate.mayMatch(pattern, text)) {
                    gated++;
                    assertThat(pattern.matcher(text).find()).as("%s on %s", pattern, text).isFalse();
                }
            }
        }
        assertThat(gated).as("patterns skipped").isGreaterThan(patterns.size() * texts.size() / 2);
    }
}
