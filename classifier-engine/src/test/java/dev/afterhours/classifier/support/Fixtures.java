package dev.afterhours.classifier.support;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.directory.DirectorySeed;
import dev.afterhours.directory.DirectorySnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Test messages and the demo directory ({@code deploy/local/directory.yml}), the same file the local stack seeds.
 * Shared as this module's test jar; the broker side is classifier-service's {@code BrokerFixtures}.
 */
public final class Fixtures {

    public static final Path DEMO_DIRECTORY = Path.of("../deploy/local/directory.yml");
    private static @Nullable DirectorySnapshot demo;

    private Fixtures() {
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
}
