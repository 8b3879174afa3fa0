package dev.afterhours.classifier.support;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.TopicProvisioner;
import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.directory.DirectoryValidator;
import dev.afterhours.directory.DirectorySeed;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.directory.OutboundUrlPolicy;
import dev.afterhours.directory.DirectorySnapshot;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.TopicProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;

/** Test messages and the demo directory ({@code deploy/local/directory.yml}), the same file the local stack seeds. */
public final class Fixtures {

    public static final Path DEMO_DIRECTORY = Path.of("../deploy/local/directory.yml");
    private static @Nullable DirectorySnapshot demo;

    private Fixtures() {
    }

    /** Publishes the demo directory to the test broker the way the local stack seeds it, and waits for it. */
    public static void seedDemoDirectory(Duration timeout) throws InterruptedException {
        String bootstrap = AfterhoursTestEnvironment.bootstrapServers();
        String registry = AfterhoursTestEnvironment.registryUrl();
        TopicProvisioner.ensure(bootstrap, Topics.DIRECTORY, 3, (short) 1);
        try (DirectoryView view = DirectoryView.start(bootstrap, registry);
             // The demo staff's webhooks point at the local stack's pager on localhost, allowed there by name.
             DirectoryPublisher publisher = new DirectoryPublisher(bootstrap, registry,
                     DirectoryValidator.withOutboundPolicy(OutboundUrlPolicy.parse("localhost:8099")))) {
            if (!view.awaitLoaded(timeout)) {
                throw new IllegalStateException("the directory did not load within " + timeout);
            }
            publisher.seedMissing(demoDirectory(), view);
        }
    }

    public static synchronized DirectorySnapshot demoDirectory() {
        if (demo == null) {
            demo = DirectorySeed.load(DEMO_DIRECTORY);
        }
        return demo;
    }

    public static ClientProfile client(String clientId) {
        return demoDirectory().clients().stream().filter(c -> c.getClientId().equals(clientId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no client " + clientId + " in the demo directory"));
    }

    public static MessageReceived.Builder message(String clientId, @Nullable String subject, String body) {
        String id = "msg-" + UUID.randomUUID();
        return MessageReceived.newBuilder()
                .setMessageId(id)
                .setClientId(clientId)
                .setConversationId("conv-" + id)
                .setChannel(Channel.EMAIL)
                .setDirection(Direction.INBOUND)
                .setProvider("test")
                .setProviderMessageId(id)
                .setFrom("someone@example.com")
                .setTo(List.of("support@agency.example"))
                .setSubject(subject)
                .setBody(body)
                // fixed instant: the classifier runs no timer; a Monday 17:14 in New York, in Acme Shop's hours
                .setReceivedAt(Instant.parse("2026-11-23T22:14:05Z"))
                .setHeaders(Map.of());
    }

    /** Waits for the committed classification of a message on the classified topic; fails unless there is one. */
    public static MessageClassified awaitClassification(MessageReceived message, Deserializer<MessageClassified> values,
            Duration timeout) {
        List<MessageClassified> found = TopicProbe.readUntil(Topics.MESSAGES_CLASSIFIED,
                        records -> records.stream().anyMatch(r -> values.deserialize(r.topic(), r.value())
                                .getMessageId().equals(message.getMessageId())), timeout).stream()
                .map(r -> values.deserialize(r.topic(), r.value()))
                .filter(c -> c.getMessageId().equals(message.getMessageId())).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " classifications of " + message.getMessageId() + ", expected 1");
        }
        return found.getFirst();
    }
}
