package dev.afterhours.scheduler.sla.kafka;

import dev.afterhours.businesstime.SupportHours;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.directory.Calendars;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.scheduler.Infrastructure;
import dev.afterhours.scheduler.SchedulerProperties;
import dev.afterhours.scheduler.sla.ClientLookup;
import dev.afterhours.scheduler.sla.SlaMetrics;
import dev.afterhours.scheduler.sla.SlaPlanner;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the SLA topology. Processing starts only once the directory has been read to its end, so no SLA is
 * planned against a half-loaded directory; the state directory is never wiped (what is missing is restored from
 * the changelog topics). On shutdown the instance commits and leaves the group, so its partitions move to the
 * remaining instances at once.
 */
public final class SlaStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SlaStreams.class);

    private final SchedulerProperties properties;
    private final Infrastructure infrastructure;
    private final DirectoryView directory;
    private final SlaMetrics metrics;
    private final Object lock = new Object();

    private volatile boolean running;
    private @Nullable Thread starter;
    private volatile @Nullable KafkaStreams streams;
    private @Nullable KafkaStreamsMetrics streamsMetrics;

    public SlaStreams(SchedulerProperties properties, Infrastructure infrastructure, DirectoryView directory,
            SlaMetrics metrics) {
        this.properties = properties;
        this.infrastructure = infrastructure;
        this.directory = directory;
        this.metrics = metrics;
    }

    /** The topology as this service runs it. */
    public Topology topology() {
        String registry = RegistrySerdes.coreApi(infrastructure.registryUrl());
        StreamsBuilder builder = new StreamsBuilder();
        new SlaTopology(new SlaPlanner(properties.defaultTargets(), properties.defaultWarnAtPercent()),
                clientLookup(directory), properties.tick(), properties.closedRetention(), metrics, properties.timerRetry(),
                properties.acknowledgements())
                .build(builder, RegistrySerdes.<MessageClassified>valueSerde(registry),
                        RegistrySerdes.<SpecificRecord>valueSerde(registry));
        return builder.build();
    }

    @Override
    public void start() {
        synchronized (lock) {
            if (running) {
                return;
            }
            running = true;
            // Waiting for the directory must not hold up the rest of the context (health, metrics, HTTP).
            Thread thread = new Thread(this::startWhenDirectoryLoaded, "sla-streams-starter");
            thread.setDaemon(true);
            starter = thread;
            thread.start();
        }
    }

    private void startWhenDirectoryLoaded() {
        try {
            while (running && !directory.awaitLoaded(Duration.ofSeconds(10))) {
                log.info("Waiting for the directory to load before processing messages");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (lock) {
            if (!running) {
                return;
            }
            Topology topology = topology();
            log.info("SLA topology:\n{}", topology.describe());
            KafkaStreams created = new KafkaStreams(topology, SlaStreamsConfig.properties(properties.applicationId(),
                    infrastructure.kafka(), properties.stateDir(), infrastructure.replicationFactor(),
                    properties.streamThreads(), metrics));
            created.setStateListener((now, before) -> log.info("Kafka Streams {} -> {}", before, now));
            created.setUncaughtExceptionHandler(e -> {
                // E.g. the registry or the broker unreachable while producing: the transaction is aborted and a
                // new thread retries from the last commit.
                log.error("Stream thread failed; replacing it", e);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            KafkaStreamsMetrics bound = new KafkaStreamsMetrics(created);
            bound.bindTo(metrics.registry());
            streamsMetrics = bound;
            streams = created;
            created.start();
            log.info("Kafka Streams {} started, state in {}", properties.applicationId(), properties.stateDir());
        }
    }

    @Override
    public void stop() {
        Thread thread;
        synchronized (lock) {
            running = false;
            thread = starter;
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(properties.shutdownTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            KafkaStreams current = streams;
            if (current != null) {
                current.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(properties.shutdownTimeout()));
                streams = null;
            }
            KafkaStreamsMetrics bound = streamsMetrics;
            if (bound != null) {
                bound.close();
                streamsMetrics = null;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The running instance, for interactive queries and health; empty before the directory has loaded. */
    public Optional<KafkaStreams> streams() {
        return Optional.ofNullable(streams);
    }

    public Optional<KafkaStreams.State> state() {
        return streams().map(KafkaStreams::state);
    }

    /** Clients and their account managers' own working hours, from the live directory. */
    static ClientLookup clientLookup(DirectoryView directory) {
        return new ClientLookup() {
            @Override
            public Optional<ClientProfile> client(String clientId) {
                return directory.client(clientId);
            }

            @Override
            public Optional<SupportHours> responsibleHours(ClientProfile client) {
                try {
                    return directory.staff(client.getAccountManagerId()).flatMap(Calendars::workingHours);
                } catch (IllegalArgumentException e) {
                    return Optional.empty(); // unreadable hours (the directory refuses them): the client's calendar
                }
            }
        };
    }
}
