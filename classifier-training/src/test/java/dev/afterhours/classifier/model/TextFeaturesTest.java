package dev.afterhours.classifier.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.classifier.training.Corpus;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TextFeaturesTest {

    @Test
    void foldsAccentsAndSplitsOnAnythingButLettersAndNumbers() {
        assertThat(TextFeatures.tokens("¡La página está CAÍDA! Straße, 2026-11-23, Kasse kaputt…  ½ öffnen 1234567"))
                .containsExactly("la", "pagina", "esta", "caida", "strasse", "2026", "11", "23", "kasse", "kaputt", "½",
                        "offnen", "<num>");
    }

    /** The hand-written tokenizer is the plain definition, made fast: checked against it on the whole corpus. */
    @Test
    void tokenizesExactlyAsNfdWithoutMarksThenSplittingWould() {
        for (LabelledMessage message : Corpus.load(Path.of("corpus")).all()) {
            String text = (message.subject() == null ? "" : message.subject() + " ") + message.body();
            assertThat(TextFeatures.tokens(text)).as(message.id()).isEqualTo(reference(text));
        }
    }

    private static List<String> reference(String text) {
        String folded = Pattern.compile("\\p{M}+")
                .matcher(Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD))
                .replaceAll("").replace("ß", "ss");
        List<String> tokens = new ArrayList<>();
        for (String token : Pattern.compile("[^\\p{L}\\p{N}]+").split(folded)) {
            if (!token.isEmpty() && tokens.size() < 400) {
                tokens.add(token.length() > 4 && token.chars().allMatch(Character::isDigit) ? "<num>" : token);
            }
        }
        return tokens;
    }
}
