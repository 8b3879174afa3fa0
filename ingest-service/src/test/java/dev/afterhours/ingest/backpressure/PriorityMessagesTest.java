package dev.afterhours.ingest.backpressure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Direction;
import dev.afterhours.directory.DirectorySeed;
import dev.afterhours.ingest.message.InboundMessage;
import dev.afterhours.ingest.message.PipelineBehindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which messages backpressure never refuses, against the demo directory (acme-shop's emergency line +15550199911). */
class PriorityMessagesTest {

    private static final List<ClientProfile> CLIENTS =
            DirectorySeed.load(Path.of("../deploy/local/directory.yml")).clients();

    private static InboundMessage sms(String from, List<String> to, Map<String, String> headers) {
        return new InboundMessage(Channel.SMS, Direction.INBOUND, "twilio", "m-1", from, to, null, "help", null,
                List.of(), headers, null, null);
    }

    @Test
    void aCallFromOrToAnEmergencyLineIsAlwaysTaken_whateverItsSpelling() {
        assertThat(PriorityMessages.why(sms("+1 (555) 019-9911", List.of(), Map.of()), CLIENTS))
                .hasValue("emergency line +15550199911 of acme-shop");
        assertThat(PriorityMessages.why(sms("+15550100001", List.of("+1-555-019-9911"), Map.of()), CLIENTS))
                .isPresent();
    }

    @Test
    void aMessageMarkedPriorityUrgentIsAlwaysTaken() {
        assertThat(PriorityMessages.why(sms("+15550100001", List.of(), Map.of("priority", " Urgent")), CLIENTS))
                .hasValue("marked urgent");
    }

    @Test
    void everythingElseIsRoutine() {
        assertThat(PriorityMessages.why(sms("+15550100001", List.of("+15550100002"), Map.of()), CLIENTS)).isEmpty();
        assertThat(PriorityMessages.why(sms("+15550100001", List.of(), Map.of("Priority", "normal")), CLIENTS))
                .isEmpty();
    }

    @Test
    void whileBehindRoutineIsRefusedAndPriorityTaken() {
        BacklogGate gate = new BacklogGate(10, Duration.ofSeconds(10));
        gate.observe(11, 0, 0);
        PipelineBackpressure backpressure = new PipelineBackpressure(gate, () -> CLIENTS, () -> 0);

        PipelineBehindException refused = backpressure.refusal(sms("+15550100001", List.of(), Map.of()));
        assertThat(refused).isNotNull();
        assertThat(refused.backlog()).isEqualTo(11);
        assertThat(backpressure.refusal(sms("+15550199911", List.of(), Map.of()))).isNull();
    }
}
