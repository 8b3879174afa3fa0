package dev.afterhours.benchmarks.load;

import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.serde.RegistrySerdes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;

/**
 * How late SLA warnings and breaches fire on a running stack ({@code ./afterhours up}): the goal is within a second
 * of their due time. It puts a client of its own in the directory through ingest's admin API (an admin's token):
 * open around the clock in UTC, so business time is wall time, one short target for every urgency, a warning and a
 * page before it. It then writes {@code --count} messages for that client at {@code --rate} a second straight onto
 * the received topic (as {@code PipelineLoad --mode kafka} does), reads the SLA events topic ({@code read_committed})
 * and, for every warning, page and breach of its SLAs, records in HdrHistograms the event's {@code occurredAt} (the
 * scheduler's clock when the timer fired) minus its due time, and the moment this reader saw it minus the same. It
 * stops when every SLA it saw start has breached, or {@code --wait} seconds after the last message.
 *
 * <p>Run it with {@code --help}; the benchmarks README gives the command and the figures measured.
 */
public final class SlaLagProbe {

    static final String USAGE = """
            SlaLagProbe: how late SLA warnings and breaches fire on a running Afterhours stack.
              --token TOKEN            an admin's bearer token, to put the probe's client in the directory
                                       (./afterhours token ada)
              --ingest URL             ingest's base URL, home of the directory admin API (default http://127.0.0.1:8180)
              --bootstrap HOST:PORT    Kafka (default 127.0.0.1:9092)
              --registry URL           schema registry (default http://127.0.0.1:8081)
              --client ID              the probe's client (default lag-probe); its account manager --manager (default alice)
              --target DURATION        the SLA target of every urgency, ISO-8601 (default PT60S)
              --clock BUSINESS|CALENDAR  the SLA clock (default BUSINESS: on a 24/7 calendar, the same as wall time)
              --warn-at PERCENT        warn at this share of the target (default 50)
              --page-at PERCENT        page at this share of the target (default 80; 0 for none)
              --count N                messages to send (default 300)
              --rate N                 messages per second (default 5)
              --wait SECONDS           how long after the last message to wait for the breaches (default: target + 60 s)
            """;

    private SlaLagProbe() {
    }

    public static void main(String[] args) throws Exception {
        RegistrySerdes.trustGeneratedPackage();
        CommandLine line = CommandLine.parse(args, USAGE);
        if (line == null) {
            System.out.println(USAGE);
            return;
        }
        String token = line.one("token", null);
        if (token == null) {
            throw new IllegalArgumentException("--token is required (./afterhours token ada)\n" + USAGE);
        }
        URI ingest = URI.create(line.one("ingest", "http://127.0.0.1:8180"));
        String bootstrap = line.one("bootstrap", "127.0.0.1:9092");
        String registry = line.one("registry", "http://127.0.0.1:8081");
        String clientId = line.one("client", "lag-probe");
        Duration target = Duration.parse(line.one("target", "PT60S"));
        String clock = line.one("clock", "BUSINESS");
        int warnAt = Integer.parseInt(line.one("warn-at", "50"));
        int pageAt = Integer.parseInt(line.one("page-at", "80"));
        int count = Integer.parseInt(line.one("count", "300"));
        int rate = Integer.parseInt(line.one("rate", "5"));
        Duration wait = Duration.ofSeconds(Long.parseLong(line.one("wait", Long.toString(target.toSeconds() + 60))));

        putClient(ingest, token, clientId, line.one("manager", "alice"), target, clock, warnAt, pageAt);
        Thread.sleep(3_000); // the scheduler's directory view follows the compacted topic: give it a moment

        String run = "lagprobe-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String slaPrefix = "load:" + run; // KafkaSubmitter's message ids, which are the SLA ids
        SlaTimerLag lag = new SlaTimerLag(slaId -> slaId.startsWith(slaPrefix), true);
        try (TopicReader<SpecificRecord> slaEvents = new TopicReader<>(bootstrap, List.of(Topics.SLA_EVENTS.name()),
                RegistrySerdes.valueDeserializer(RegistrySerdes.coreApi(registry)),
                record -> lag.onSlaEvent(record.value(), Instant.now()));
             KafkaSubmitter submitter = new KafkaSubmitter(bootstrap, registry, clientId)) {
            System.out.printf(Locale.ROOT, "run %s: %d messages for %s at %d/s; SLA %s on the %s clock, warn at %d%%, "
                    + "page at %d%%%n", run, count, clientId, rate, target, clock, warnAt, pageAt);
            LoadMix.Sample sample = new LoadMix.Sample("EMAIL", "probe@lag-probe.example",
                    List.of("support@agency.example"), "Footer text",
                    "Could you update the footer text on the about page when you get a chance? Thanks", false);
            long start = System.nanoTime();
            long interval = 1_000_000_000L / rate;
            List<CompletableFuture<Submitter.Outcome>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long due = start + i * interval;
                long sleep = due - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
                // One sender each: the same sender over and over would (rightly) be read as an emergency.
                sent.add(submitter.submit(run + i, new LoadMix.Sample(sample.channel(), "probe" + i + "@lag-probe.example",
                        sample.to(), sample.subject(), sample.body(), false)));
            }
            long failed = sent.stream().map(CompletableFuture::join).filter(o -> o != Submitter.Outcome.ACCEPTED).count();
            System.out.printf(Locale.ROOT, "sent %d in %.1fs (%d not accepted by Kafka); waiting up to %ds for the breaches%n",
                    count, (System.nanoTime() - start) / 1e9, failed, wait.toSeconds());
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline && (lag.starts() < count - failed || lag.breaches() < lag.starts())) {
                Thread.sleep(500);
            }
            System.out.printf(Locale.ROOT, "%nSLAs started %d, breached %d; warnings not measurable %d%n", lag.starts(),
                    lag.breaches(), lag.unmeasured());
            System.out.println("lag after the due time (ms), fired = the event's occurredAt, visible = seen by a "
                    + "read_committed consumer:");
            for (SlaTimerLag.Kind kind : SlaTimerLag.Kind.values()) {
                System.out.printf(Locale.ROOT, "  %-8s fired   %s%n", kind, PipelineLoad.percentiles(lag.fired(kind)));
                System.out.printf(Locale.ROOT, "  %-8s visible %s%n", kind, PipelineLoad.percentiles(lag.visible(kind)));
            }
        }
        System.exit(0); // Kafka's daemon threads would otherwise linger a while
    }

    /** PUT the probe's client: open around the clock in UTC, the same target for every urgency. */
    private static void putClient(URI ingest, String token, String clientId, String manager, Duration target,
            String clock, int warnAt, int pageAt) throws Exception {
        String windows = Stream.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
                .map(day -> "{\"day\":\"" + day + "\",\"from\":\"00:00\",\"to\":\"24:00\"}")
                .collect(Collectors.joining(","));
        String targets = Stream.of("EMERGENCY", "HIGH", "NORMAL", "LOW")
                .map(urgency -> "{\"urgency\":\"" + urgency + "\",\"target\":\"" + target + "\",\"clock\":\"" + clock + "\"}")
                .collect(Collectors.joining(","));
        String client = "{\"clientId\":\"" + clientId + "\",\"name\":\"SLA lag probe\",\"accountManagerId\":\"" + manager
                + "\",\"calendar\":{\"zone\":\"UTC\",\"windows\":[" + windows + "]},"
                + "\"slaPolicy\":{\"targets\":[" + targets + "],\"warnAtPercent\":" + warnAt + ",\"pageAtPercent\":" + pageAt
                + "},\"contacts\":[{\"name\":\"Probe\",\"email\":\"probe@lag-probe.example\"}]}";
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(ingest.resolve("/api/v1/directory/clients/" + clientId))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(client))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("PUT client " + clientId + ": HTTP " + answer.statusCode() + " " + answer.body());
            }
        }
        System.out.printf("client %s in the directory: open 24/7 (UTC), every urgency %s on the %s clock%n", clientId,
                target, clock);
    }
}
