package dev.afterhours.benchmarks.load;

import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.serde.RegistrySerdes;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Open-loop load generator for a running stack ({@code ./afterhours up}). Messages arrive at a fixed rate, whatever
 * the system answers (a closed loop would slow down with the system and hide its latency: coordinated omission),
 * a realistic mix with some emergencies. It prints, every few seconds and at the end: what was offered and
 * accepted, records per second through each stage (read back from the topics, committed records only), every
 * consumer group's lag, the stack's resident memory, and the accept-to-paged latency of every emergency in
 * HdrHistogram percentiles, from the timestamps the system records. Then it measures a raw four-hop Kafka relay on
 * the same broker and prints the pipeline's throughput as a share of it.
 *
 * <p>Run it with {@code --help}; the benchmarks README gives the commands and the figures measured.
 */
public final class PipelineLoad {

    private static final List<String> STAGES = List.of(Topics.MESSAGES_RECEIVED.name(),
            Topics.MESSAGES_CLASSIFIED.name(), Topics.SLA_EVENTS.name(), Topics.ESCALATIONS.name(),
            Topics.NOTIFICATIONS.name(), Topics.AUTO_REPLIES.name());

    /** One commit marker per partition of a transactional input topic (3 partitions) is never consumed. */
    static final long CAUGHT_UP_LAG = 6;

    private PipelineLoad() {
    }

    public static void main(String[] args) throws Exception {
        RegistrySerdes.trustGeneratedPackage();
        Options options = Options.parse(args);
        if (options == null) {
            System.out.println(Options.USAGE);
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap))) {
            new Run(options, admin).execute();
        }
        System.exit(0); // the HTTP client's and Kafka's daemon threads would otherwise linger a while
    }

    /** A histogram of microseconds as milliseconds: count, p50, p90, p99, p99.9 and max. */
    static String percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "none";
        }
        return String.format(Locale.ROOT, "n=%d p50 %.1f p90 %.1f p99 %.1f p99.9 %.1f max %.1f", h.getTotalCount(),
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }

    /** One invocation: the load, the drain, then the raw relay. */
    private static final class Run {

        private final Options options;
        private final Admin admin;
        private final String runPrefix = "load-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        private final Map<String, LongAdder> stageCounts = new ConcurrentHashMap<>();
        private final LongAdder accepted = new LongAdder();
        private final LongAdder throttled = new LongAdder();
        private final LongAdder failed = new LongAdder();
        private final AtomicLong offered = new AtomicLong();
        private final Histogram acceptLatency = new Histogram(3); // HTTP answer time from the intended send time, µs
        private final PageLatency pages;
        private final SlaTimerLag slaTimers = new SlaTimerLag();
        private long maxResident;

        Run(Options options, Admin admin) {
            this.options = options;
            this.admin = admin;
            this.pages = new PageLatency(runPrefix);
            STAGES.forEach(stage -> stageCounts.put(stage, new LongAdder()));
        }

        void execute() throws Exception {
            String registry = RegistrySerdes.coreApi(options.registry);
            try (TopicReader<byte[]> stages = new TopicReader<>(options.bootstrap, STAGES, new ByteArrayDeserializer(),
                         record -> stageCounts.get(record.topic()).increment());
                 TopicReader<SpecificRecord> escalations = new TopicReader<>(options.bootstrap,
                         List.of(Topics.ESCALATIONS.name()), RegistrySerdes.valueDeserializer(registry),
                         record -> pages.onEscalation(record.value()));
                 TopicReader<SpecificRecord> notifications = new TopicReader<>(options.bootstrap,
                         List.of(Topics.NOTIFICATIONS.name()), RegistrySerdes.valueDeserializer(registry),
                         record -> pages.onNotification(record.value()));
                 TopicReader<SpecificRecord> slaEvents = new TopicReader<>(options.bootstrap,
                         List.of(Topics.SLA_EVENTS.name()), RegistrySerdes.valueDeserializer(registry),
                         record -> slaTimers.onSlaEvent(record.value()));
                 Submitter submitter = options.submitter()) {
                System.out.printf("run %s: mode %s (emergencies by %s), %d msg/s for %ds, %.1f%% emergencies, "
                        + "backlog %d%n", runPrefix, options.mode, options.emergenciesVia, options.rate,
                        options.duration.toSeconds(), options.emergencyShare * 100, options.backlog);
                ConsumerLag lag = new ConsumerLag(admin);
                LoadMix mix = new LoadMix(42, options.emergencyShare);
                if (options.backlog > 0) {
                    backlogThenEmergency(submitter, mix, lag);
                }
                Map<String, Long> atStart = snapshot();
                long loadStart = System.nanoTime();
                offerOpenLoop(submitter, mix, lag);
                double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
                Map<String, Long> atLoadEnd = snapshot();
                double drainSeconds = drain(lag, loadStart);
                summary(atStart, atLoadEnd, loadSeconds, drainSeconds);
            }
        }

        /** Queues {@code backlog} routine messages as fast as they are taken, then one emergency, and times its page. */
        private void backlogThenEmergency(Submitter submitter, LoadMix mix, ConsumerLag lag) throws Exception {
            long start = System.nanoTime();
            List<java.util.concurrent.CompletableFuture<Submitter.Outcome>> pending = new ArrayList<>();
            for (int i = 0; i < options.backlog; i++) {
                pending.add(submitter.submit(runPrefix + "b" + i, mix.routine()).whenComplete(this::count));
                if (pending.size() >= 512) {
                    pending.forEach(java.util.concurrent.CompletableFuture::join);
                    pending.clear();
                }
            }
            pending.forEach(java.util.concurrent.CompletableFuture::join);
            System.out.printf("backlog: %d routine messages accepted in %.1fs; lag now %s%n", accepted.sum(),
                    (System.nanoTime() - start) / 1e9, lag.now());
            long paged = pages.paged();
            submitter.submit(runPrefix + "911-behind-backlog", mix.emergency()).join();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (pages.paged() == paged && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Histogram h = pages.recorder().getIntervalHistogram();
            System.out.printf("911 behind a backlog of %d: %s; lag now %s%n", options.backlog,
                    h.getTotalCount() == 0 ? "NOT paged within 120s" : "paged " + h.getMaxValue() / 1000 + " ms after ingest accepted it",
                    lag.now());
            drain(lag, System.nanoTime());
        }

        private void offerOpenLoop(Submitter submitter, LoadMix mix, ConsumerLag lag) throws Exception {
            long start = System.nanoTime();
            long end = start + options.duration.toNanos();
            long intervalNanos = 1_000_000_000L / options.rate;
            long nextReport = start + options.reportEvery.toNanos();
            Map<String, Long> lastCounts = snapshot();
            long lastReport = start;
            long sent = 0;
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                long due = (now - start) / intervalNanos + 1;
                for (; sent < due; sent++) {
                    long intended = start + sent * intervalNanos;
                    offered.incrementAndGet();
                    submitter.submit(runPrefix + sent, mix.next()).whenComplete((outcome, failure) -> {
                        count(outcome, failure);
                        synchronized (acceptLatency) {
                            acceptLatency.recordValue(Math.max(0, (System.nanoTime() - intended) / 1_000));
                        }
                    });
                }
                if (now >= nextReport) {
                    Map<String, Long> counts = snapshot();
                    report((now - lastReport) / 1e9, lastCounts, counts, lag);
                    lastCounts = counts;
                    lastReport = now;
                    nextReport += options.reportEvery.toNanos();
                }
                Thread.sleep(0, 200_000);
            }
        }

        private void count(Submitter.Outcome outcome, Throwable failure) {
            if (failure != null || outcome == Submitter.Outcome.FAILED) {
                failed.increment();
            } else if (outcome == Submitter.Outcome.THROTTLED) {
                throttled.increment();
            } else {
                accepted.increment();
            }
        }

        /**
     * Waits until every group has caught up (lag at most {@link #CAUGHT_UP_LAG} twice in a row: on a transactional
     * topic the last commit marker stays "unconsumed" for good) or the drain limit passes; seconds taken.
     */
        private double drain(ConsumerLag lag, long since) throws Exception {
            long start = System.nanoTime();
            long deadline = start + options.drain.toNanos();
            int zeroInARow = 0;
            while (System.nanoTime() < deadline && zeroInARow < 2) {
                Thread.sleep(500);
                boolean caughtUp = lag.now().values().stream().allMatch(l -> l <= CAUGHT_UP_LAG);
                zeroInARow = caughtUp ? zeroInARow + 1 : 0;
            }
            return (System.nanoTime() - start) / 1e9;
        }

        private Map<String, Long> snapshot() {
            Map<String, Long> counts = new LinkedHashMap<>();
            STAGES.forEach(stage -> counts.put(stage, stageCounts.get(stage).sum()));
            return counts;
        }

        private void report(double seconds, Map<String, Long> before, Map<String, Long> after, ConsumerLag lag)
                throws Exception {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "offered %d accepted %d throttled %d failed %d | per s:", offered.get(), accepted.sum(),
                    throttled.sum(), failed.sum()));
            after.forEach((stage, count) -> line.append(String.format(Locale.ROOT, " %s %.0f", shortName(stage),
                    (count - before.get(stage)) / seconds)));
            long resident = StackMemory.residentBytes();
            maxResident = Math.max(maxResident, resident);
            line.append(String.format(Locale.ROOT, " | lag %s | stack RSS %.2f GB", lag.now(), resident / 1e9));
            System.out.println(line);
        }

        private void summary(Map<String, Long> atStart, Map<String, Long> atLoadEnd, double loadSeconds,
                double drainSeconds) throws Exception {
            Map<String, Long> atEnd = snapshot();
            System.out.printf(Locale.ROOT, "%n== summary (run %s) ==%n", runPrefix);
            System.out.printf(Locale.ROOT, "offered %d in %.1fs (%.0f/s): accepted %d, throttled %d, failed %d%n",
                    offered.get(), loadSeconds, offered.get() / loadSeconds, accepted.sum(), throttled.sum(), failed.sum());
            if (options.mode.equals("http")) {
                System.out.printf(Locale.ROOT, "accept latency from the intended send time (ms): %s%n",
                        percentiles(acceptLatency));
            }
            System.out.printf(Locale.ROOT, "drained %.1fs after the load stopped%n", drainSeconds);
            double slowest = Double.MAX_VALUE;
            for (String stage : STAGES) {
                long during = atLoadEnd.get(stage) - atStart.get(stage);
                long total = atEnd.get(stage) - atStart.get(stage);
                double rate = total / (loadSeconds + Math.max(drainSeconds - 1, 0)); // the drain ends 1 s after lag 0
                System.out.printf(Locale.ROOT, "  %-14s %8d records, %7.0f/s during the load, %7.0f/s including the drain%n",
                        shortName(stage), total, during / loadSeconds, rate);
                if (stage.equals(Topics.MESSAGES_RECEIVED.name()) || stage.equals(Topics.MESSAGES_CLASSIFIED.name())) {
                    slowest = Math.min(slowest, rate);
                }
            }
            Histogram latency = pages.recorder().getIntervalHistogram();
            System.out.printf(Locale.ROOT, "emergencies: %d escalated (first asked by %s), %d paged; "
                    + "accept-to-paged (ms): %s%n", pages.escalations(), pages.firstAskedBy(),
                    latency.getTotalCount(), percentiles(latency));
            System.out.printf(Locale.ROOT, "pages delivered twice for one dedup key: %d%n", pages.duplicatePages());
            System.out.printf(Locale.ROOT, "SLA timers fired (breaches, calendar-clock warnings), lag after due (ms): %s%n",
                    percentiles(slaTimers.firedSinceLastCall()));
            maxResident = Math.max(maxResident, StackMemory.residentBytes());
            System.out.printf(Locale.ROOT, "stack resident memory, highest seen: %.2f GB%n", maxResident / 1e9);
            if (options.relayRecords > 0) {
                double relay = RawRelay.measure(options.bootstrap, admin, options.relayRecords, 600, 3);
                System.out.printf(Locale.ROOT, "raw %d-hop Kafka relay on the same broker: %.0f records/s; "
                        + "pipeline (received->classified, incl. drain) / relay = %.3f%n", RawRelay.HOPS, relay,
                        slowest / relay);
            }
        }

        private static String shortName(String topic) {
            return topic.replace("afterhours.", "").replace(".v1", "");
        }
    }

    /** Command-line options. */
    private record Options(String mode, URI ingest, List<String> credentials, String bootstrap, String registry,
            int rate, Duration duration, double emergencyShare, int backlog, Duration drain, Duration reportEvery,
            int relayRecords, String emergenciesVia) {

        static final String USAGE = """
                PipelineLoad: open-loop load on a running Afterhours stack.
                  --mode http|kafka        http posts through ingest's API (default); kafka writes MessageReceived
                                           records to the received topic, to load the stages behind ingest
                  --ingest URL             ingest's base URL (default http://127.0.0.1:8180)
                  --api-key KEY            an integration key (ahk_...), repeatable: keys are used in turn
                  --token TOKEN            a bearer token instead (./afterhours token ada)
                  --bootstrap HOST:PORT    Kafka (default 127.0.0.1:9092)
                  --registry URL           schema registry (default http://127.0.0.1:8081)
                  --rate N                 messages per second offered (default 100)
                  --duration SECONDS       how long to offer them (default 60)
                  --emergency-share F      fraction that are emergencies, 0..1 (default 0.01)
                  --backlog N              first queue N routine messages, then time one emergency behind them
                  --drain SECONDS          how long to wait for the lag to reach 0 afterwards (default 120)
                  --report-every SECONDS   progress line interval (default 5)
                  --relay-records N        records for the raw four-hop relay (default 200000, 0 skips it)
                  --emergencies-via MODE   send the emergencies by http or kafka whatever --mode says (default:
                                           --mode); with --mode kafka, http lets ingest page them early
                """;

        static Options parse(String[] args) {
            CommandLine line = CommandLine.parse(args, USAGE);
            if (line == null) {
                return null;
            }
            List<String> credentials = new ArrayList<>(line.all("api-key"));
            credentials.addAll(line.all("token"));
            return new Options(line.one("mode", "http"), URI.create(line.one("ingest", "http://127.0.0.1:8180")),
                    credentials, line.one("bootstrap", "127.0.0.1:9092"),
                    line.one("registry", "http://127.0.0.1:8081"), Integer.parseInt(line.one("rate", "100")),
                    Duration.ofSeconds(Long.parseLong(line.one("duration", "60"))),
                    Double.parseDouble(line.one("emergency-share", "0.01")),
                    Integer.parseInt(line.one("backlog", "0")),
                    Duration.ofSeconds(Long.parseLong(line.one("drain", "120"))),
                    Duration.ofSeconds(Long.parseLong(line.one("report-every", "5"))),
                    Integer.parseInt(line.one("relay-records", "200000")),
                    line.one("emergencies-via", line.one("mode", "http")));
        }

        Submitter submitter() {
            Submitter routine = submitter(mode, "--mode");
            return emergenciesVia.equals(mode) ? routine
                    : new SplitSubmitter(routine, submitter(emergenciesVia, "--emergencies-via"));
        }

        private Submitter submitter(String via, String option) {
            return switch (via) {
                case "http" -> new HttpSubmitter(ingest, credentials);
                case "kafka" -> new KafkaSubmitter(bootstrap, registry);
                default -> throw new IllegalArgumentException(option + " is http or kafka, not " + via);
            };
        }
    }
}
