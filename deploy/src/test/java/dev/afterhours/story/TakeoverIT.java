package dev.afterhours.story;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.ClientContact;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.DayOfWeek;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.SlaBreached;
import dev.afterhours.contracts.SlaClock;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.SlaPolicy;
import dev.afterhours.contracts.SlaStarted;
import dev.afterhours.contracts.SlaTarget;
import dev.afterhours.contracts.SupportCalendar;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.contracts.WeeklyWindow;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Two instances of each consumer (classifier, scheduler, notifier), and one of each killed with SIGKILL in the
 * middle of a run: the other instances take over the dead ones' partitions and SLA timers, and nothing is lost and
 * nobody is paged twice.
 *
 * <p>Every service instance is a JVM of its own, started from the exec jar as the local stack starts it
 * ({@link ServiceProcess}); the first instance of each is killed with {@code kill -9} by {@code local/TakeoverWatch.java},
 * the program {@code deploy/bin/measure-takeover.sh} uses on a full stack, which notes every consumer group before the
 * kill and then reports, per group, how long until every partition it had was assigned to a live member. Those times
 * are logged, never asserted: the assertions are about what came out. The consumer groups run with the services'
 * own quick-takeover settings (10 s session timeout, 3 s heartbeats, {@code ConsumerSettings.quickTakeover}).
 *
 * <p>Messages are posted over HTTP to ingest (one instance: it is in no consumer group) while it happens, a mix of routine requests and
 * emergencies for clients spread over every partition, plus a few requests whose 25-second SLAs fall due after the
 * kill. Then, from the topics ({@code read_committed}) and the webhook receiver: every accepted message received and
 * classified once per receipt, its SLA started exactly once, every timer fired exactly once, every emergency paged
 * exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TakeoverIT {

    /** The services' topics have 3 partitions ({@code afterhours.kafka.partitions}), as the testkit's broker. */
    private static final int PARTITIONS = 3;
    private static final Duration FEED_INTERVAL = Duration.ofMillis(200);
    private static final Duration BEFORE_THE_KILL = Duration.ofSeconds(8);
    private static final Duration AFTER_THE_TAKEOVER = Duration.ofSeconds(15);
    /** How long the topics may take to show everything once feeding stops: a bound, not a goal. */
    private static final Duration DRAIN = Duration.ofSeconds(180);
    /** Seven JVMs start at once: 2 to 4 minutes on two cores shared with other builds, 10 for eight at load 40-50. */
    private static final Duration STARTUP = Duration.ofMinutes(12);
    private static final Pattern NOTIFICATION_ID = Pattern.compile("\"notificationId\"\\s*:\\s*\"([^\"]+)\"");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private StoryWorld world;
    /** One ingest: it is in no consumer group, so there is nothing to take over (measure-takeover.sh kills one). */
    private ServiceProcess ingest;
    /** The instances killed, by service. */
    private final Map<String, ServiceProcess> doomed = new LinkedHashMap<>();
    /** The instances that stay, by service. */
    private final Map<String, ServiceProcess> survivors = new LinkedHashMap<>();
    /** Routine and emergency traffic, one client per partition, and clients whose SLAs fall due within the test. */
    private final List<String> steadyClients = clientsCoveringEveryPartition("steady");
    private final List<String> timerClients = clientsCoveringEveryPartition("timer");
    private String integrationKey;

    enum Kind { ROUTINE, EMERGENCY, TIMER }

    record Accepted(String messageId, Kind kind, String clientId) {
    }

    @BeforeAll
    void startTwoInstancesOfEachConsumer() throws Exception {
        world = StoryWorld.start();
        List<ClientProfile> clients = new ArrayList<>();
        steadyClients.forEach(id -> clients.add(client(id, "PT8H")));
        timerClients.forEach(id -> clients.add(client(id, "PT25S")));
        world.publishDirectory(clients);

        // All at once: on two cores starting them is CPU-bound, so two rounds would only take longer.
        ingest = world.startIngest();
        doomed.put("classifier", world.startClassifier());
        survivors.put("classifier", world.startClassifier());
        doomed.put("scheduler", world.startScheduler(Files.createTempDirectory("takeover-scheduler-1")));
        survivors.put("scheduler", world.startScheduler(Files.createTempDirectory("takeover-scheduler-2")));
        doomed.put("notifier", world.startNotifier());
        survivors.put("notifier", world.startNotifier());
        List<ServiceProcess> all = new ArrayList<>(List.of(ingest));
        all.addAll(doomed.values());
        all.addAll(survivors.values());
        for (ServiceProcess service : all) {
            service.awaitReady(STARTUP);
        }
        integrationKey = world.issueIntegrationKey(ingest);
        log("consumer groups and their members: %s", awaitSettledGroups(Duration.ofMinutes(2)));
    }

    @AfterAll
    void stopEverything() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void killing_one_of_two_instances_of_each_consumer_mid_run_loses_nothing_and_pages_nobody_twice() throws Exception {
        assertThat(partitionsOf(Topics.MESSAGES_RECEIVED.name())).as("partitions of the received topic").isEqualTo(PARTITIONS);
        Map<String, Accepted> accepted = new ConcurrentHashMap<>();

        // SLAs that fall due after the kill, one per partition, started before it.
        for (String client : timerClients) {
            Accepted timer = post(Kind.TIMER, client, "timer-" + client,
                    "Could you check the figures in last week's report when you can?");
            accepted.put(timer.messageId(), timer);
        }
        for (Accepted timer : List.copyOf(accepted.values())) {
            world.awaitOne(Topics.SLA_EVENTS, e -> e.getSlaId().equals(timer.messageId()) && e.getPayload() instanceof SlaStarted);
        }

        AtomicBoolean feeding = new AtomicBoolean(true);
        ExecutorService feeder = Executors.newSingleThreadExecutor();
        Process watch = null;
        try {
            Future<Integer> fed = feeder.submit(() -> feed(feeding, accepted));
            Thread.sleep(BEFORE_THE_KILL);
            int beforeTheKill = accepted.size();

            // TakeoverWatch notes the groups, kills the three processes with SIGKILL, and reports each group's takeover
            // (it is compiled first, by the java launcher: the kill comes some seconds after this).
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-cp", Path.of("target", "stack", "kafka-libs").toAbsolutePath() + "/*",
                    "local/TakeoverWatch.java", AfterhoursTestEnvironment.bootstrapServers()));
            doomed.values().forEach(service -> command.add(String.valueOf(service.pid())));
            Path watchLog = Files.createDirectories(Path.of("target", "story-logs")).resolve("takeover-watch.log");
            watch = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(watchLog.toFile()).start();
            for (Map.Entry<String, ServiceProcess> service : doomed.entrySet()) {
                assertThat(service.getValue().awaitExit(Duration.ofMinutes(3)))
                        .as("exit status of the killed %s: SIGKILL, not a graceful stop", service.getKey()).isEqualTo(137);
            }
            Instant killedAt = Instant.now();
            log("killed the first classifier, scheduler and notifier after %d accepted messages", beforeTheKill);
            assertThat(watch.waitFor(6, TimeUnit.MINUTES)).as("TakeoverWatch finished").isTrue();
            String report = Files.readString(watchLog);
            report.lines().filter(line -> line.startsWith("takeover:") || line.startsWith("before:"))
                    .forEach(line -> log("%s", line));
            assertThat(watch.exitValue()).as(report).isZero();
            assertThat(report.lines().filter(line -> line.startsWith("takeover:")))
                    .as("a takeover line per consumer group (afterhours-classifier, -fast-lane, -scheduler, -notifier)")
                    .hasSizeGreaterThanOrEqualTo(4);

            Thread.sleep(AFTER_THE_TAKEOVER);
            feeding.set(false);
            int posted = fed.get(1, TimeUnit.MINUTES);
            log("fed %d messages (%d before the kill); feeding stopped %d s after the kill",
                    posted, beforeTheKill, Duration.between(killedAt, Instant.now()).toSeconds());
        } finally {
            feeding.set(false);
            feeder.shutdownNow();
            if (watch != null && watch.isAlive()) {
                watch.destroyForcibly();
            }
        }

        // One emergency per partition, after everything else: each partition is processed
        // in order, so once these are paged every earlier record on every partition has been through every stage.
        List<String> markers = new ArrayList<>();
        for (String client : steadyClients) {
            Accepted marker = post(Kind.EMERGENCY, client, "marker-" + client,
                    "Marker: our site is down for " + client + ", customers see an error page.");
            accepted.put(marker.messageId(), marker);
            markers.add(marker.messageId());
        }

        Set<String> ids = Set.copyOf(accepted.keySet());
        Set<String> emergencies = accepted.values().stream().filter(a -> a.kind() == Kind.EMERGENCY)
                .map(Accepted::messageId).collect(Collectors.toSet());
        Set<String> timers = accepted.values().stream().filter(a -> a.kind() == Kind.TIMER)
                .map(Accepted::messageId).collect(Collectors.toSet());
        awaitPages(emergencies);

        List<MessageReceived> received = world.eventsOnce(Topics.MESSAGES_RECEIVED,
                all -> counts(all, MessageReceived::getMessageId, ids).keySet().containsAll(ids), DRAIN);
        Map<String, Long> receivedCounts = counts(received, MessageReceived::getMessageId, ids);
        List<MessageClassified> classified = world.eventsOnce(Topics.MESSAGES_CLASSIFIED,
                all -> counts(all, MessageClassified::getMessageId, ids).equals(receivedCounts), DRAIN);
        Map<String, Long> classifiedCounts = counts(classified, MessageClassified::getMessageId, ids);
        Set<String> needResponse = classified.stream().filter(c -> ids.contains(c.getMessageId()))
                .filter(MessageClassified::getNeedsResponse).map(MessageClassified::getMessageId).collect(Collectors.toSet());
        List<SlaEvent> slaEvents = world.eventsOnce(Topics.SLA_EVENTS,
                all -> slaCounts(all, SlaStarted.class, ids).keySet().containsAll(needResponse)
                        && slaCounts(all, SlaBreached.class, ids).keySet().containsAll(timers), DRAIN);
        Map<String, Long> started = slaCounts(slaEvents, SlaStarted.class, ids);
        Map<String, Long> breached = slaCounts(slaEvents, SlaBreached.class, ids);
        List<StoryWorld.CapturedPage> pages = world.pages();
        Map<String, Long> emergencyPages = pages.stream().map(p -> match(StoryWorld.MESSAGE_ID, p.body()))
                .filter(emergencies::contains).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Map<String, Long> notificationIds = pages.stream().map(p -> match(NOTIFICATION_ID, p.body()))
                .filter(id -> !id.isEmpty()).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        log("accepted %d messages (%d emergencies, %d with SLAs due within the test); received %d, classified %d "
                + "(%d needing a response), SLAs started %d, timers fired %d, emergencies paged %d; webhook pages in all %d",
                ids.size(), emergencies.size(), timers.size(), sum(receivedCounts), sum(classifiedCounts),
                needResponse.size(), sum(started), sum(breached), sum(emergencyPages), pages.size());

        assertThat(receivedCounts.keySet()).as("every accepted message is on the received topic").containsAll(ids);
        assertThat(classifiedCounts).as("each receipt classified exactly once (0 lost, 0 twice)").isEqualTo(receivedCounts);
        assertThat(needResponse).as("the routine requests and emergencies need a response, so the scheduler is tested")
                .containsAll(emergencies);
        assertThat(started).as("each SLA started exactly once").isEqualTo(ones(needResponse));
        assertThat(breached).as("each SLA timer pending at the kill fired exactly once").isEqualTo(ones(timers));
        assertThat(emergencyPages).as("each emergency paged exactly once (markers %s)", markers).isEqualTo(ones(emergencies));
        assertThat(notificationIds.values()).as("no page delivered twice").allMatch(count -> count == 1);
        for (StoryWorld.CapturedPage page : pages) {
            assertThat(page.signature()).isEqualTo(world.sign(page.timestamp(), page.body()));
        }
    }

    // --- feeding ---------------------------------------------------------------------------------------------------

    /** Posts until told to stop, one message per interval, every eighth an emergency; returns how many. */
    private int feed(AtomicBoolean feeding, Map<String, Accepted> accepted) throws Exception {
        int n = 0;
        while (feeding.get()) {
            String client = steadyClients.get(n % steadyClients.size());
            boolean emergency = n % 8 == 7;
            Accepted message = emergency
                    ? post(Kind.EMERGENCY, client, "feed-" + n, "Our site is down, customers see an error page (" + n + ").")
                    : post(Kind.ROUTINE, client, "feed-" + n, "Could you send the monthly report for project " + n + " when you have a moment?");
            accepted.put(message.messageId(), message);
            n++;
            Thread.sleep(FEED_INTERVAL);
        }
        return n;
    }

    /** Posts one client message with the integrations' key; returns what ingest accepted. */
    private Accepted post(Kind kind, String clientId, String suffix, String body) throws Exception {
        String json = """
                {"channel": "EMAIL", "providerMessageId": "takeover-%s-%s", "from": "ops@%s.example",
                 "to": ["support@agency.example"], "subject": "%s", "body": "%s"}
                """.formatted(run, suffix, clientId, kind == Kind.EMERGENCY ? "Site down" : "Request", body);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(ingest.url("/api/v1/messages"))
                .header("Content-Type", "application/json").header("X-Api-Key", integrationKey)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return new Accepted(match(StoryWorld.MESSAGE_ID, response.body()), kind, clientId);
    }

    // --- waiting and counting -------------------------------------------------------------------------------------

    /** Waits until every emergency has a webhook page (or DRAIN passes: the assertions then say which has none). */
    private void awaitPages(Set<String> emergencies) throws InterruptedException {
        Instant deadline = Instant.now().plus(DRAIN);
        while (Instant.now().isBefore(deadline)) {
            Set<String> paged = world.pages().stream().map(p -> match(StoryWorld.MESSAGE_ID, p.body())).collect(Collectors.toSet());
            if (paged.containsAll(emergencies)) {
                return;
            }
            Thread.sleep(500);
        }
    }

    /**
     * Waits until every afterhours-* consumer group with members is STABLE with at least two members (an instance
     * of each), the same members for three polls in a row: both instances of each service have joined. Returns
     * the members per group.
     */
    private static Map<String, Integer> awaitSettledGroups(Duration timeout) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, AfterhoursTestEnvironment.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            Instant deadline = Instant.now().plus(timeout);
            Map<String, Set<String>> previous = Map.of();
            Map<String, GroupState> states = Map.of();
            int unchanged = 0;
            while (Instant.now().isBefore(deadline)) {
                List<String> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get().stream().map(GroupListing::groupId)
                        .filter(g -> g.startsWith("afterhours-")).toList();
                Map<String, Set<String>> members = new TreeMap<>();
                states = new TreeMap<>();
                for (ConsumerGroupDescription group : admin.describeConsumerGroups(groups).all().get().values()) {
                    if (!group.members().isEmpty()) {
                        members.put(group.groupId(), group.members().stream().map(MemberDescription::consumerId)
                                .collect(Collectors.toSet()));
                        states.put(group.groupId(), group.groupState());
                    }
                }
                boolean settled = !members.isEmpty() && states.values().stream().allMatch(s -> s == GroupState.STABLE)
                        && members.values().stream().allMatch(m -> m.size() >= 2);
                unchanged = settled && members.equals(previous) ? unchanged + 1 : 0;
                if (unchanged >= 2) {
                    return members.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                            e -> e.getValue().size(), (a, b) -> a, TreeMap::new));
                }
                previous = members;
                Thread.sleep(1000);
            }
            throw new AssertionError("consumer groups not settled within " + timeout + ": " + previous + " " + states);
        }
    }

    private static int partitionsOf(String topic) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, AfterhoursTestEnvironment.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }

    private static <V> Map<String, Long> counts(List<V> records, Function<V, String> id, Set<String> ids) {
        return records.stream().map(id).filter(ids::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static Map<String, Long> slaCounts(List<SlaEvent> events, Class<?> payload, Set<String> ids) {
        return counts(events.stream().filter(e -> payload.isInstance(e.getPayload())).toList(), SlaEvent::getSlaId, ids);
    }

    private static Map<String, Long> ones(Set<String> ids) {
        Map<String, Long> ones = new HashMap<>();
        ids.forEach(id -> ones.put(id, 1L));
        return ones;
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static void log(String format, Object... args) {
        System.out.printf("[takeover] " + format + "%n", args);
    }

    // --- the clients ---------------------------------------------------------------------------------------------

    /**
     * One client id per partition of the topics keyed by client (the producer's default partitioner: murmur2 of the
     * key), so the killed instances own some of each kind of traffic whichever partitions they had.
     */
    private static List<String> clientsCoveringEveryPartition(String prefix) {
        Map<Integer, String> byPartition = new TreeMap<>();
        for (int n = 1; byPartition.size() < PARTITIONS; n++) {
            String id = "takeover-" + prefix + "-" + n;
            byPartition.putIfAbsent(Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % PARTITIONS, id);
        }
        return List.copyOf(byPartition.values());
    }

    /** Always open (UTC), every urgency on the calendar clock with {@code target}; pages by the demo policy. */
    private static ClientProfile client(String clientId, String target) {
        List<WeeklyWindow> always = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            always.add(new WeeklyWindow(day, "00:00", "24:00"));
        }
        List<SlaTarget> targets = new ArrayList<>();
        for (Urgency urgency : List.of(Urgency.NORMAL, Urgency.LOW, Urgency.HIGH)) {
            targets.add(new SlaTarget(urgency, target, SlaClock.CALENDAR));
        }
        targets.add(new SlaTarget(Urgency.EMERGENCY, "PT8H", SlaClock.CALENDAR));
        return ClientProfile.newBuilder()
                .setClientId(clientId).setName("Client " + clientId).setAccountManagerId("carol")
                .setCalendar(SupportCalendar.newBuilder().setZone("UTC").setWindows(always).setHolidays(List.of())
                        .setHolidayCountry(null).setHolidayRegion(null).build())
                .setSlaPolicy(new SlaPolicy(targets, 75, 0))
                .setContacts(List.of(new ClientContact("Ops", "ops@" + clientId + ".example", null, false)))
                .setEmergencyPhrases(List.of("site is down"))
                .setEscalationPolicyId("agency-default")
                .build();
    }
}
