package dev.afterhours.notifier;

import static dev.afterhours.notifier.TestEvents.WAIT;
import static dev.afterhours.notifier.TestEvents.client;
import static dev.afterhours.notifier.TestEvents.ensureTopics;
import static dev.afterhours.notifier.TestEvents.escalation;
import static dev.afterhours.notifier.TestEvents.freePort;
import static dev.afterhours.notifier.TestEvents.level;
import static dev.afterhours.notifier.TestEvents.policy;
import static dev.afterhours.notifier.TestEvents.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.afterhours.contracts.DayOfWeek;
import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.RestrictionWindow;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.contracts.RotationLayer;
import dev.afterhours.contracts.RotationOverride;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rotation planned as a schedule of layers: weekdays 09:00-17:00 on Berlin's clock, with an override covering now.
 * Who is on call (for the rotation, and for a client whose policy pages it), the final schedule, its gaps at the
 * weekend, and the page an emergency sends, all agree. Every instant is computed from now.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class OnCallIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final String ROTATION = "berlin-days-" + RUN;
    static final String CLIENT = "oncall-co-" + RUN;
    static final String ANN = "ann-" + RUN;
    static final String BOB = "bob-" + RUN;
    static final String COVER = "cover-" + RUN;
    static final Instant NOW = Instant.now();
    static final java.time.format.DateTimeFormatter ICS_UTC = java.time.format.DateTimeFormatter
            .ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC);
    static final WebhookReceiver webhooks = WebhookReceiver.start();
    static final int SMTP_PORT = freePort();
    static final GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        smtp.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEvents.notifierProperties(registry, SMTP_PORT, webhooks);
    }

    @BeforeAll
    static void directory() {
        ensureTopics();
        try (DirectoryPublisher publisher = TestEvents.loopbackPublisher()) {
            for (String id : List.of(ANN, BOB, COVER)) {
                publisher.publish(StaffMember.newBuilder().setStaffId(id).setName(id).setZone("Europe/Berlin")
                        .setWebhookUrl(webhooks.url("/hooks/" + id)).build());
            }
            List<DayOfWeek> weekdays = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                    DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
            // The first handoff on a Monday 09:00 (Berlin) two weeks back; weekly; only on weekdays 09:00-17:00.
            String start = ZonedDateTime.ofInstant(NOW, BERLIN).minusWeeks(2)
                    .with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)).toLocalDate().atTime(9, 0).toString();
            publisher.publish(Rotation.newBuilder().setRotationId(ROTATION).setName("Berlin days").setZone("Europe/Berlin")
                    .setLayers(List.of(RotationLayer.newBuilder().setName("days").setMembers(List.of(ANN, BOB))
                            .setStart(start).setRotationDays(7)
                            .setRestrictions(List.of(new RestrictionWindow(weekdays, "09:00", "17:00"))).build()))
                    .setOverrides(List.of(new RotationOverride(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(2)),
                            COVER, null)))
                    .build());
            publisher.publish(policy("oncall-pol-" + RUN, level(ROTATION, List.of(), "PT1H")));
            publisher.publish(client(CLIENT, "On Call GmbH", ANN, "oncall-pol-" + RUN));
        }
    }

    @AfterAll
    static void stop() {
        smtp.stop();
        webhooks.close();
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void whoIsOnCallTheScheduleItsGapsAndThePageAgree() throws Exception {
        String rotation = "/api/v1/rotations/" + ROTATION;
        await().atMost(WAIT).until(() -> get(rotation + "/on-call", viewer()).statusCode() == 200);

        JsonNode now = json.readTree(get(rotation + "/on-call", viewer()).body());
        assertThat(now.get("staffId").asString()).as("the override covers now").isEqualTo(COVER);
        assertThat(now.get("source").asString()).isEqualTo("override 0");

        Instant saturdayNoon = ZonedDateTime.ofInstant(NOW, BERLIN).plusDays(1)
                .with(TemporalAdjusters.next(java.time.DayOfWeek.SATURDAY)).with(LocalTime.NOON).toInstant();
        JsonNode weekend = json.readTree(get(rotation + "/on-call?at=" + saturdayNoon, viewer()).body());
        assertThat(weekend.get("staffId").isNull()).as("weekdays only: nobody at the weekend").isTrue();
        Instant mondayTen = ZonedDateTime.ofInstant(saturdayNoon, BERLIN).with(TemporalAdjusters.next(java.time.DayOfWeek.MONDAY))
                .with(LocalTime.of(10, 0)).toInstant();
        assertThat(json.readTree(get(rotation + "/on-call?at=" + mondayTen, viewer()).body()).get("staffId").asString())
                .isIn(ANN, BOB);

        String from = NOW.truncatedTo(ChronoUnit.SECONDS).toString();
        String to = NOW.plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.SECONDS).toString();
        JsonNode schedule = json.readTree(get(rotation + "/schedule?from=" + from + "&to=" + to, viewer()).body());
        assertThat(schedule.get("entries").get(0).get("staffId").asString()).isEqualTo(COVER);
        for (JsonNode entry : schedule.get("entries")) {
            if (entry.get("source").asString().startsWith("layer")) {
                ZonedDateTime start = ZonedDateTime.ofInstant(Instant.parse(entry.get("start").asString()), BERLIN);
                ZonedDateTime end = ZonedDateTime.ofInstant(Instant.parse(entry.get("end").asString()), BERLIN);
                assertThat(start.getDayOfWeek().getValue()).as(entry.toString()).isLessThan(6);
                assertThat(start.toLocalTime()).as(entry.toString()).isBetween(LocalTime.of(9, 0), LocalTime.of(17, 0));
                assertThat(end.toLocalDate()).as("a layer's stretch ends the same day: " + entry).isEqualTo(start.toLocalDate());
            }
        }
        JsonNode gaps = json.readTree(get(rotation + "/gaps?from=" + from + "&to=" + to, viewer()).body()).get("gaps");
        assertThat(gaps.valueStream().anyMatch(g -> !Instant.parse(g.get("start").asString()).isAfter(saturdayNoon)
                && Instant.parse(g.get("end").asString()).isAfter(saturdayNoon))).as("Saturday noon is a gap").isTrue();

        // ... and the metric the coverage alert watches says so.
        await().atMost(WAIT).until(() -> get("/actuator/prometheus", viewer()).body().lines().anyMatch(l ->
                l.startsWith("afterhours_oncall_coverage_gap_seconds{") && l.contains("rotation=\"" + ROTATION + "\"")
                        && !l.endsWith(" 0.0")));

        JsonNode client = json.readTree(get("/api/v1/clients/" + CLIENT + "/on-call", viewer()).body());
        assertThat(client.get("staffIds")).extracting(JsonNode::asString).containsExactly(COVER);

        // An emergency now pages whom the schedule says: the person covering.
        EscalationRequested escalation = escalation("esc-oncall-" + RUN, CLIENT, "down " + RUN);
        send(Topics.ESCALATIONS.name(), CLIENT, escalation);
        await().atMost(WAIT).until(() -> !webhooks.to("/hooks/" + COVER).isEmpty());
        assertThat(webhooks.to("/hooks/" + ANN)).isEmpty();
        assertThat(webhooks.to("/hooks/" + BOB)).isEmpty();
    }

    @Test
    void readersNeedATokenAndBadQuestionsAreProblemsNamingTheField() throws Exception {
        String rotation = "/api/v1/rotations/" + ROTATION;
        await().atMost(WAIT).until(() -> get(rotation + "/on-call", viewer()).statusCode() == 200);

        assertThat(get(rotation + "/on-call", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/rotations/nope-" + RUN + "/on-call", viewer()).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/clients/nope-" + RUN + "/on-call", viewer()).statusCode()).isEqualTo(404);
        HttpResponse<String> badAt = get(rotation + "/on-call?at=" + URLEncoder.encode("next friday", StandardCharsets.UTF_8), viewer());
        assertThat(badAt.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badAt.body()).get("field").asString()).isEqualTo("at");
        String from = NOW.truncatedTo(ChronoUnit.SECONDS).toString();
        HttpResponse<String> tooLong = get(rotation + "/schedule?from=" + from + "&to="
                + NOW.plus(Duration.ofDays(200)).truncatedTo(ChronoUnit.SECONDS), viewer());
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json.readTree(tooLong.body()).get("field").asString()).isEqualTo("to");
    }

    @Test
    void theScheduleIsACalendarFeedWhoseSignedUrlComesFromASignedInRequest() throws Exception {
        String rotation = "/api/v1/rotations/" + ROTATION;
        await().atMost(WAIT).until(() -> get(rotation + "/on-call", viewer()).statusCode() == 200);

        assertThat(get(rotation + "/calendar-link", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/rotations/nope-" + RUN + "/calendar-link", viewer()).statusCode()).isEqualTo(404);
        HttpResponse<String> link = get(rotation + "/calendar-link", viewer());
        assertThat(link.statusCode()).as(link.body()).isEqualTo(200);
        URI feedUrl = URI.create(json.readTree(link.body()).get("url").asString());
        String feed = feedUrl.getRawPath() + "?" + feedUrl.getRawQuery();
        assertThat(feed).startsWith(rotation + "/schedule.ics?token=");

        HttpResponse<String> ics = get(feed, null);
        assertThat(ics.statusCode()).as(ics.body()).isEqualTo(200);
        assertThat(ics.headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
        String body = ics.body();
        assertThat(body).startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n").endsWith("END:VCALENDAR\r\n");
        List<String> lines = body.replace("\r\n ", "").lines().toList();
        // The override covering now is a shift of COVER's; every shift is a VEVENT in UTC.
        assertThat(lines).contains("SUMMARY:On call: " + COVER);
        List<Instant> starts = lines.stream().filter(l -> l.startsWith("DTSTART:"))
                .map(l -> ICS_UTC.parse(l.substring("DTSTART:".length()), Instant::from)).toList();
        assertThat(starts).isNotEmpty().anyMatch(s -> !s.isAfter(NOW.minus(Duration.ofHours(1))));
        JsonNode schedule = json.readTree(get(rotation + "/schedule?from=" + starts.getFirst() + "&to="
                + NOW.plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.SECONDS), viewer()).body());
        assertThat(starts).as("the feed's shifts are the schedule's (iCalendar times are to the second)")
                .containsAll(schedule.get("entries").valueStream()
                .map(e -> Instant.parse(e.get("start").asString()).truncatedTo(ChronoUnit.SECONDS))
                .filter(s -> s.isAfter(starts.getFirst())).toList());
        assertThat(lines.stream().filter(l -> l.equals("BEGIN:VEVENT")).count()).isEqualTo(starts.size());
        List<String> uids = lines.stream().filter(l -> l.startsWith("UID:")).toList();
        assertThat(uids).doesNotHaveDuplicates().hasSize(starts.size());
        assertThat(get(feed, null).body().replace("\r\n ", "").lines().filter(l -> l.startsWith("UID:")).toList())
                .as("UIDs are stable per shift").isEqualTo(uids);

        String token = feed.substring(feed.indexOf("token=") + "token=".length());
        int middle = token.length() - 10;
        String flipped = token.substring(0, middle) + (token.charAt(middle) == 'A' ? 'B' : 'A') + token.substring(middle + 1);
        String lastFlipped = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        for (String forged : List.of(rotation + "/schedule.ics", rotation + "/schedule.ics?token=" + flipped,
                rotation + "/schedule.ics?token=" + lastFlipped,
                "/api/v1/staff/" + COVER + "/schedule.ics?token=" + token)) {
            HttpResponse<String> refused = get(forged, null);
            assertThat(refused.statusCode()).as(forged).isEqualTo(403);
            assertThat(json.readTree(refused.body()).get("field").asString()).isEqualTo("token");
        }

        // A person's feed: their shifts only, in every rotation.
        URI personUrl = URI.create(json.readTree(get("/api/v1/staff/" + COVER + "/calendar-link", viewer()).body())
                .get("url").asString());
        HttpResponse<String> person = get(personUrl.getRawPath() + "?" + personUrl.getRawQuery(), null);
        assertThat(person.statusCode()).as(person.body()).isEqualTo(200);
        List<String> summaries = person.body().replace("\r\n ", "").lines().filter(l -> l.startsWith("SUMMARY:")).toList();
        assertThat(summaries).isNotEmpty().containsOnly("SUMMARY:On call: " + COVER);
        assertThat(get("/api/v1/staff/nope-" + RUN + "/calendar-link", viewer()).statusCode()).isEqualTo(404);
    }

    private static String viewer() {
        return AfterhoursTestEnvironment.issuer().bearer("victor", "viewer");
    }

    private HttpResponse<String> get(String path, @Nullable String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
