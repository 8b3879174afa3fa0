package dev.afterhours.classifier.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.classifier.text.MessageText;
import dev.afterhours.classifier.training.Corpus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The language whose EMERGENCY threshold applies. */
class LanguageTest {

    @Test
    void tellsTheFourLanguagesByTheirCommonestWords() {
        assertThat(Language.detect("our checkout is broken since this morning, can you look?")).isEqualTo("en");
        assertThat(Language.detect("Hallo, der Shop geht seit heute früh nicht mehr, bitte schnell schauen"))
                .isEqualTo("de");
        assertThat(Language.detect("Bonjour, le site ne répond plus depuis ce matin, merci de regarder"))
                .isEqualTo("fr");
        assertThat(Language.detect("Hola, la tienda no funciona desde esta mañana, ¿pueden mirarlo?"))
                .isEqualTo("es");
    }

    @Test
    void aTerseTextNamesNoLanguageAndTheClientsLanguageThenDecides() {
        assertThat(Language.detect("site dwn!!")).isEqualTo(Language.UNDETERMINED);
        assertThat(Language.detect("site dwn!!", "de-AT")).isEqualTo("de");
        assertThat(Language.detect("site dwn!!", "pt-BR")).isEqualTo(Language.UNDETERMINED);
        // The words win over the client's language.
        assertThat(Language.detect("the site is down and nobody can pay", "fr")).isEqualTo("en");
    }

    @Test
    void agreesWithTheCorpusWritersOnNearlyEveryMessage() {
        Corpus corpus = Corpus.load(Path.of("corpus"));
        long agree = corpus.all().stream()
                .filter(m -> Language.detect(MessageText.of(m.subject(), m.body()).own()).equals(m.language()))
                .count();

        // Most of the rest are monitoring alerts in English filed under another language, or undetermined.
        assertThat((double) agree / corpus.all().size()).isGreaterThan(0.97);
    }
}
