package dev.afterhours.scheduler.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageReceived;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 3834 section 2: which messages an auto-acknowledgement must never answer. */
class AcknowledgementPolicyTest {

    private static MessageReceived mail(String from, Map<String, String> headers) {
        return MessageReceived.newBuilder()
                .setMessageId("m").setClientId("acme-shop").setConversationId("c").setChannel(Channel.EMAIL)
                .setDirection(Direction.INBOUND).setProvider("api").setProviderMessageId("p").setFrom(from)
                .setBody("hello").setReceivedAt(Instant.EPOCH).setHeaders(headers).build();
    }

    @Test
    void aPersonsMessageMayBeAnswered() {
        assertThat(AcknowledgementPolicy.neverAnswer(mail("dana@acme-shop.example", Map.of()))).isNull();
        assertThat(AcknowledgementPolicy.neverAnswer(mail("dana@acme-shop.example", Map.of("Auto-Submitted", "no"))))
                .isNull();
        assertThat(AcknowledgementPolicy.neverAnswer(mail("+15550100001", Map.of()))).isNull();
        assertThat(AcknowledgementPolicy.neverAnswer(mail("replyto@acme-shop.example", Map.of()))).isNull();
    }

    @Test
    void aTextFromAShortCodeOrASenderNameIsAMachinesAndNeverAnswered() {
        MessageReceived person = MessageReceived.newBuilder(mail("+4915112345678", Map.of())).setChannel(Channel.SMS).build();
        assertThat(AcknowledgementPolicy.neverAnswer(person)).isNull();
        assertThat(AcknowledgementPolicy.neverAnswer(MessageReceived.newBuilder(person).setFrom("72345").build()))
                .isEqualTo("robot-sender");
        assertThat(AcknowledgementPolicy.neverAnswer(MessageReceived.newBuilder(person).setFrom("DHL").build()))
                .isEqualTo("robot-sender");
    }

    @Test
    void automaticBulkAndRobotMessagesNeverAre() {
        assertThat(AcknowledgementPolicy.neverAnswer(mail("dana@acme-shop.example",
                Map.of("auto-submitted", "auto-generated")))).isEqualTo("auto-submitted");
        assertThat(AcknowledgementPolicy.neverAnswer(mail("dana@acme-shop.example", Map.of("X-Autoreply", "yes"))))
                .isEqualTo("auto-submitted");
        assertThat(AcknowledgementPolicy.neverAnswer(mail("news@acme-shop.example", Map.of("Precedence", "list"))))
                .isEqualTo("bulk");
        assertThat(AcknowledgementPolicy.neverAnswer(mail("news@acme-shop.example",
                Map.of("List-Unsubscribe", "<mailto:leave@acme-shop.example>")))).isEqualTo("bulk");
        assertThat(AcknowledgementPolicy.neverAnswer(mail("dana@acme-shop.example",
                Map.of("X-Auto-Response-Suppress", "All")))).isEqualTo("suppressed");
        for (String robot : new String[] {"MAILER-DAEMON@mx.example", "postmaster@acme-shop.example",
                "owner-staff@lists.example", "staff-request@lists.example", "no-reply@acme-shop.example",
                "noreply@acme-shop.example", "do-not-reply@acme-shop.example", "bounces+123@mail.example"}) {
            assertThat(AcknowledgementPolicy.neverAnswer(mail(robot, Map.of()))).as(robot).isEqualTo("robot-sender");
        }
    }

    @Test
    void aNegativeWindowIsRefused() {
        assertThatThrownBy(() -> new AcknowledgementPolicy(Duration.ofMinutes(-1)))
                .hasMessageContaining("acknowledgement-window");
    }
}
