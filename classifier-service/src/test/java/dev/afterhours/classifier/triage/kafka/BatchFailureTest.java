package dev.afterhours.classifier.triage.kafka;

import static dev.afterhours.classifier.support.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.afterhours.classifier.ClassifierProperties;
import dev.afterhours.classifier.classification.ContactHistory;
import dev.afterhours.classifier.classification.RuleBasedClassifier;
import dev.afterhours.classifier.hours.AfterHoursClock;
import dev.afterhours.classifier.triage.ClassificationMetrics;
import dev.afterhours.classifier.triage.ClientDirectory;
import dev.afterhours.classifier.triage.MessageTriage;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.SupportCalendar;
import dev.afterhours.contracts.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.util.backoff.BackOffExecution;

/**
 * What the batch listener does with each kind of failure: a record no retry can fix is parked and the rest of the
 * batch is classified; a record undecodable only because the registry is unreachable rolls the whole batch back (an
 * exception out of the listener) and parks nothing; one of unknown cause is retried, then parked; the pauses before
 * reading a batch again grow and start over.
 */
class BatchFailureTest {

    private final DeadLetters deadLetters = mock(DeadLetters.class);
    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, Object> template = mock(KafkaTemplate.class);
    private final Consumer<?, ?> consumer = mock(Consumer.class);
    private final ClientDirectory noClients = new ClientDirectory() {
        @Override
        public Optional<ClientProfile> client(String clientId) {
            return Optional.empty();
        }

        @Override
        public Collection<ClientProfile> clients() {
            return List.of();
        }
    };
    private final MessageTriage triage = new MessageTriage(new RuleBasedClassifier(), new AfterHoursClock(
            SupportCalendar.newBuilder().setZone("UTC").setWindows(List.of()).setHolidays(List.of()).build()),
            noClients, new ContactHistory());
    private final ClassifierProperties twoRetries = new ClassifierProperties("g", 1, null,
            new ClassifierProperties.Retry(2, Duration.ofMillis(200)),
            new ClassifierProperties.DefaultCalendar("UTC", List.of(), "09:00", "17:00", List.of()),
            new ClassifierProperties.FastLane(false, "lane", Duration.ofMinutes(15)));
    private final ReceivedMessageListener listener = new ReceivedMessageListener(triage, template, deadLetters,
            new ClassificationMetrics(new SimpleMeterRegistry()), Clock.systemUTC(), twoRetries);
    private long offset;

    private ConsumerRecord<String, @Nullable Object> record(@Nullable Object value) {
        return new ConsumerRecord<>(Topics.MESSAGES_RECEIVED.name(), 0, offset++, "acme-shop", value);
    }

    private ConsumerRecord<String, @Nullable Object> undecodable(Throwable cause) {
        RecordHeaders headers = new RecordHeaders();
        SerializationUtils.deserializationException(headers, new byte[] {0, 0, 0, 0, 1},
                new DeserializationException("failed to deserialize", new byte[] {0, 0, 0, 0, 1}, false, cause), false);
        return new ConsumerRecord<>(Topics.MESSAGES_RECEIVED.name(), 0, offset++, 0L, TimestampType.CREATE_TIME, 0, 5,
                "acme-shop", null, headers, Optional.empty());
    }

    private ConsumerRecord<String, @Nullable Object> aMessage(String id) {
        return record(message("acme-shop", "Hello", "could you update the footer?").setMessageId(id).build());
    }

    @Test
    void aRecordNoRetryCanFixIsParkedAndTheRestOfTheBatchIsClassified() {
        ConsumerRecord<String, @Nullable Object> badMagicByte = undecodable(new SerializationException("Unknown magic byte!"));
        ConsumerRecord<String, @Nullable Object> tombstone = record(null);
        ConsumerRecord<String, @Nullable Object> notAMessage = record("a string");
        List<ConsumerRecord<String, @Nullable Object>> batch = new ArrayList<>(List.of(aMessage("m1"), badMagicByte,
                tombstone, notAMessage, aMessage("m2")));

        listener.onReceived(batch, consumer);

        verify(template, times(2)).send(eq(Topics.MESSAGES_CLASSIFIED.name()), eq("acme-shop"), any());
        verify(deadLetters).accept(same(badMagicByte), same(consumer), any(DeserializationException.class));
        verify(deadLetters).accept(same(tombstone), same(consumer), any(UnprocessableMessageException.class));
        verify(deadLetters).accept(same(notAMessage), same(consumer), any(UnprocessableMessageException.class));
    }

    @Test
    void aRecordUndecodableOnlyBecauseTheRegistryIsUnreachableRollsTheBatchBackAndParksNothing() {
        ConsumerRecord<String, @Nullable Object> registryDown = undecodable(new SerializationException(
                new ExecutionException(new ConnectException("Connection refused"))));

        assertThatThrownBy(() -> listener.onReceived(List.of(aMessage("m1"), registryDown, aMessage("m2")), consumer))
                .isInstanceOf(DeserializationException.class);

        verify(deadLetters, never()).accept(any(), any(), any());
        // m1 was sent inside the transaction that now rolls back; m2 never was
        verify(template, times(1)).send(anyString(), anyString(), any());
    }

    @Test
    void aFailureOfUnknownCauseRollsTheBatchBackForEachRetryThenThatRecordIsParked() {
        MessageTriage failing = new MessageTriage((message, client, now) -> {
            throw new IllegalStateException("a bug");
        }, new AfterHoursClock(SupportCalendar.newBuilder().setZone("UTC").setWindows(List.of())
                .setHolidays(List.of()).build()), noClients, new ContactHistory());
        ReceivedMessageListener buggy = new ReceivedMessageListener(failing, template, deadLetters,
                new ClassificationMetrics(new SimpleMeterRegistry()), Clock.systemUTC(), twoRetries);
        ConsumerRecord<String, @Nullable Object> record = aMessage("m1");

        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThatThrownBy(() -> buggy.onReceived(List.of(record), consumer)).hasMessage("a bug");
            verify(deadLetters, never()).accept(any(), any(), any());
        }
        buggy.onReceived(List.of(record), consumer);

        verify(deadLetters).accept(same(record), same(consumer), any(IllegalStateException.class));
        verify(template, never()).send(anyString(), anyString(), any());
    }

    @Test
    void theRegistryIsWaitedForWithGrowingPausesForAsLongAsItTakes() {
        BackOffExecution waits = ClassifierKafkaConfiguration.transientBackOff().start();
        long previous = 0;
        for (int i = 0; i < 1_000; i++) {
            long wait = waits.nextBackOff();
            assertThat(wait).isNotEqualTo(BackOffExecution.STOP).isBetween(previous, 30_000L);
            previous = wait;
        }
        assertThat(previous).isEqualTo(30_000);
    }

    @Test
    void thePausesBeforeReadingABatchAgainGrowThenStartOverAfterAQuietMinute() {
        MutableClock clock = new MutableClock(Instant.EPOCH.plus(Duration.ofDays(20_000)));
        BatchRetry retry = new BatchRetry(ClassifierKafkaConfiguration.transientBackOff(), Duration.ofSeconds(1), clock);

        assertThat(retry.nextWait()).isEqualTo(1_000);
        clock.advance(Duration.ofSeconds(1));
        assertThat(retry.nextWait()).isEqualTo(2_000);
        clock.advance(Duration.ofSeconds(2));
        assertThat(retry.nextWait()).isEqualTo(4_000);
        clock.advance(BatchRetry.QUIET_BEFORE_RESET.plusSeconds(1));
        assertThat(retry.nextWait()).isEqualTo(1_000);
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
