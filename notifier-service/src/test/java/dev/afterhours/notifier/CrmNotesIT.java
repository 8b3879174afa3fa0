package dev.afterhours.notifier;

import static dev.afterhours.notifier.TestApi.staff;
import static dev.afterhours.notifier.TestApi.viewer;
import static dev.afterhours.notifier.TestEvents.WAIT;
import static dev.afterhours.notifier.TestEvents.client;
import static dev.afterhours.notifier.TestEvents.ensureTopics;
import static dev.afterhours.notifier.TestEvents.escalation;
import static dev.afterhours.notifier.TestEvents.freePort;
import static dev.afterhours.notifier.TestEvents.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.afterhours.contracts.CrmNoteAdded;
import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.notifier.crm.CrmNotes;
import dev.afterhours.notifier.kafka.TopicFollower;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
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
 * CRM notes through the API: staff write and pin them (the author from the token), the next page carries the pinned
 * note first, every version is kept, and a fresh reader of the topic (what a restarted notifier is) finds them all;
 * the topic keeps them forever.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class CrmNotesIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String CLIENT = "notes-" + RUN;
    static final String MANAGER = "notes-am-" + RUN;
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
            publisher.publish(StaffMember.newBuilder().setStaffId(MANAGER).setName(MANAGER).setZone("UTC")
                    .setWebhookUrl(webhooks.url("/hooks/" + MANAGER)).build());
            publisher.publish(client(CLIENT, "Notes Ltd", MANAGER, null));
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
    void aNoteWrittenAndPinnedThroughTheApiTravelsFirstWithTheNextPageAndOutlivesTheReader() throws Exception {
        String notes = "/api/v1/clients/" + CLIENT + "/notes";
        await().atMost(WAIT).until(() -> call("GET", notes, viewer(), null).statusCode() == 200);

        HttpResponse<String> vip = call("POST", notes, staff("alice"), """
                {"text": "VIP: call the CEO's mobile, never the office line"}""");
        assertThat(vip.statusCode()).as(vip.body()).isEqualTo(201);
        JsonNode written = json.readTree(vip.body());
        assertThat(written.get("author").asString()).isEqualTo("alice");
        assertThat(written.get("version").asInt()).isEqualTo(1);
        String vipId = written.get("noteId").asString();
        for (int i = 1; i <= 4; i++) {
            assertThat(call("POST", notes, staff("carol"), "{\"text\": \"routine note " + i + "\"}").statusCode())
                    .isEqualTo(201);
        }

        HttpResponse<String> pinned = call("PATCH", notes + "/" + vipId, staff("bob"), "{\"pinned\": true}");
        assertThat(pinned.statusCode()).as(pinned.body()).isEqualTo(200);
        assertThat(json.readTree(pinned.body()).get("version").asInt()).isEqualTo(2);
        assertThat(json.readTree(pinned.body()).get("editedBy").asString()).isEqualTo("bob");
        assertThat(json.readTree(call("GET", notes + "/" + vipId + "/history", viewer(), null).body()))
                .extracting(v -> v.get("version").asInt() + ":" + v.get("pinned").asBoolean())
                .containsExactly("1:false", "2:true");
        assertThat(json.readTree(call("GET", notes + "?q=ceo", viewer(), null).body()))
                .extracting(n -> n.get("noteId").asString()).containsExactly(vipId);

        // The page that follows: the pinned note first, whatever its age, then the latest three.
        EscalationRequested escalation = escalation("esc-notes-" + RUN, CLIENT, "site down " + RUN);
        send(Topics.ESCALATIONS.name(), CLIENT, escalation);
        String hook = "/hooks/" + MANAGER;
        await().atMost(WAIT).until(() -> !webhooks.to(hook).isEmpty());
        JsonNode page = json.readTree(webhooks.to(hook).getFirst().body());
        assertThat(page.get("crmNotes")).extracting(n -> n.get("text").asString()).containsExactly(
                "VIP: call the CEO's mobile, never the office line", "routine note 4", "routine note 3",
                "routine note 2");
        assertThat(page.get("crmNotes").get(0).get("pinned").asBoolean()).isTrue();

        // A restarted notifier reads the topic from its beginning: every version is there.
        CrmNotes afterRestart = new CrmNotes(3);
        try (TopicFollower<CrmNoteAdded> reader = TopicFollower.start(AfterhoursTestEnvironment.bootstrapServers(),
                AfterhoursTestEnvironment.registryUrl(), Topics.CRM_NOTES, null, Clock.systemUTC(), afterRestart::add)) {
            assertThat(reader.awaitLoaded(WAIT)).isTrue();
        }
        assertThat(afterRestart.search(CLIENT, null, null)).hasSize(5);
        assertThat(afterRestart.history(CLIENT, vipId)).hasSize(2);
        // ... and the topic keeps notes forever, not for the broker's seven days.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                AfterhoursTestEnvironment.bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CRM_NOTES.name());
            assertThat(admin.describeConfigs(List.of(topic)).all().get().get(topic)
                    .get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
        }
    }

    @Test
    void onlyStaffWriteEveryoneSignedInReadsAndBadNotesAreProblemsNamingTheField() throws Exception {
        String notes = "/api/v1/clients/" + CLIENT + "/notes";
        await().atMost(WAIT).until(() -> call("GET", notes, viewer(), null).statusCode() == 200);

        assertThat(call("POST", notes, null, "{\"text\": \"x\"}").statusCode()).isEqualTo(401);
        assertThat(call("POST", notes, viewer(), "{\"text\": \"x\"}").statusCode()).isEqualTo(403);
        assertThat(call("GET", notes, null, null).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/api/v1/clients/nobody-" + RUN + "/notes", staff("alice"), "{\"text\": \"x\"}")
                .statusCode()).isEqualTo(404);
        assertThat(call("PATCH", notes + "/no-such-note", staff("alice"), "{\"pinned\": true}").statusCode())
                .isEqualTo(404);
        for (var bad : Map.of("{}", "text", "{\"text\": \"  \"}", "text", "{\"text\": 42}", "text",
                "{\"text\": \"" + "x".repeat(4001) + "\"}", "text", "{\"text\": \"ok\", \"pinned\": \"yes\"}", "pinned",
                "{\"text\": \"ok\", \"author\": \"mallory\"}", "author", "[]", "body").entrySet()) {
            HttpResponse<String> response = call("POST", notes, staff("alice"), bad.getKey());
            assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(400);
            assertThat(json.readTree(response.body()).get("field").asString()).as(bad.getKey()).isEqualTo(bad.getValue());
        }
        assertThat(call("GET", notes + "?pinned=maybe", viewer(), null).statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> call(String method, String path, @Nullable String authorization, @Nullable String body)
            throws Exception {
        return new TestApi(port).call(method, path, authorization, body);
    }
}
