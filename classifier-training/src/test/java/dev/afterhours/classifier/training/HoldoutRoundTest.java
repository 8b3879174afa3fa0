package dev.afterhours.classifier.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.classifier.model.LabelledMessage;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The second held-out round (issue 13) is scored, never learned from: it lives outside {@code corpus/}, which is
 * all that training reads, and every line of it is a {@code test} line.
 */
class HoldoutRoundTest {

    private final Corpus round2 = Corpus.load(Path.of("corpus-holdout"));

    @Test
    void trainingNeverReadsTheHoldoutRound() {
        Set<String> trained = Corpus.load(Path.of("corpus")).all().stream().map(LabelledMessage::id)
                .collect(Collectors.toSet());
        Set<String> bodies = Corpus.load(Path.of("corpus")).all().stream().map(LabelledMessage::body)
                .collect(Collectors.toSet());

        assertThat(round2.all()).noneMatch(m -> trained.contains(m.id()));
        assertThat(round2.all()).noneMatch(m -> bodies.contains(m.body()));
        assertThat(round2.train()).isEmpty();
    }

    @Test
    void theRoundIsLargeEnoughAndCoversTheLanguagesAndTheAutoReplies() {
        assertThat(round2.heldOut()).hasSizeGreaterThanOrEqualTo(300);
        assertThat(round2.all()).extracting(LabelledMessage::language).contains("en", "de", "fr", "es");
        assertThat(round2.all()).filteredOn(LabelledMessage::autoReply).hasSizeGreaterThanOrEqualTo(40);
    }
}
