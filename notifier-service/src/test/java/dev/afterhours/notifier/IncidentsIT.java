package dev.afterhours.notifier;

import static dev.afterhours.notifier.TestApi.staff;
import static dev.afterhours.notifier.TestApi.viewer;
import static dev.afterhours.notifier.TestEvents.WAIT;
import static dev.afterhours.notifier.TestEvents.awaitEvents;
import static dev.afterhours.notifier.TestEvents.client;
import static dev.afterhours.notifier.TestEvents.ensureTopics;
import static dev.afterhours.notifier.TestEvents.escalation;
import static dev.afterhours.notifier.TestEvents.freePort;
import static dev.afterhours.notifier.TestEvents.level;
import static dev.afterhours.notifier.TestEvents.ofEscalation;
import static dev.afterhours.notifier.TestEvents.policy;
import static dev.afterhours.notifier.TestEvents.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.NotificationResolved;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.notifier.kafka.TopicFollower;
import dev.afterhours.notifier.ledger.NotificationLedger;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * Incidents against the real broker and registry: resolved with a handover note by someone paged (the note becomes a
 * CRM note, the resolution an event that stops the escalation and that a fresh reader of the topic finds), refused
 * without a note, for someone not paged, and the second time; and the page history with MTTA and MTTR, as the API
 * and as Prometheus metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class IncidentsIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String CLIENT = "incidents-" + RUN;
    static final String PAGED = "paged-" + RUN;
    static final String NEXT = "next-" + RUN;
    static final String BYSTANDER = "bystander-" + RUN;
    static final String POLICY = "incidents-policy-" + RUN;
    /** Level 1's ack timeout: long enough to resolve within, short enough to wait out. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(8);

    static final WebhookReceiver webhooks = WebhookReceiver.start();
    static final int SMTP_PORT = freePort();
    static final GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        smtp.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEvents.notifierProperties(registry, SMTP_PORT, webhooks);
        registry.add("afterhours.notifier.escalation-check-interval", () -> "PT0.2S");
    }

    @BeforeAll
    static void directory() {
        ensureTopics();
        try (DirectoryPublisher publisher = TestEvents.loopbackPublisher()) {
            for (String staff : List.of(PAGED, NEXT, BYSTANDER)) {
                publisher.publish(StaffMember.newBuilder().setStaffId(staff).setName(staff).setZone("UTC")
                        .setWebhookUrl(webhooks.url("/hooks/" + staff)).build());
            }
            publisher.publish(policy(POLICY, level("none", List.of(PAGED), ACK_TIMEOUT.toString()),
                    level("none", List.of(NEXT), "PT1H")));
            publisher.publish(client(CLIENT, "Incidents Ltd", PAGED, POLICY));
        }
    }

    @AfterAll
    static void stop() {
        smtp.stop();
        webhooks.close();
    }

    @LocalServerPort
    int port;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void thePagedPersonResolvesWithAHandoverNoteThatBecomesACrmNoteAndStopsTheEscalation() throws Exception {
        EscalationRequested escalation = escalation("esc-resolve-" + RUN, CLIENT, "checkout down " + RUN);
        String id = escalation.getEscalationId();
        send(Topics.ESCALATIONS.name(), CLIENT, escalation);
        await().atMost(WAIT).until(() -> !webhooks.to("/hooks/" + PAGED).isEmpty());
        String resolve = "/api/v1/incidents/" + id + "/resolve";

        assertThat(call("POST", resolve, null, "{\"note\": \"x\"}").statusCode()).isEqualTo(401);
        assertThat(call("POST", resolve, viewer(), "{\"note\": \"x\"}").statusCode()).isEqualTo(403);
        HttpResponse<String> bystander = call("POST", resolve, staff(BYSTANDER), "{\"note\": \"x\"}");
        assertThat(bystander.statusCode()).as(bystander.body()).isEqualTo(403);
        assertThat(bystander.body()).contains("not paged");
        assertThat(call("POST", "/api/v1/incidents/nope-" + RUN + "/resolve", staff(PAGED), "{\"note\": \"x\"}")
                .statusCode()).isEqualTo(404);
        for (var bad : Map.of("", "note", "{}", "note", "{\"note\": \"  \"}", "note", "{\"note\": 7}", "note",
                "{\"note\": \"ok\", \"staffId\": \"mallory\"}", "staffId", "[\"note\"]", "body", "not json", "body",
                "{\"note\": \"" + "x".repeat(4001) + "\"}", "note").entrySet()) {
            HttpResponse<String> refused = call("POST", resolve, staff(PAGED), bad.getKey().isEmpty() ? null : bad.getKey());
            assertThat(refused.statusCode()).as(bad.getKey() + " -> " + refused.body()).isEqualTo(400);
            assertThat(json.readTree(refused.body()).get("field").asString()).as(bad.getKey()).isEqualTo(bad.getValue());
        }
        HttpResponse<String> noNote = call("POST", resolve, staff(PAGED), "{}");
        assertThat(json.readTree(noNote.body()).get("detail").asString()).contains("handover note is required");

        String note = "Payment worker restarted <b>twice</b>; watch the queue until 08:00";
        HttpResponse<String> resolved = call("POST", resolve, staff(PAGED), json.writeValueAsString(Map.of("note", note)));
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        JsonNode incident = json.readTree(resolved.body());
        assertThat(incident.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(incident.get("resolvedBy").asString()).isEqualTo(PAGED);
        assertThat(incident.get("handoverNote").asString()).isEqualTo(note);
        assertThat(incident.get("acknowledgedBy").asString()).as("nobody acked: resolving is acknowledging").isEqualTo(PAGED);
        assertThat(incident.get("acknowledgedByResolving").asBoolean()).isTrue();
        Instant resolvedAt = Instant.parse(incident.get("resolvedAt").asString());

        // Its pages are closed: acknowledging one now is a conflict, and its signed link is spent.
        String notificationId = json.readTree(webhooks.to("/hooks/" + PAGED).stream().filter(r -> r.body().contains(id))
                .findFirst().orElseThrow().body()).get("notificationId").asString();
        assertThat(call("POST", "/api/v1/notifications/" + notificationId + "/ack", staff(PAGED), null).statusCode())
                .isEqualTo(409);

        HttpResponse<String> again = call("POST", resolve, staff(PAGED), "{\"note\": \"again\"}");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(json.readTree(again.body()).get("resolvedBy").asString()).isEqualTo(PAGED);

        // The note is a CRM note of the client, by the person signed in, tied to the escalation.
        JsonNode notes = json.readTree(call("GET", "/api/v1/clients/" + CLIENT + "/notes", viewer(), null).body());
        assertThat(notes.valueStream().filter(n -> id.equals(n.get("conversationId").asString())).toList())
                .singleElement().satisfies(n -> {
                    assertThat(n.get("text").asString()).isEqualTo(note);
                    assertThat(n.get("author").asString()).isEqualTo(PAGED);
                    assertThat(n.get("noteId").asString()).isEqualTo(incident.get("handoverNoteId").asString());
                });

        // The resolution is on the notifications topic ...
        List<NotificationEvent> events = awaitEvents(e -> !ofEscalation(e, id, NotificationResolved.class).isEmpty());
        assertThat(ofEscalation(events, id, NotificationResolved.class)).singleElement().satisfies(e -> {
            NotificationResolved r = (NotificationResolved) e.getPayload();
            assertThat(r.getStaffId()).isEqualTo(PAGED);
            assertThat(r.getNote()).isEqualTo(note);
            assertThat(r.getAcknowledgedImplicitly()).isTrue();
        });
        // ... so a restarted notifier, reading the topic, knows it is resolved and not to be escalated.
        NotificationLedger afterRestart = new NotificationLedger(200);
        try (TopicFollower<NotificationEvent> reader = TopicFollower.start(AfterhoursTestEnvironment.bootstrapServers(),
                AfterhoursTestEnvironment.registryUrl(), Topics.NOTIFICATIONS, Duration.ofDays(1), Clock.systemUTC(),
                afterRestart::apply)) {
            assertThat(reader.awaitLoaded(WAIT)).isTrue();
        }
        assertThat(afterRestart.resolution(id)).hasValueSatisfying(r -> assertThat(r.staffId()).isEqualTo(PAGED));
        assertThat(afterRestart.unacknowledged()).noneMatch(t -> t.escalationId().equals(id));

        // Level 1's ack timeout passes: level 2 is not paged after the resolution.
        await().pollDelay(Duration.between(Instant.now(), resolvedAt.plus(ACK_TIMEOUT).plusSeconds(2)).abs())
                .atMost(WAIT).until(() -> true);
        JsonNode after = json.readTree(call("GET", "/api/v1/incidents/" + id, viewer(), null).body());
        assertThat(after.get("pages").valueStream().map(p -> Instant.parse(p.get("at").asString())))
                .as("nothing paged after the resolution").allMatch(at -> at.isBefore(resolvedAt));
        assertThat(after.get("steps").valueStream().map(p -> Instant.parse(p.get("at").asString())))
                .as("no step after the resolution").allMatch(at -> at.isBefore(resolvedAt));
    }

    @Test
    void thePageHistoryTellsWhoWasPagedWhoAcknowledgedAndHowLongItTookAsApiAndMetrics() throws Exception {
        EscalationRequested escalation = escalation("esc-history-" + RUN, CLIENT, "search broken " + RUN);
        String id = escalation.getEscalationId();
        Instant before = Instant.now().minusSeconds(1);
        send(Topics.ESCALATIONS.name(), CLIENT, escalation);
        await().atMost(WAIT).until(() -> webhooks.to("/hooks/" + PAGED).stream().anyMatch(r -> r.body().contains(id)));
        String notificationId = json.readTree(webhooks.to("/hooks/" + PAGED).stream().filter(r -> r.body().contains(id))
                .findFirst().orElseThrow().body()).get("notificationId").asString();
        HttpResponse<String> ack = call("POST", "/api/v1/notifications/" + notificationId + "/ack", staff(PAGED),
                "{\"note\": \"looking\"}");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        // An admin may resolve what they were not paged for.
        HttpResponse<String> resolved = call("POST", "/api/v1/incidents/" + id + "/resolve",
                AfterhoursTestEnvironment.issuer().bearer("ada", "admin"), "{\"note\": \"reindexed\"}");
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        // A repeat of an acknowledgement still answers the first one, resolved or not.
        assertThat(call("POST", "/api/v1/notifications/" + notificationId + "/ack", staff(PAGED), null).statusCode())
                .isEqualTo(200);

        JsonNode one = json.readTree(call("GET", "/api/v1/incidents/" + id, viewer(), null).body());
        assertThat(one.get("clientId").asString()).isEqualTo(CLIENT);
        assertThat(one.get("urgency").asString()).isEqualTo("EMERGENCY");
        assertThat(one.get("levelReached").asInt()).isEqualTo(1);
        assertThat(one.get("pages")).anySatisfy(p -> {
            assertThat(p.get("staffId").asString()).isEqualTo(PAGED);
            assertThat(p.get("channel").asString()).isEqualTo("WEBHOOK");
            assertThat(p.get("level").asInt()).isEqualTo(1);
            assertThat(p.get("round").asInt()).isEqualTo(1);
            assertThat(p.get("policyLevel").asInt()).isEqualTo(1);
            assertThat(p.get("outcome").asString()).isEqualTo("DELIVERED");
            assertThat(Instant.parse(p.get("at").asString())).isAfter(before);
        });
        assertThat(one.get("acknowledgedBy").asString()).isEqualTo(PAGED);
        assertThat(one.get("acknowledgedByResolving").asBoolean()).isFalse();
        assertThat(one.get("acknowledgementNote").asString()).isEqualTo("looking");
        assertThat(one.get("resolvedBy").asString()).isEqualTo("ada");
        assertThat(one.get("handoverNote").asString()).isEqualTo("reindexed");
        double mtta = one.get("timeToAcknowledgeSeconds").asDouble();
        double mttr = one.get("timeToResolveSeconds").asDouble();
        assertThat(mtta).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(mttr);
        assertThat(Duration.between(Instant.parse(one.get("openedAt").asString()),
                Instant.parse(one.get("resolvedAt").asString())).toMillis() / 1000.0).isEqualTo(mttr);

        String query = "/api/v1/incidents?clientId=" + CLIENT + "&from=" + encode(before.toString());
        JsonNode list = json.readTree(call("GET", query, viewer(), null).body());
        assertThat(list.valueStream().map(i -> i.get("escalationId").asString()).toList()).contains(id)
                .allMatch(e -> e.startsWith("esc-"));
        assertThat(list.valueStream().map(i -> i.get("clientId").asString())).containsOnly(CLIENT);
        JsonNode future = json.readTree(call("GET", "/api/v1/incidents?clientId=" + CLIENT + "&from="
                + encode(Instant.now().plusSeconds(3600).toString()) + "&to=" + encode(Instant.now().plusSeconds(7200).toString()),
                viewer(), null).body());
        assertThat(future.isEmpty()).isTrue();
        assertThat(call("GET", "/api/v1/incidents/nope-" + RUN, viewer(), null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/incidents", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> badFrom = call("GET", "/api/v1/incidents?from=yesterday", viewer(), null);
        assertThat(badFrom.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badFrom.body()).get("field").asString()).isEqualTo("from");
        HttpResponse<String> backwards = call("GET", "/api/v1/incidents?from=" + encode(Instant.now().toString()) + "&to="
                + encode(Instant.now().minusSeconds(60).toString()), viewer(), null);
        assertThat(json.readTree(backwards.body()).get("field").asString()).isEqualTo("to");

        List<String> metrics = call("GET", "/actuator/prometheus", viewer(), null).body().lines().toList();
        assertThat(metrics).anyMatch(l -> l.startsWith("afterhours_incident_time_to_acknowledge_seconds_count{")
                && l.contains("level=\"1\"") && l.contains("urgency=\"emergency\""));
        assertThat(metrics).anyMatch(l -> l.startsWith("afterhours_incident_time_to_resolve_seconds_bucket{")
                && l.contains("urgency=\"emergency\""));
        assertThat(metrics).anyMatch(l -> l.startsWith("afterhours_incident_pages_total{") && l.contains("staff=\"" + PAGED + "\""));
        assertThat(metrics.stream().filter(l -> l.startsWith("afterhours_incident_time_to")))
                .as("never a tag per client or per incident").noneMatch(l -> l.contains(CLIENT) || l.contains(id));
    }

    @Test
    void theAckPageShowsTheClientsPinnedAndLatestNotesEscapedAndIsSpentOnceTheIncidentIsResolved() throws Exception {
        String notes = "/api/v1/clients/" + CLIENT + "/notes";
        String hostile = "<script>alert('pwned')</script> call \"Dana\" & only Dana " + RUN;
        HttpResponse<String> pinned = call("POST", notes, staff(PAGED),
                json.writeValueAsString(Map.of("text", hostile, "pinned", true)));
        assertThat(pinned.statusCode()).as(pinned.body()).isEqualTo(201);
        assertThat(call("POST", notes, staff(PAGED), "{\"text\": \"latest: backups run at 02:00 " + RUN + "\"}")
                .statusCode()).isEqualTo(201);

        EscalationRequested escalation = escalation("esc-ackpage-" + RUN, CLIENT, "api errors " + RUN);
        String id = escalation.getEscalationId();
        send(Topics.ESCALATIONS.name(), CLIENT, escalation);
        await().atMost(WAIT).until(() -> webhooks.to("/hooks/" + PAGED).stream().anyMatch(r -> r.body().contains(id)));
        JsonNode page = json.readTree(webhooks.to("/hooks/" + PAGED).stream().filter(r -> r.body().contains(id))
                .findFirst().orElseThrow().body());
        URI ackUrl = URI.create(page.get("ackUrl").asString());
        String link = ackUrl.getRawPath() + "?" + ackUrl.getRawQuery();

        HttpResponse<String> html = call("GET", link, null, null);
        assertThat(html.statusCode()).as(html.body()).isEqualTo(200);
        assertThat(html.body())
                .contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; call &quot;Dana&quot; &amp; only Dana " + RUN)
                .contains("latest: backups run at 02:00 " + RUN)
                .doesNotContain("<script>");
        assertThat(html.body().indexOf("Pinned:")).as("the pinned note comes first")
                .isLessThan(html.body().indexOf("latest: backups"));
        JsonNode asJson = json.readTree(new TestApi(port).get(link, "application/json").body());
        assertThat(asJson.get("crmNotes").get(0).get("text").asString()).isEqualTo(hostile);
        assertThat(asJson.get("crmNotes").get(0).get("pinned").asBoolean()).isTrue();

        assertThat(call("POST", "/api/v1/incidents/" + id + "/resolve", staff(PAGED), "{\"note\": \"fixed\"}")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> spent = new TestApi(port).get(link, "application/json");
        assertThat(spent.statusCode()).as(spent.body()).isEqualTo(410);
        assertThat(json.readTree(spent.body()).get("reason").asString()).isEqualTo("resolved");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> call(String method, String path, @Nullable String authorization, @Nullable String body)
            throws Exception {
        return new TestApi(port).call(method, path, authorization, body);
    }
}
