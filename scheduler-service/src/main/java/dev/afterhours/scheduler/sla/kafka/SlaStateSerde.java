package dev.afterhours.scheduler.sla.kafka;

import dev.afterhours.scheduler.sla.SlaState;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for the SLA state store and its changelog: readable with any console consumer, and tolerant of fields
 * added later (unknown properties are ignored), so the internal format can evolve without the shared schemas.
 */
final class SlaStateSerde implements Serde<SlaState> {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Override
    public Serializer<SlaState> serializer() {
        return (topic, state) -> {
            if (state == null) {
                return null;
            }
            try {
                return JSON.writeValueAsBytes(state);
            } catch (JacksonException e) {
                throw new SerializationException("Cannot write SLA state " + state.slaId(), e);
            }
        };
    }

    @Override
    public Deserializer<SlaState> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return JSON.readValue(bytes, SlaState.class);
            } catch (JacksonException e) {
                throw new SerializationException("Cannot read SLA state from " + topic, e);
            }
        };
    }
}
