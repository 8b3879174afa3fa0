package dev.afterhours.ingest.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.SlaPolicy;
import dev.afterhours.contracts.SupportCalendar;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhoneLinesTest {

    private static ClientProfile client(String id, List<String> lines, List<String> emergencyLines) {
        return ClientProfile.newBuilder().setClientId(id).setName(id).setAccountManagerId("alice")
                .setCalendar(SupportCalendar.newBuilder().setZone("UTC").build())
                .setSlaPolicy(SlaPolicy.newBuilder().setTargets(List.of()).build())
                .setPhoneLines(lines).setEmergencyLines(emergencyLines).build();
    }

    private final PhoneLines lines = new PhoneLines(() -> List.of(
            client("zeta", List.of("+15550100100"), List.of()),
            client("acme-shop", List.of("+15550100100"), List.of("+1 (555) 019-9911"))));

    @Test
    void theDialledNumberNamesTheClientAndTheKindOfLine() {
        assertThat(lines.lineFor("+1 555 019 9911")).hasValueSatisfying(line -> {
            assertThat(line.clientId()).isEqualTo("acme-shop");
            assertThat(line.emergency()).isTrue();
            assertThat(line.kind()).isEqualTo("emergency");
        });
        assertThat(lines.lineFor("+15550100100")).hasValueSatisfying(line -> {
            assertThat(line.clientId()).as("two clients list it: the first by id, every time").isEqualTo("acme-shop");
            assertThat(line.kind()).isEqualTo("normal");
        });
        assertThat(lines.lineFor("+15550000000")).isEmpty();
    }
}
