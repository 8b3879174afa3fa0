package dev.afterhours.ingest.earlypage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.EmergencyEscalations;
import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.directory.DirectorySeed;
import dev.afterhours.ingest.message.InboundMessage;
import dev.afterhours.ingest.message.PublishFailedException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which messages ingest pages before classification, against the demo directory: acme-shop's emergency line is
 * +15550199911, dana (+15550100001) is its contact; bergmann-gmbh has no emergency line.
 */
class EmergencyLinePagerTest {

    private static final List<ClientProfile> CLIENTS =
            DirectorySeed.load(Path.of("../deploy/local/directory.yml")).clients();
    // fixed instants from here: the pager reads no clock, it copies the receipt time of the event
    private static final Instant RECEIVED = Instant.parse("2026-12-07T23:00:00Z");
    // fixed instants end

    private final List<EscalationRequested> written = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final EmergencyLinePager pager = new EmergencyLinePager(
            id -> CLIENTS.stream().filter(c -> c.getClientId().equals(id)).findFirst(), () -> CLIENTS, written::add,
            meters);

    private static InboundMessage message(Direction direction, String from, List<String> to,
            Map<String, String> headers) {
        return new InboundMessage(Channel.SMS, direction, "twilio", "SM-1", from, to, null, "the shop is gone",
                null, List.of(), headers, null, null);
    }

    private static MessageReceived event(InboundMessage message, String clientId) {
        return MessageReceived.newBuilder().setMessageId("m-1").setClientId(clientId).setConversationId("c-1")
                .setChannel(message.channel()).setDirection(message.direction()).setProvider(message.provider())
                .setProviderMessageId(message.providerMessageId()).setFrom(message.from()).setTo(message.to())
                .setSubject(null).setBody(message.body()).setReceivedAt(RECEIVED).setProviderTimestamp(null)
                .setAttachments(List.of()).setHeaders(message.headers()).build();
    }

    private Optional<EscalationRequested> page(InboundMessage message, String clientId) {
        return Optional.ofNullable(pager.escalationFor(message, event(message, clientId)));
    }

    private double count(String outcome) {
        return meters.counter(EmergencyLinePager.METRIC, "outcome", outcome).count();
    }

    @Test
    void aTextToTheEmergencyLineIsPagedWithTheFastLanesEscalationId_whateverTheNumbersSpelling() {
        InboundMessage text = message(Direction.INBOUND, "+15550100001", List.of("+1 (555) 019-9911"), Map.of());

        pager.accepted(text, event(text, "acme-shop"));

        assertThat(written).singleElement().satisfies(escalation -> {
            assertThat(escalation.getEscalationId()).isEqualTo(EmergencyEscalations.escalationId("m-1"));
            assertThat(escalation.getClientId()).isEqualTo("acme-shop");
            assertThat(escalation.getReason()).isEqualTo(EscalationReason.EMERGENCY);
            assertThat(escalation.getUrgency()).isEqualTo(Urgency.EMERGENCY);
            assertThat(escalation.getReasons()).containsExactly("emergency line +15550199911",
                    EmergencyLinePager.PAGED_BY_INGEST);
            assertThat(escalation.getSummary()).startsWith("Acme Shop").endsWith(": the shop is gone");
            assertThat(escalation.getRequestedAt()).isEqualTo(RECEIVED);
            assertThat(escalation.getDueAt()).isNull();
            assertThat(escalation.getMessage().getMessageId()).isEqualTo("m-1");
        });
        assertThat(count("paged")).isEqualTo(1);
    }

    @Test
    void aStrangerOnTheEmergencyLineIsPagedUnderTheClientIdIngestGaveIt_asTheFastLaneDoes() {
        // the same key and client as the fast lane's escalation: same partition, same recipients, one page
        assertThat(page(message(Direction.INBOUND, "+15559876543", List.of("+15550199911"), Map.of()),
                Topics.UNRESOLVED_CLIENT)).hasValueSatisfying(escalation -> {
                    assertThat(escalation.getClientId()).isEqualTo(Topics.UNRESOLVED_CLIENT);
                    assertThat(escalation.getSummary()).startsWith("Acme Shop");
                });
    }

    @Test
    void routineLinesStaffRepliesAndAnotherClientsLineAreNotPaged() {
        assertThat(page(message(Direction.INBOUND, "+15550100001", List.of("+15550100100"), Map.of()), "acme-shop"))
                .isEmpty();
        assertThat(page(message(Direction.OUTBOUND, "+15550199911", List.of("+15550100001"), Map.of()), "acme-shop"))
                .as("a staff reply sent from the emergency line").isEmpty();
        assertThat(page(message(Direction.INBOUND, "+4930555010", List.of("+15550199911"), Map.of()), "bergmann-gmbh"))
                .as("the classifier reads the line of the message's own client only").isEmpty();
        assertThat(page(message(Direction.INBOUND, "+15550100001", List.of("+15550100100"),
                Map.of("Priority", "urgent")), "acme-shop")).as("the integration's word is not the line's").isEmpty();
    }

    @Test
    void anAutomaticMessageOnTheEmergencyLineIsLeftToTheClassifier() {
        for (Map<String, String> headers : List.of(Map.of("Auto-Submitted", "auto-replied"),
                Map.of("auto-submitted", "Auto-Generated; owner=monitor"), Map.of("X-Autoreply", "yes"),
                Map.of("Precedence", "bulk"), Map.of("List-Id", "<ops.agency.example>"))) {
            assertThat(page(message(Direction.INBOUND, "+15550100001", List.of("+15550199911"), headers), "acme-shop"))
                    .as(headers.toString()).isEmpty();
        }
        assertThat(count("automatic")).isEqualTo(5);
        assertThat(page(message(Direction.INBOUND, "+15550100001", List.of("+15550199911"),
                Map.of("Auto-Submitted", "no")), "acme-shop")).as("RFC 3834: 'no' is a person").isPresent();
    }

    @Test
    void aFailedWriteIsCountedAndNeverReachesTheCaller() {
        EmergencyLinePager failing = new EmergencyLinePager(id -> Optional.empty(), () -> CLIENTS, escalation -> {
            throw new PublishFailedException("Kafka did not acknowledge", new RuntimeException("down"));
        }, meters);
        InboundMessage text = message(Direction.INBOUND, "+15550100001", List.of("+15550199911"), Map.of());

        failing.accepted(text, event(text, "acme-shop"));

        assertThat(count("failed")).isEqualTo(1);
        assertThat(count("paged")).isZero();
    }
}
