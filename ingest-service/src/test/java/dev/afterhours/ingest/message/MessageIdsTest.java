package dev.afterhours.ingest.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void aProviderRetryGetsTheSameId() {
        assertThat(MessageIds.messageId("twilio", "SM123")).isEqualTo(MessageIds.messageId("twilio", "SM123"));
    }

    @Test
    void theIdIsANameBasedUuid() {
        UUID id = UUID.fromString(MessageIds.messageId("twilio", "SM123"));
        assertThat(id.version()).isEqualTo(3);
    }

    @Test
    void differentProvidersOrIdsGiveDifferentIds() {
        assertThat(MessageIds.messageId("twilio", "SM123")).isNotEqualTo(MessageIds.messageId("postmark", "SM123"));
        assertThat(MessageIds.messageId("twilio", "SM123")).isNotEqualTo(MessageIds.messageId("twilio", "SM124"));
    }

    @Test
    void theBoundaryBetweenProviderAndIdIsNotAmbiguous() {
        assertThat(MessageIds.messageId("a:b", "c")).isNotEqualTo(MessageIds.messageId("a", "b:c"));
    }
}
