package dev.afterhours.testkit;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** One real KRaft broker per test JVM, on an ephemeral port, stopped when the JVM exits. */
public final class EmbeddedBroker {

    public static final int PARTITIONS = 3;

    private static EmbeddedKafkaKraftBroker broker;

    private EmbeddedBroker() {
    }

    /** Starts the broker on first use. */
    public static synchronized EmbeddedKafkaKraftBroker get() {
        if (broker == null) {
            EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
            // One broker: internal topics (offsets, transactions for exactly-once) must make do with one replica.
            started.brokerProperties(Map.of(
                    "offsets.topic.replication.factor", "1",
                    "transaction.state.log.replication.factor", "1",
                    "transaction.state.log.min.isr", "1",
                    "group.initial.rebalance.delay.ms", "0",
                    "auto.create.topics.enable", "true",
                    "num.partitions", String.valueOf(PARTITIONS)));
            started.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "embedded-kafka-stop"));
            broker = started;
        }
        return broker;
    }

    public static String bootstrapServers() {
        return get().getBrokersAsString();
    }
}
