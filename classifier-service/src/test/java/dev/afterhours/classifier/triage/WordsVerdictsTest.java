package dev.afterhours.classifier.triage;

import static dev.afterhours.classifier.support.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.classifier.ClassifierProperties;
import dev.afterhours.classifier.classification.CombinedClassifier.WordsVerdict;
import dev.afterhours.classifier.classification.ContactHistory;
import dev.afterhours.classifier.classification.RuleBasedClassifier;
import dev.afterhours.classifier.engine.ClassifierEngine;
import dev.afterhours.classifier.hours.AfterHoursClock;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The fast lane's words verdicts, reused by the pipeline only where that changes nothing. */
class WordsVerdictsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T03:00:01Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WordsVerdicts verdicts = new WordsVerdicts(3, registry);
    private final Optional<ClientProfile> acme = new DemoClientDirectory().client("acme-shop");
    private final AtomicInteger judged = new AtomicInteger();

    private static MessageReceived received(String body) {
        return received(body, 1);
    }

    private static MessageReceived received(String body, int secondsAgo) {
        return message("acme-shop", null, body).setReceivedAt(NOW.minusSeconds(secondsAgo)).build();
    }

    /** What the rules alone make of it: a words verdict cheap enough for a unit test. */
    private static WordsVerdict wordsOf(MessageReceived message, Optional<ClientProfile> client) {
        RuleBasedClassifier.RuleVerdict rules = new RuleBasedClassifier().judge(message, client);
        return new WordsVerdict(rules, rules.classification());
    }

    private Supplier<WordsVerdict> judging(MessageReceived message, Optional<ClientProfile> client) {
        return () -> {
            judged.incrementAndGet();
            return wordsOf(message, client);
        };
    }

    private double count(String outcome) {
        return registry.get(WordsVerdicts.METRIC).tag("outcome", outcome).counter().count();
    }

    @Test
    void thePipelineReusesWhatTheLaneJudgedOnce() {
        MessageReceived message = received("our checkout is broken");
        WordsVerdict kept = wordsOf(message, acme);
        verdicts.keep(message, acme, kept);

        assertThat(verdicts.take(message, acme, judging(message, acme))).isSameAs(kept);
        assertThat(judged).hasValue(0);
        // Taken, not copied: a retried batch judges again, as it would without the lane.
        assertThat(verdicts.take(message, acme, judging(message, acme))).isNotSameAs(kept);
        assertThat(judged).hasValue(1);
        assertThat(verdicts.size()).isZero();
        assertThat(count("reused")).isEqualTo(1);
        assertThat(count("computed")).isEqualTo(1);
    }

    @Test
    void aClientProfileChangedSinceIsJudgedAgain() {
        MessageReceived message = received("our checkout is broken");
        verdicts.keep(message, acme, wordsOf(message, acme));
        Optional<ClientProfile> edited = Optional.of(ClientProfile.newBuilder(acme.orElseThrow())
                .setEmergencyPhrases(List.of("checkout is broken", "kitchen on fire")).build());

        WordsVerdict taken = verdicts.take(message, edited, judging(message, edited));

        assertThat(judged).hasValue(1);
        assertThat(taken.decided()).isEqualTo(wordsOf(message, edited).decided());
        assertThat(count("computed")).isEqualTo(1);
        assertThat(verdicts.size()).isZero();
    }

    @Test
    void anUnknownClientNowKnownIsJudgedAgain() {
        MessageReceived message = received("can you call me back");
        verdicts.keep(message, Optional.empty(), wordsOf(message, Optional.empty()));

        verdicts.take(message, acme, judging(message, acme));

        assertThat(judged).hasValue(1);
    }

    @Test
    void anotherMessageUnderTheSameIdIsJudgedAgain() {
        MessageReceived message = received("our checkout is broken");
        MessageReceived edited = MessageReceived.newBuilder(message).setBody("thanks, all fine now").build();
        verdicts.keep(message, acme, wordsOf(message, acme));

        verdicts.take(edited, acme, judging(edited, acme));

        assertThat(judged).hasValue(1);
    }

    @Test
    void theOldestVerdictGoesFirstBeyondTheBound() {
        List<MessageReceived> messages = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            MessageReceived message = received("message " + i);
            messages.add(message);
            verdicts.keep(message, acme, wordsOf(message, acme));
        }

        assertThat(verdicts.size()).isEqualTo(3);
        verdicts.take(messages.getFirst(), acme, judging(messages.getFirst(), acme));
        assertThat(judged).hasValue(1);
        for (MessageReceived message : messages.subList(1, 4)) {
            verdicts.take(message, acme, judging(message, acme));
        }
        assertThat(judged).hasValue(1);
        assertThat(count("reused")).isEqualTo(3);
    }

    @Test
    void thePipelinesDecisionsAreTheSameWhetherOrNotTheLaneWentFirst() {
        List<MessageReceived> contacts = List.of(
                received("So sorry to bother you this late, I think our shop might not be taking orders anymore?", 180),
                received("hello?? anyone there, still nothing works", 120),
                received("please call me back, customers are complaining", 60));
        WordsVerdicts aheadOfNoOne = new WordsVerdicts(WordsVerdicts.DEFAULT_CAPACITY, new SimpleMeterRegistry());
        MessageTriage alone = shippedTriage(aheadOfNoOne);
        MessageTriage behindTheLane = shippedTriage(verdicts);

        List<MessageClassified> laneSaw = contacts.stream().map(m -> behindTheLane.classifyAhead(m, NOW)).toList();
        List<MessageClassified> withLane = inTurn(behindTheLane, contacts);
        List<MessageClassified> withoutLane = inTurn(alone, contacts);

        assertThat(withLane).isEqualTo(withoutLane);
        assertThat(count("reused")).isEqualTo(3);
        assertThat(count("computed")).isZero();
        // The lane looked before the history held the first two; the pipeline's third contact adds that context.
        assertThat(withLane.getLast().getReasons()).anyMatch(r -> r.startsWith("3rd message"));
        assertThat(laneSaw.getLast().getReasons()).noneMatch(r -> r.startsWith("3rd message"));
    }

    /** The pipeline: each message classified and remembered, in order. */
    private static List<MessageClassified> inTurn(MessageTriage triage, List<MessageReceived> messages) {
        List<MessageClassified> published = new ArrayList<>();
        for (MessageReceived message : messages) {
            MessageClassified classified = triage.classifyInTurn(message, NOW);
            triage.remember(classified);
            published.add(classified);
        }
        return published;
    }

    private static MessageTriage shippedTriage(WordsVerdicts ahead) {
        ClassifierProperties.DefaultCalendar agencyHours = new ClassifierProperties.DefaultCalendar(
                "America/New_York", List.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), "09:00", "17:00", List.of());
        ContactHistory history = new ContactHistory();
        return new MessageTriage(ClassifierEngine.shipped(
                new AfterHoursClock(TriageConfiguration.agencyCalendar(agencyHours)), history), new DemoClientDirectory(), history,
                ahead);
    }
}
