package dev.afterhours.ingest.message.kafka;

import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.ingest.KafkaInfrastructure.Endpoints;
import dev.afterhours.ingest.message.PublishFailedException;
import dev.afterhours.kafka.ProducerSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A producer for records someone is waiting on (an HTTP request, an SMTP session, a caller on the line): idempotent,
 * {@code acks=all}, and each send returns only once the broker has acknowledged the record, or fails in time for
 * the caller to be told so.
 */
public final class AcknowledgedProducer<V> implements AutoCloseable {

    private final Producer<String, V> producer;
    private final Duration ackTimeout;

    /**
     * @param ackTimeout how long to wait for the acknowledgement; a bit more than the producer's own delivery
     *                   timeout, so the producer's error (with its reason) usually wins
     */
    public AcknowledgedProducer(Producer<String, V> producer, Duration ackTimeout) {
        this.producer = producer;
        this.ackTimeout = ackTimeout;
    }

    /**
     * Registry-serialised values, string keys; a send fails within about {@code publishTimeout} (an unavailable
     * Kafka becomes a 503 in seconds, not the producer's two minutes).
     *
     * @param base     the service's producer configuration (Spring Boot's {@code buildProducerProperties()})
     * @param clientId the client id's prefix, named for what the producer writes
     */
    public static <V extends SpecificRecord> AcknowledgedProducer<V> create(Map<String, Object> base,
            Endpoints endpoints, Duration publishTimeout, String clientId) {
        Map<String, Object> config = ProducerSettings.from(base)
                .with(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers())
                .durable().answerWithin(publishTimeout).clientId(clientId).build();
        KafkaProducer<String, V> producer = new KafkaProducer<>(config, new StringSerializer(),
                RegistrySerdes.<V>valueSerializer(RegistrySerdes.coreApi(endpoints.registryBaseUrl())));
        return new AcknowledgedProducer<>(producer, publishTimeout.plusSeconds(2));
    }

    /** @throws PublishFailedException if the record is not acknowledged; the caller must not report success */
    public void send(ProducerRecord<String, V> record) {
        try {
            producer.send(record).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            throw new PublishFailedException("Kafka did not acknowledge the message: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException("Kafka did not acknowledge the message within " + ackTimeout, e);
        } catch (RuntimeException e) {
            // send() itself throws when metadata cannot be fetched in time or the serializer cannot reach the registry.
            throw new PublishFailedException("could not send the message to Kafka: " + e, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
