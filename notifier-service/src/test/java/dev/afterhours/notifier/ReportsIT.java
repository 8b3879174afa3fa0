package dev.afterhours.notifier;

import static dev.afterhours.notifier.TestApi.staff;
import static dev.afterhours.notifier.TestEvents.WAIT;
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
import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.notifier.report.ReportEvents;
import dev.afterhours.notifier.report.ReportFeed;
import dev.afterhours.notifier.report.ReportListener;
import dev.afterhours.notifier.report.ReportRange;
import dev.afterhours.notifier.report.ReportStore;
import dev.afterhours.notifier.report.ReportStore.Dimension;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.HostileRequests;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reporting API against the real broker and registry: classified messages, a staff correction and SLA events
 * published on their topics, and a real emergency paged by webhook and resolved over the API; then every report, as a
 * viewer, in JSON and in CSV with the same figures; a fresh reader of the topics (a restarted instance) computes the
 * same; and nobody without the viewer role reads them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ReportsIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String CLIENT = "reports-" + RUN;
    static final String RITA = "rita-" + RUN;
    static final String POLICY = "reports-policy-" + RUN;
    static final String LINE = "+1555" + (1_000_000 + (int) (Math.random() * 8_000_000));

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
            publisher.publish(StaffMember.newBuilder().setStaffId(RITA).setName("Rita").setZone("UTC")
                    .setWebhookUrl(webhooks.url("/hooks/" + RITA)).build());
            publisher.publish(policy(POLICY, level("none", List.of(RITA), "PT1H")));
            publisher.publish(ClientProfile.newBuilder(ReportEvents.client(CLIENT, "UTC", LINE)).setAccountManagerId(RITA)
                    .setEscalationPolicyId(POLICY).build());
        }
    }

    @AfterAll
    static void stop() {
        smtp.stop();
        webhooks.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    DirectoryView directoryView;

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aViewerReadsEveryReportInJsonAndCsvWithTheSameFigures() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant night = now.minus(Duration.ofHours(3));
        // after hours on the emergency line, then corrected down to LOW: a false 911 and a 411 in the urgent lane
        publishMessage("m1", Channel.SMS, Urgency.EMERGENCY, AfterHoursStatus.AFTER_HOURS, night, LINE);
        send(Topics.URGENCY_CORRECTIONS.name(), CLIENT, ReportEvents.correction(RUN + "m1", CLIENT, Urgency.EMERGENCY,
                Urgency.LOW, night, night.plusSeconds(600)));
        // answered 30 minutes later
        publishMessage("m2", Channel.SMS, Urgency.HIGH, AfterHoursStatus.AFTER_HOURS, night);
        send(Topics.SLA_EVENTS.name(), CLIENT, ReportEvents.started(RUN + "m2", CLIENT, Urgency.HIGH, night));
        send(Topics.SLA_EVENTS.name(), CLIENT, ReportEvents.met(RUN + "m2", CLIENT, Urgency.HIGH, night.plusSeconds(1800)));
        // still open
        publishMessage("m3", Channel.EMAIL, Urgency.NORMAL, AfterHoursStatus.IN_HOURS, now.minus(Duration.ofHours(1)));
        send(Topics.SLA_EVENTS.name(), CLIENT, ReportEvents.started(RUN + "m3", CLIENT, Urgency.NORMAL, now.minus(Duration.ofHours(1))));
        // a real emergency, paged to Rita by webhook, then resolved by her
        EscalationRequested emergency = escalation("esc-" + RUN, CLIENT, "checkout down " + RUN);
        send(Topics.ESCALATIONS.name(), CLIENT, emergency);
        await().atMost(WAIT).until(() -> !webhooks.to("/hooks/" + RITA).isEmpty());
        HttpResponse<String> resolved = get("/api/v1/incidents/" + emergency.getEscalationId() + "/resolve", staff(RITA),
                "POST", "{\"note\": \"restarted the payment worker\"}");
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);

        String q = "?clientId=" + CLIENT;
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode incidents = json.readTree(get("/api/v1/reports/incidents" + q, viewer(), "GET", null).body());
            assertThat(incidents.get("complete").asBoolean()).isTrue();
            assertThat(incidents.get("rows").get(incidents.get("rows").size() - 1).get("resolved").asLong()).isEqualTo(1);
            JsonNode sla = json.readTree(get("/api/v1/reports/sla" + q, viewer(), "GET", null).body());
            assertThat(sla.get("rows")).hasSize(2);
        });

        Map<String, JsonNode> reports = Map.of(
                "/api/v1/reports/sla" + q, report("/api/v1/reports/sla" + q),
                "/api/v1/reports/after-hours/messages" + q + "&groupBy=client,status", report("/api/v1/reports/after-hours/messages" + q + "&groupBy=client,status"),
                "/api/v1/reports/after-hours/responders", report("/api/v1/reports/after-hours/responders"),
                "/api/v1/reports/client-burden" + q, report("/api/v1/reports/client-burden" + q),
                "/api/v1/reports/incidents" + q, report("/api/v1/reports/incidents" + q));

        JsonNode sla = reports.get("/api/v1/reports/sla" + q).get("rows");
        assertThat(sla.get(0).get("urgency").asString()).isEqualTo("HIGH");
        assertThat(sla.get(0).get("channel").asString()).isEqualTo("SMS");
        assertThat(sla.get(0).get("met").asLong()).isEqualTo(1);
        assertThat(sla.get(0).get("attainment").asDouble()).isEqualTo(1.0);
        assertThat(sla.get(0).get("medianWallSeconds").asLong()).isBetween(1782L, 1818L);
        assertThat(sla.get(1).get("urgency").asString()).isEqualTo("NORMAL");
        assertThat(sla.get(1).get("open").asLong()).isEqualTo(1);
        JsonNode burden = reports.get("/api/v1/reports/client-burden" + q).get("rows").get(0);
        assertThat(burden.get("clientId").asString()).isEqualTo(CLIENT);
        assertThat(burden.get("inboundMessages").asLong()).isEqualTo(3);
        assertThat(burden.get("afterHoursMessages").asLong()).isEqualTo(2);
        assertThat(burden.get("false911s").asLong()).isEqualTo(1);
        assertThat(burden.get("true911s").asLong()).isZero();
        assertThat(burden.get("urgentLane411s").asLong()).isEqualTo(1);
        assertThat(burden.get("pages").asLong()).isEqualTo(1);
        assertThat(burden.get("incidents").asLong()).isEqualTo(1);
        JsonNode rita = null;
        for (JsonNode row : reports.get("/api/v1/reports/after-hours/responders").get("rows")) {
            rita = row.get("staffId").asString().equals(RITA) ? row : rita;
        }
        assertThat(rita).isNotNull();
        assertThat(rita.get("pages").asLong()).isEqualTo(1);
        assertThat(rita.get("pagesEmergency").asLong()).isEqualTo(1);

        for (Map.Entry<String, JsonNode> report : reports.entrySet()) {
            String path = report.getKey();
            HttpResponse<String> csv = get(path, viewer(), "GET", null, "text/csv");
            assertThat(csv.statusCode()).as(path).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(csv.headers().firstValue("X-Report-Complete")).contains("true");
            assertSameFigures(path, report.getValue().get("rows"), csv.body());
            HttpResponse<String> formatCsv = get(path + (path.contains("?") ? "&" : "?") + "format=csv", viewer(), "GET", null);
            assertThat(formatCsv.body()).as(path).isEqualTo(csv.body());
        }

        // a restarted instance rebuilds the same figures from the topics
        ReportStore fresh = new ReportStore(dev.afterhours.notifier.report.ReportDirectory.of(directoryView),
                Duration.ofDays(400), Clock.systemUTC(), ReportListener.NONE);
        try (ReportFeed feed = new ReportFeed(AfterhoursTestEnvironment.bootstrapServers(),
                AfterhoursTestEnvironment.registryUrl(), directoryView, fresh, Clock.systemUTC())) {
            await().atMost(WAIT).until(feed::complete);
            Instant from = Instant.parse(reports.get("/api/v1/reports/sla" + q).get("from").asString());
            Instant to = Instant.parse(reports.get("/api/v1/reports/sla" + q).get("to").asString());
            assertThat(json.readTree(json.writeValueAsString(fresh.sla(new ReportRange(from, to),
                    EnumSet.of(Dimension.CLIENT, Dimension.URGENCY, Dimension.CHANNEL), CLIENT).rowObjects())))
                    .isEqualTo(sla);
        }
    }

    @Test
    void onlyAViewerReadsReportsAndABadRangeIsNamed() throws Exception {
        String path = "/api/v1/reports/client-burden";
        assertThat(get(path, null, "GET", null).statusCode()).isEqualTo(401);
        String noRole = AfterhoursTestEnvironment.issuer().bearer("mallory");
        assertThat(get(path, noRole, "GET", null).statusCode()).isEqualTo(403);
        assertThat(get(path + "?format=csv", noRole, "GET", null).statusCode()).isEqualTo(403);
        assertThat(get(path, viewer(), "GET", null).statusCode()).isEqualTo(200);

        for (var bad : Map.of("?from=yesterday", "from", "?to=2026-13-01", "to", "?from=2026-01-10&to=2026-01-09", "to",
                "?from=2024-01-01&to=2026-01-01", "to", "?format=xlsx", "format").entrySet()) {
            HttpResponse<String> refused = get(path + bad.getKey(), viewer(), "GET", null);
            assertThat(refused.statusCode()).as(bad.getKey()).isEqualTo(400);
            assertThat(json.readTree(refused.body()).get("field").asString()).as(bad.getKey()).isEqualTo(bad.getValue());
        }
        // asked for CSV only, a refusal is still a problem detail naming the field
        HttpResponse<String> csvOnly = get(path + "?from=yesterday", viewer(), "GET", null, "text/csv");
        assertThat(csvOnly.statusCode()).isEqualTo(400);
        assertThat(json.readTree(csvOnly.body()).get("field").asString()).isEqualTo("from");
        HttpResponse<String> groupBy = get("/api/v1/reports/sla?groupBy=client,weather", viewer(), "GET", null);
        assertThat(groupBy.statusCode()).isEqualTo(400);
        assertThat(json.readTree(groupBy.body()).get("detail").asString()).contains("weather");

        // hostile values in every parameter: refused with a 4xx, or (clientId) simply no rows; never a 5xx
        List<String> values = HostileRequests.values(20261207L, 120);
        for (int i = 0; i < values.size(); i++) {
            String value = URLEncoder.encode(values.get(i), StandardCharsets.UTF_8);
            String param = List.of("from", "to", "groupBy", "format", "clientId").get(i % 5);
            String hostile = List.of("/api/v1/reports/sla", "/api/v1/reports/after-hours/messages",
                    "/api/v1/reports/after-hours/responders", path, "/api/v1/reports/incidents").get(i % 5 == 4 ? i % 3 : i % 5)
                    + "?" + param + "=" + value;
            HttpResponse<String> answer = get(hostile, viewer(), "GET", null);
            assertThat(answer.statusCode()).as(hostile + " -> " + answer.body()).isLessThan(500);
            if (answer.statusCode() == 400) {
                assertThat(json.readTree(answer.body()).get("field").asString()).as(hostile).isEqualTo(param);
            }
        }

        // dates are whole UTC days, 'to' included
        JsonNode day = json.readTree(get(path + "?from=2026-01-05&to=2026-01-05", viewer(), "GET", null).body());
        // fixed instants from here: how a date range is read; no timer runs on it
        assertThat(day.get("from").asString()).isEqualTo("2026-01-05T00:00:00Z");
        assertThat(day.get("to").asString()).isEqualTo("2026-01-06T00:00:00Z");
        // fixed instants end
    }

    private void publishMessage(String id, Channel channel, Urgency urgency, AfterHoursStatus status, Instant at, String... to) {
        send(Topics.MESSAGES_CLASSIFIED.name(), CLIENT,
                ReportEvents.classified(RUN + id, CLIENT, channel, urgency, status, at, to));
    }

    private JsonNode report(String path) throws Exception {
        HttpResponse<String> response = get(path, viewer(), "GET", null);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** Each CSV line is the JSON row: the same columns in the same order, the same values (null as empty). */
    private static void assertSameFigures(String path, JsonNode rows, String csv) {
        assertThat(csv).as(path).endsWith("\r\n");
        List<String> lines = List.of(csv.split("\r\n"));
        assertThat(lines).as(path).hasSize(rows.size() + 1);
        List<String> header = fields(lines.getFirst());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            List<String> values = fields(lines.get(i + 1));
            assertThat(header).as(path).containsExactlyElementsOf(row.propertyNames());
            Iterator<String> names = row.propertyNames().iterator();
            for (String value : values) {
                JsonNode expected = row.get(names.next());
                assertThat(value).as(path + " row " + i).isEqualTo(expected.isNull() ? "" : expected.isString()
                        ? expected.asString() : expected.asString());
            }
        }
    }

    /** The fields of one CSV line (these reports have no quote, comma or line break inside a value). */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        for (String field : line.split(",", -1)) {
            fields.add(field.startsWith("\"") ? field.substring(1, field.length() - 1) : field);
        }
        return fields;
    }

    private static String viewer() {
        return TestApi.viewer();
    }

    private HttpResponse<String> get(String path, @Nullable String authorization, String method, @Nullable String body)
            throws Exception {
        return get(path, authorization, method, body, "application/json");
    }

    private HttpResponse<String> get(String path, @Nullable String authorization, String method, @Nullable String body,
            String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", accept)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
