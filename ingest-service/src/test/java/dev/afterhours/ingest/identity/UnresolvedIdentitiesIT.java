package dev.afterhours.ingest.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.Topics;
import dev.afterhours.ingest.StaffChannelsITSupport;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Part 5 of "Channels in and out": a message from an unknown identity stays unresolved with its identity kept, and an
 * admin attaches it to a client afterwards, so the next message from it resolves. Against the testkit's real broker
 * and registry; each test attaches to a client of its own, so no other test's directory changes.
 */
class UnresolvedIdentitiesIT extends StaffChannelsITSupport {

    private static final String PATH = "/api/v1/admin/unresolved-identities";

    private Response postMessage(String from) {
        return post("/api/v1/messages", email(unique("<stranger") + "@mail.example>", from, "Hello, we are new here"));
    }

    private Response attach(@Nullable String authorization, String body) {
        return sendAs(authorization, HttpRequest.newBuilder(uri(PATH + "/attach"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static @Nullable JsonNode listed(Response list, String identity) {
        for (JsonNode entry : list.json()) {
            if (entry.path("identity").asString().equals(identity)) {
                return entry;
            }
        }
        return null;
    }

    @Test
    void anUnknownSenderIsListed_andOnceAttachedItsNextMessageResolvesToTheClient() {
        String clientId = newClient("new-co");
        String stranger = "kim-" + UUID.randomUUID() + "@new-co.example";

        Response before = postMessage("Kim Lee <" + stranger.toUpperCase() + ">");
        assertThat(before.status()).as(before.json().toString()).isEqualTo(202);
        assertThat(before.text("clientId")).isEqualTo(Topics.UNRESOLVED_CLIENT);

        Response list = get(PATH);
        assertThat(list.status()).isEqualTo(200);
        JsonNode entry = listed(list, stranger);
        assertThat(entry).as(list.json().toString()).isNotNull();
        assertThat(entry.path("kind").asString()).isEqualTo("EMAIL");
        assertThat(entry.path("provider").asString()).isEqualTo("postmark");
        assertThat(entry.path("lastMessageId").asString()).isEqualTo(before.text("messageId"));

        Response attached = attach(admin(), """
                {"identity": "%s", "clientId": "%s", "name": "Kim Lee"}""".formatted(stranger, clientId));
        assertThat(attached.status()).as(attached.json().toString()).isEqualTo(200);
        assertThat(attached.text("status")).isEqualTo("attached");
        assertThat(attached.json().path("client").path("contacts").toString())
                .contains("Kim Lee").contains(stranger).contains("pat@");
        assertThat(get("/api/v1/directory/clients/" + clientId).json().path("contacts")).hasSize(2);

        Response after = postMessage(stranger);
        assertThat(after.status()).isEqualTo(202);
        assertThat(after.text("clientId")).isEqualTo(clientId);
        assertThat(listed(get(PATH), stranger)).as("no longer unresolved").isNull();
        assertThat(attach(admin(), """
                {"identity": "%s", "clientId": "%s"}""".formatted(stranger, clientId)).text("status"))
                .as("attaching again changes nothing").isEqualTo("already-attached");
        assertThat(get("/api/v1/directory/clients/" + clientId).json().path("contacts")).hasSize(2);
    }

    @Test
    void anUnknownSlackChannelIsListed_andOnceAttachedItsMessagesBelongToTheClient() {
        String clientId = newClient("chat-co");
        String channel = slackId("C0");

        String firstTs = ts();
        assertThat(slack(slackMessage(channel, "U0GUEST", firstTs, null, "Hi from our channel")).text("clientId"))
                .isEqualTo(Topics.UNRESOLVED_CLIENT);
        JsonNode entry = listed(get(PATH), channel);
        assertThat(entry).isNotNull();
        assertThat(entry.path("kind").asString()).isEqualTo("SLACK_CHANNEL");

        Response attached = attach(admin(), """
                {"identity": "%s", "clientId": "%s"}""".formatted(channel, clientId));
        assertThat(attached.status()).as(attached.json().toString()).isEqualTo(200);
        assertThat(attached.json().path("client").path("slackChannels").toString()).contains(channel);

        assertThat(slack(slackMessage(channel, "U0GUEST", ts(), null, "Anyone there?")).text("clientId"))
                .isEqualTo(clientId);
        assertThat(listed(get(PATH), channel)).isNull();
    }

    @Test
    void anotherClientsIdentity_anUnknownClientAndNonsenseAreRefused_andNothingChanges() {
        String clientId = newClient("other-co");

        Response taken = attach(admin(), """
                {"identity": "dana@acme-shop.example", "clientId": "%s"}""".formatted(clientId));
        assertProblem(taken, 409, "identity");
        assertProblem(attach(admin(), """
                {"identity": "someone@else.example", "clientId": "no-such-client-%s"}""".formatted(UUID.randomUUID())),
                404, "clientId");
        assertProblem(attach(admin(), """
                {"identity": "not an address", "clientId": "%s"}""".formatted(clientId)), 400, "identity");
        assertProblem(attach(admin(), """
                {"identity": "a@b.example", "clientID": "%s"}""".formatted(clientId)), 400, "clientID");
        assertThat(get("/api/v1/directory/clients/" + clientId).json().path("contacts")).hasSize(1);
        assertThat(get("/api/v1/directory/clients/acme-shop").json().path("contacts").toString())
                .doesNotContain(clientId);
    }

    @Test
    void onlyAnAdminSeesAndAttachesIdentities() {
        String clientId = newClient("locked-co");
        String stranger = "eve-" + UUID.randomUUID() + "@example.org";
        assertThat(postMessage(stranger).text("clientId")).isEqualTo(Topics.UNRESOLVED_CLIENT);
        String body = """
                {"identity": "%s", "clientId": "%s"}""".formatted(stranger, clientId);

        for (String role : List.of("staff", "viewer")) {
            String token = AfterhoursTestEnvironment.issuer().bearer("someone", role);
            assertProblem(sendAs(token, HttpRequest.newBuilder(uri(PATH)).GET()), 403, null);
            assertProblem(attach(token, body), 403, null);
        }
        assertProblem(sendAs(null, HttpRequest.newBuilder(uri(PATH)).GET()), 401, null);
        assertProblem(attach(null, body), 401, null);

        assertThat(get("/api/v1/directory/clients/" + clientId).json().path("contacts")).hasSize(1);
        assertThat(postMessage(stranger).text("clientId")).as("still unknown").isEqualTo(Topics.UNRESOLVED_CLIENT);
    }
}
