package dev.afterhours.classifier.triage.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageReceived;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PreviewRequestTest {

    private static final Instant NOW = Instant.parse("2026-11-23T22:14:05Z");

    @Test
    void onlyChannelAndBodyAreRequired() {
        MessageReceived message = PreviewRequest.toMessage(Map.of("channel", "sms", "body", "site is down"), NOW);

        assertThat(message.getChannel()).isEqualTo(Channel.SMS);
        assertThat(message.getBody()).isEqualTo("site is down");
        assertThat(message.getClientId()).isEqualTo("unresolved");
        assertThat(message.getDirection()).isEqualTo(Direction.INBOUND);
        assertThat(message.getReceivedAt()).isEqualTo(NOW);
        assertThat(message.getHeaders()).isEmpty();
    }

    @Test
    void readsEveryField() {
        Map<String, Object> json = Map.of("channel", "EMAIL", "subject", "Hi", "body", "b", "clientId", "acme-shop",
                "receivedAt", "2026-11-24T03:00:00Z", "headers", Map.of("Auto-Submitted", "auto-replied"),
                "from", "dana@acme-shop.example", "to", List.of("+15550199911"), "direction", "OUTBOUND");

        MessageReceived message = PreviewRequest.toMessage(json, NOW);

        assertThat(message.getSubject()).isEqualTo("Hi");
        assertThat(message.getClientId()).isEqualTo("acme-shop");
        assertThat(message.getReceivedAt()).isEqualTo(Instant.parse("2026-11-24T03:00:00Z"));
        assertThat(message.getHeaders()).containsEntry("Auto-Submitted", "auto-replied");
        assertThat(message.getFrom()).isEqualTo("dana@acme-shop.example");
        assertThat(message.getTo()).containsExactly("+15550199911");
        assertThat(message.getDirection()).isEqualTo(Direction.OUTBOUND);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "channel    | PIGEON     | channel",
            "receivedAt | yesterday  | receivedAt",
            "recievedAt | 2026-01-01 | recievedAt",
            "receivedAt | +300000000-01-01T00:00:00Z | receivedAt",
            "receivedAt | -300000000-01-01T00:00:00Z | receivedAt",
            "receivedAt | +10000-01-01T00:00:00Z | receivedAt",
            "receivedAt | +1000000000-12-31T23:59:59.999999999Z | receivedAt",
    })
    void aBadFieldIsNamed(String field, String value, String named) {
        Map<String, Object> json = new HashMap<>(Map.of("channel", "EMAIL", "body", "hello"));
        json.put(field, value);

        assertThatThrownBy(() -> PreviewRequest.toMessage(json, NOW))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo(named))
                .hasMessageStartingWith(named + ": ");
    }

    @Test
    void missingAndMistypedFieldsAreNamed() {
        assertThatThrownBy(() -> PreviewRequest.toMessage(Map.of("channel", "EMAIL"), NOW))
                .hasMessage("body: is required");
        assertThatThrownBy(() -> PreviewRequest.toMessage(Map.of("body", "x"), NOW))
                .hasMessage("channel: is required");
        assertThatThrownBy(() -> PreviewRequest.toMessage(Map.of("channel", "EMAIL", "body", 42), NOW))
                .hasMessage("body: must be a string");
        assertThatThrownBy(() -> PreviewRequest.toMessage(Map.of("channel", "EMAIL", "body", "x",
                "headers", Map.of("X-Autoreply", 1)), NOW))
                .hasMessage("headers.X-Autoreply: must be a string");
        assertThatThrownBy(() -> PreviewRequest.toMessage(null, NOW)).hasMessage("body: expected a JSON object");
    }
}
