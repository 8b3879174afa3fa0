package dev.afterhours.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void the_catalog_is_immutable_and_names_are_unique() {
        Set<String> names = new HashSet<>();
        Topics.ALL.forEach(t -> assertThat(names.add(t.name())).as("duplicate topic %s", t.name()).isTrue());
        assertThatThrownBy(() -> Topics.ALL.add(Topics.MESSAGES_RECEIVED)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void every_value_type_is_a_generated_avro_record_and_only_the_directory_and_the_acknowledgement_outcomes_are_compacted() {
        for (Topic<String, ?> topic : Topics.ALL) {
            assertThat(SpecificRecord.class).isAssignableFrom(topic.valueType());
            // Tables: the directory, and the latest outcome per acknowledgement request (what stops a second send).
            assertThat(topic.compacted()).as(topic.name())
                    .isEqualTo(Topics.DIRECTORY.contains(topic) || topic == Topics.AUTO_REPLY_OUTCOMES);
            assertThat(topic.deadLetterTopic()).isEqualTo(topic.name() + ".dlt");
        }
    }
}
