package dev.afterhours.benchmarks.load;

import dev.afterhours.kafka.KafkaConnection;
import dev.afterhours.kafka.ProducerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The ceiling the pipeline is compared with: the same broker relaying records through four hops (produce, then
 * consume and produce again, four times; idempotent {@code acks=all} producers, default consumer settings), with
 * records the size of a received message. No processing, no transactions, no registry: what Kafka alone allows.
 */
final class RawRelay {

    static final int HOPS = 4;

    private RawRelay() {
    }

    /** Records per second that made all four hops. */
    static double measure(String bootstrap, Admin admin, int records, int recordBytes, int partitions) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> topics = new ArrayList<>(); // hop n writes topics.get(n - 1)
        for (int hop = 1; hop <= HOPS; hop++) {
            topics.add("afterhours.bench.relay-" + run + "-" + hop);
        }
        admin.createTopics(topics.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList()).all().get();
        try {
            // Fresh topics read from "earliest": no record can pass a consumer that is still joining.
            CountDownLatch arrived = new CountDownLatch(records);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> relays = new ArrayList<>();
            for (int hop = 1; hop < HOPS; hop++) {
                KafkaConsumer<String, byte[]> in = consumer(bootstrap);
                in.subscribe(List.of(topics.get(hop - 1)));
                String out = topics.get(hop);
                relays.add(Thread.ofPlatform().daemon().start(() -> relay(bootstrap, in, out, stop)));
            }
            KafkaConsumer<String, byte[]> last = consumer(bootstrap);
            last.subscribe(List.of(topics.get(HOPS - 1)));
            Thread counter = Thread.ofPlatform().daemon().start(() -> {
                try (last) {
                    while (!stop.get()) {
                        for (ConsumerRecord<String, byte[]> ignored : last.poll(Duration.ofMillis(100))) {
                            arrived.countDown();
                        }
                    }
                }
            });
            byte[] payload = new byte[recordBytes];
            long start = System.nanoTime();
            try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
                for (int i = 0; i < records; i++) {
                    producer.send(new ProducerRecord<>(topics.get(0), "client-" + (i % 50), payload));
                }
            }
            boolean done = arrived.await(5, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - start) / 1e9;
            stop.set(true);
            for (Thread relay : relays) {
                relay.join(10_000);
            }
            counter.join(10_000);
            return done ? records / seconds : (records - arrived.getCount()) / seconds;
        } finally {
            admin.deleteTopics(topics).all().get();
        }
    }

    private static void relay(String bootstrap, KafkaConsumer<String, byte[]> in, String out, AtomicBoolean stop) {
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap); in) {
            while (!stop.get()) {
                for (ConsumerRecord<String, byte[]> record : in.poll(Duration.ofMillis(100))) {
                    producer.send(new ProducerRecord<>(out, record.key(), record.value()));
                }
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Map<String, Object> config = ProducerSettings.on(KafkaConnection.plaintext(bootstrap)).durable().build();
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-relay-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
