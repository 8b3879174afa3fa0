package dev.afterhours.scheduler.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.SlaStarted;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.directory.DirectorySeed;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.scheduler.Fixtures;
import dev.afterhours.scheduler.ItSupport;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The SLA preview endpoints over real HTTP, with the demo directory on the real broker for the client preview, and
 * the client preview checked against the due time the running pipeline publishes for the same message.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SlaPreviewIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final String WEEKDAYS = """
            "MONDAY": [{"from": "09:00", "to": "17:30"}], "TUESDAY": [{"from": "09:00", "to": "17:30"}],
            "WEDNESDAY": [{"from": "09:00", "to": "17:30"}], "THURSDAY": [{"from": "09:00", "to": "17:30"}],
            "FRIDAY": [{"from": "09:00", "to": "17:30"}]""";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    DirectoryView directory;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
        ItSupport.infrastructure(registry, "sla-preview-it-" + RUN);
    }

    @BeforeAll
    static void demoDirectory() {
        RegistrySerdes.trustGeneratedPackage();
        ItSupport.provisionTopics();
        try (DirectoryPublisher publisher = new DirectoryPublisher(AfterhoursTestEnvironment.bootstrapServers(),
                AfterhoursTestEnvironment.registryUrl())) {
            DirectorySeed.load(Path.of("../deploy/local/directory.yml")).clients().forEach(publisher::publish);
        }
    }

    // fixed instants from here: previews are pure calculations on a calendar; no timer runs on them
    @Test
    void monday_evening_in_new_york_is_due_tuesday_midday() throws Exception {
        HttpResponse<String> response = post("""
                {"calendar": {"zone": "America/New_York", "hours": {%s}, "holidays": ["2026-12-25"]},
                 "receivedAt": "2026-11-23T22:14:05Z", "target": "PT4H", "clock": "BUSINESS"}
                """.formatted(WEEKDAYS));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        // 17:14:05 EST is in hours: 15m55s left Monday, 3h44m05s from Tuesday 09:00 -> 12:44:05 EST.
        assertThat(response.body()).isEqualTo(
                "{\"dueAt\":\"2026-11-24T17:44:05Z\",\"nextOpenAt\":\"2026-11-23T22:14:05Z\",\"status\":\"IN_HOURS\"}");
    }

    @Test
    void after_hours_holiday_and_calendar_clock() throws Exception {
        // Christmas Eve 19:00 EST: Christmas Day is a holiday and the weekend is closed, so the next opening is
        // Monday 28th 09:00 EST, and four business hours later is 13:00 EST.
        HttpResponse<String> response = post("""
                {"calendar": {"zone": "America/New_York", "hours": {%s}, "holidays": ["2026-12-25"]},
                 "receivedAt": "2026-12-25T00:00:00Z", "target": "PT4H"}
                """.formatted(WEEKDAYS));
        assertThat(response.body()).isEqualTo(
                "{\"dueAt\":\"2026-12-28T18:00:00Z\",\"nextOpenAt\":\"2026-12-28T14:00:00Z\",\"status\":\"AFTER_HOURS\"}");
        HttpResponse<String> holiday = post("""
                {"calendar": {"zone": "America/New_York", "hours": {%s}, "holidays": ["2026-12-25"]},
                 "receivedAt": "2026-12-25T15:00:00Z", "target": "PT4H", "clock": "CALENDAR"}
                """.formatted(WEEKDAYS));
        assertThat(holiday.body()).isEqualTo(
                "{\"dueAt\":\"2026-12-25T19:00:00Z\",\"nextOpenAt\":\"2026-12-28T14:00:00Z\",\"status\":\"HOLIDAY\"}");
    }

    @Test
    void the_dry_run_series_crosses_the_fall_back_weekend() throws Exception {
        // Friday 2026-10-30 17:00 EDT, every 24 h, 4 points: Fri (in hours), Sat, Sun (clocks fall back), Mon.
        HttpResponse<String> response = post("""
                {"calendar": {"zone": "America/New_York", "hours": {%s}},
                 "receivedAt": "2026-10-30T21:00:00Z", "target": "PT1H", "count": 4, "every": "PT24H"}
                """.formatted(WEEKDAYS));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body())
                .contains("{\"receivedAt\":\"2026-10-30T21:00:00Z\",\"dueAt\":\"2026-11-02T14:30:00Z\",\"nextOpenAt\":\"2026-10-30T21:00:00Z\",\"status\":\"IN_HOURS\"}")
                .contains("{\"receivedAt\":\"2026-10-31T21:00:00Z\",\"dueAt\":\"2026-11-02T15:00:00Z\",\"nextOpenAt\":\"2026-11-02T14:00:00Z\",\"status\":\"WEEKEND\"}")
                .contains("{\"receivedAt\":\"2026-11-02T21:00:00Z\",\"dueAt\":\"2026-11-02T22:00:00Z\",\"nextOpenAt\":\"2026-11-02T21:00:00Z\",\"status\":\"IN_HOURS\"}");
    }

    @Test
    void bad_input_is_refused_naming_every_field() throws Exception {
        HttpResponse<String> response = post("""
                {"calendar": {"zone": "Mars/Olympus", "hours": {"FUNDAY": [], "MONDAY": [{"from": "17:00", "to": "09:00"}]}},
                 "receivedAt": "yesterday", "target": "four hours", "clock": "SUNDIAL"}
                """);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"receivedAt\"", "\"field\":\"target\"", "\"field\":\"clock\"",
                "BUSINESS");
        HttpResponse<String> calendar = post("""
                {"calendar": {"zone": "Mars/Olympus", "hours": {"FUNDAY": [], "MONDAY": [{"from": "17:00", "to": "09:00"}]}},
                 "receivedAt": "2026-11-23T22:14:05Z", "target": "PT4H"}
                """);
        assertThat(calendar.statusCode()).isEqualTo(400);
        assertThat(calendar.body()).contains("calendar.zone", "Mars/Olympus", "calendar.hours.FUNDAY", "calendar.hours.MONDAY[0]");
        assertThat(post("{not json").statusCode()).isEqualTo(400);
        HttpResponse<String> closed = post("""
                {"calendar": {"zone": "UTC", "hours": {}}, "receivedAt": "2026-11-23T22:14:05Z", "target": "PT4H"}
                """);
        assertThat(closed.statusCode()).isEqualTo(400);
        assertThat(closed.body()).contains("calendar.hours", "no open time");
    }

    @Test
    void a_clients_own_calendar_and_policy_from_the_directory() throws Exception {
        awaitClient("acme-shop");
        HttpResponse<String> response = get("/api/v1/clients/acme-shop/sla/preview?receivedAt=2026-11-23T22:14:05Z&urgency=NORMAL");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"clientId\":\"acme-shop\",\"urgency\":\"NORMAL\",\"target\":\"PT4H\","
                + "\"clock\":\"BUSINESS\",\"receivedAt\":\"2026-11-23T22:14:05Z\",\"dueAt\":\"2026-11-24T17:44:05Z\","
                + "\"nextOpenAt\":\"2026-11-23T22:14:05Z\",\"status\":\"IN_HOURS\"}");
        // fixed instants end
        HttpResponse<String> nobody = get("/api/v1/clients/nobody/sla/preview");
        assertThat(nobody.statusCode()).isEqualTo(404);
        assertThat(nobody.body()).contains("\"field\":\"clientId\"", "no client 'nobody'");
        HttpResponse<String> badUrgency = get("/api/v1/clients/acme-shop/sla/preview?urgency=PANIC");
        assertThat(badUrgency.statusCode()).isEqualTo(400);
        assertThat(badUrgency.body()).contains("urgency", "EMERGENCY");
    }

    @Test
    void the_preview_and_the_pipeline_agree() throws Exception {
        awaitClient("acme-shop");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> get("/actuator/health/readiness").statusCode() == 200);
        // A Friday 18:30 in New York still ahead of the wall clock the pipeline's timers run on, after hours: the
        // next opening is Monday 09:00, and four business hours later is Monday 13:00.
        ZonedDateTime friday = Fixtures.nextAfterHours(Clock.systemUTC(), NEW_YORK,
                java.time.DayOfWeek.FRIDAY, LocalTime.of(18, 30));
        Instant received = friday.toInstant();
        Instant mondayOpening = friday.plusDays(3).with(LocalTime.of(9, 0)).toInstant();
        Instant mondayOneOClock = friday.plusDays(3).with(LocalTime.of(13, 0)).toInstant();
        String slaId = "preview-it-" + UUID.randomUUID();
        ItSupport.send(Fixtures.inbound("acme-shop", slaId, "conv-" + slaId, Urgency.NORMAL,
                AfterHoursStatus.AFTER_HOURS, received));
        List<SlaEvent> started = ItSupport.read(Topics.SLA_EVENTS, e -> e.getSlaId().equals(slaId),
                events -> !events.isEmpty(), Duration.ofSeconds(60));
        Instant pipelineDue = ((SlaStarted) started.getFirst().getPayload()).getDueAt();

        HttpResponse<String> preview = get("/api/v1/clients/acme-shop/sla/preview?receivedAt=" + received
                + "&urgency=NORMAL");
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        assertThat(pipelineDue).isEqualTo(mondayOneOClock);
        assertThat(preview.body()).contains("\"dueAt\":\"" + pipelineDue + "\"", "\"status\":\"AFTER_HOURS\"",
                "\"nextOpenAt\":\"" + mondayOpening + "\"");
    }

    private void awaitClient(String clientId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> directory.client(clientId).isPresent());
    }

    private HttpResponse<String> post(String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/sla/preview"))
                .header("Content-Type", "application/json").header("Authorization", AfterhoursTestEnvironment.issuer().bearer("victor", "viewer")).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", AfterhoursTestEnvironment.issuer().bearer("victor", "viewer")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
