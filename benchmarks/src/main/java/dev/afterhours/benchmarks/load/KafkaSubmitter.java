package dev.afterhours.benchmarks.load;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.kafka.KafkaConnection;
import dev.afterhours.kafka.ProducerSettings;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes {@code MessageReceived} records straight to the received topic, as ingest would after accepting them: for
 * measuring the stages behind ingest beyond what one machine's HTTP front door can take. The record is keyed by
 * client and resolved against the demo directory's contacts, as ingest resolves them, or given to one client.
 */
final class KafkaSubmitter implements Submitter {

    private static final Map<String, String> CLIENT_BY_SENDER = Map.of(
            "sam@acme-shop.example", "acme-shop",
            "dana@acme-shop.example", "acme-shop",
            "+15550100001", "acme-shop",
            "jonas@bergmann.example", "bergmann-gmbh");

    private final KafkaProducer<String, MessageReceived> producer;
    private final String clientId;

    KafkaSubmitter(String bootstrap, String registryUrl) {
        this(bootstrap, registryUrl, null);
    }

    /** @param clientId every message's client, or null to resolve senders against the demo directory */
    KafkaSubmitter(String bootstrap, String registryUrl, String clientId) {
        this.clientId = clientId;
        Map<String, Object> config = ProducerSettings.on(KafkaConnection.plaintext(bootstrap)).durable().batched().build();
        producer = new KafkaProducer<>(config, new StringSerializer(),
                RegistrySerdes.valueSerializer(RegistrySerdes.coreApi(registryUrl)));
    }

    @Override
    public CompletableFuture<Outcome> submit(String providerMessageId, LoadMix.Sample sample) {
        String clientId = this.clientId != null ? this.clientId
                : CLIENT_BY_SENDER.getOrDefault(sample.from(), Topics.UNRESOLVED_CLIENT);
        MessageReceived message = MessageReceived.newBuilder()
                .setMessageId("load:" + providerMessageId)
                .setClientId(clientId)
                .setConversationId("load:" + sample.from())
                .setChannel(Channel.valueOf(sample.channel()))
                .setDirection(Direction.INBOUND)
                .setProvider("load")
                .setProviderMessageId(providerMessageId)
                .setFrom(sample.from())
                .setTo(sample.to())
                .setSubject(sample.subject())
                .setBody(sample.body())
                .setReceivedAt(Instant.now())
                .build();
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(Topics.MESSAGES_RECEIVED.name(), clientId, message),
                (metadata, failure) -> outcome.complete(failure == null ? Outcome.ACCEPTED : Outcome.FAILED));
        return outcome;
    }

    @Override
    public void close() {
        producer.close();
    }
}
