package dev.afterhours.contracts;

import java.util.Objects;

/**
 * A Kafka topic with the types of its keys and values. Every key in Afterhours is a String:
 * a client id for events, the record's own id for the compacted directory topics.
 *
 * @param name       the topic name
 * @param keyType    the Java type of keys
 * @param valueType  the generated Avro class of values
 * @param compacted  true for log-compacted tables (the directory), false for event streams
 * @param keptForever an event stream that is the system of record (CRM notes): no time-based retention
 */
public record Topic<K, V>(String name, Class<K> keyType, Class<V> valueType, boolean compacted, boolean keptForever) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
    }

    /** A table (compacted) or an event stream with the broker's retention. */
    public Topic(String name, Class<K> keyType, Class<V> valueType, boolean compacted) {
        this(name, keyType, valueType, compacted, false);
    }

    /** Where consumers park records they cannot process, with the reason in the headers. */
    public String deadLetterTopic() {
        return name + ".dlt";
    }

    /** The subject under which the registry keeps this topic's value schema (Confluent TopicNameStrategy). */
    public String valueSubject() {
        return name + "-value";
    }
}
