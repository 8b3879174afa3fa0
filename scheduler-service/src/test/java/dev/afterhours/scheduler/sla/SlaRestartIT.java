package dev.afterhours.scheduler.sla;

import static dev.afterhours.scheduler.Fixtures.allDayClient;
import static dev.afterhours.scheduler.Fixtures.inbound;
import static dev.afterhours.scheduler.Fixtures.reply;
import static dev.afterhours.scheduler.Fixtures.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.SlaBreached;
import dev.afterhours.contracts.SlaClock;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.SlaMet;
import dev.afterhours.contracts.SlaStarted;
import dev.afterhours.contracts.SlaWarned;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.scheduler.ItSupport;
import dev.afterhours.scheduler.SchedulerApplication;
import dev.afterhours.scheduler.sla.kafka.SlaStreams;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Durable timers: SLAs that are pending when the scheduler stops breach after it comes back, each exactly once,
 * whether the new instance finds its state directory or has to restore the stores from the changelog topics;
 * an SLA met before the stop never breaches.
 */
class SlaRestartIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** Long enough to stop the first instance before anything falls due, short enough for a test. */
    private static final Duration TARGET = Duration.ofSeconds(20);
    private static final int PENDING = 4;

    @BeforeAll
    static void topics() {
        ItSupport.provisionTopics();
    }

    @Test
    void pendingSlasBreachOnceAfterARestartWithTheSameStateDirectory() throws IOException {
        Path stateDir = Files.createTempDirectory("sla-restart-same");
        restartScenario("same", stateDir, stateDir);
    }

    @Test
    void pendingSlasBreachOnceAfterARestartWithAnEmptyStateDirectoryRestoredFromTheChangelog() throws IOException {
        restartScenario("fresh", Files.createTempDirectory("sla-restart-first"),
                Files.createTempDirectory("sla-restart-second"));
    }

    private void restartScenario(String name, Path firstStateDir, Path secondStateDir) {
        String clientId = "it-restart-" + name + "-" + RUN;
        String applicationId = "sla-restart-" + name + "-" + RUN;
        ItSupport.publishToDirectory(allDayClient(clientId, 50, target(Urgency.NORMAL, TARGET.toString(),
                SlaClock.CALENDAR)));

        ConfigurableApplicationContext first = start(applicationId, firstStateDir);
        Instant received = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant due = received.plus(TARGET);
        List<String> pending = IntStream.rangeClosed(1, PENDING).mapToObj(i -> clientId + "-pending-" + i).toList();
        String answered = clientId + "-answered";
        for (String slaId : pending) {
            ItSupport.send(inbound(clientId, slaId, "conv-" + slaId, Urgency.NORMAL, AfterHoursStatus.IN_HOURS, received));
        }
        ItSupport.send(inbound(clientId, answered, "conv-" + answered, Urgency.NORMAL, AfterHoursStatus.IN_HOURS,
                        received),
                reply(clientId, "reply-" + answered, "conv-" + answered, received.plusSeconds(1)));
        ItSupport.read(Topics.SLA_EVENTS, e -> e.getClientId().equals(clientId),
                events -> events.stream().filter(e -> e.getPayload() instanceof SlaStarted).count() == PENDING + 1
                        && events.stream().anyMatch(e -> e.getPayload() instanceof SlaMet), Duration.ofSeconds(60));
        first.close();
        Instant stopped = Instant.now();
        assertThat(stopped).as("the first instance must stop before the SLAs fall due").isBefore(due);

        ConfigurableApplicationContext second = start(applicationId, secondStateDir);
        try {
            // A later SLA of the same client (same partition, so its events follow) tells when all is said.
            String sentinel = clientId + "-sentinel";
            ItSupport.send(inbound(clientId, sentinel, "conv-" + sentinel, Urgency.NORMAL, AfterHoursStatus.IN_HOURS,
                    received.plusSeconds(2)));
            List<SlaEvent> events = ItSupport.read(Topics.SLA_EVENTS, e -> e.getClientId().equals(clientId),
                    found -> found.stream().anyMatch(e -> e.getEventId().equals(sentinel + ":breached")),
                    Duration.ofSeconds(120));

            Map<String, Long> breaches = events.stream().filter(e -> e.getPayload() instanceof SlaBreached)
                    .collect(Collectors.groupingBy(SlaEvent::getSlaId, Collectors.counting()));
            Map<String, Long> expected = new HashMap<>(pending.stream()
                    .collect(Collectors.toMap(Function.identity(), id -> 1L)));
            expected.put(sentinel, 1L);
            assertThat(breaches).as("SlaBreached per slaId").isEqualTo(expected);
            assertThat(events).filteredOn(e -> e.getPayload() instanceof SlaBreached && pending.contains(e.getSlaId()))
                    .allSatisfy(e -> {
                        assertThat(((SlaBreached) e.getPayload()).getDueAt()).isEqualTo(due);
                        assertThat(e.getOccurredAt()).as("fired by the restarted instance").isAfter(stopped);
                    });
            assertThat(events).filteredOn(e -> e.getPayload() instanceof SlaWarned)
                    .extracting(SlaEvent::getSlaId).doesNotHaveDuplicates();
            assertThat(events).filteredOn(e -> e.getSlaId().equals(answered)).extracting(SlaEvent::getEventId)
                    .containsExactly(answered + ":started", answered + ":met");
            assertThat(events).filteredOn(e -> e.getPayload() instanceof SlaStarted).extracting(SlaEvent::getSlaId)
                    .doesNotHaveDuplicates();
        } finally {
            second.close();
        }
    }

    /** Started with command-line arguments, as the service runs for real (they override application.yml). */
    private static ConfigurableApplicationContext start(String applicationId, Path stateDir) {
        Map<String, String> properties = new HashMap<>(AfterhoursTestEnvironment.springProperties());
        properties.put("server.port", "0");
        properties.put("afterhours.scheduler.application-id", applicationId);
        properties.put("afterhours.scheduler.state-dir", stateDir.toString());
        properties.put("afterhours.scheduler.tick", "PT0.2S");
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SchedulerApplication.class).run(args);
        SlaStreams streams = context.getBean(SlaStreams.class);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> streams.state().filter(s -> s == KafkaStreams.State.RUNNING).isPresent());
        return context;
    }

}
