package dev.afterhours.classifier.support;

import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.TopicProvisioner;
import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.directory.DirectoryValidator;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.directory.OutboundUrlPolicy;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.TopicProbe;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;

/** The broker side of the classifier's tests: the demo directory ({@link Fixtures}) seeded, classifications read. */
public final class BrokerFixtures {

    private BrokerFixtures() {
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
            publisher.seedMissing(Fixtures.demoDirectory(), view);
        }
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
