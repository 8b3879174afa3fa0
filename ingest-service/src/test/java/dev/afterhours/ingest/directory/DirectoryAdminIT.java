package dev.afterhours.ingest.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.Topics;
import dev.afterhours.ingest.IngestITSupport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The directory admin API, end to end through the compacted topics and back into the live view. */
class DirectoryAdminIT extends IngestITSupport {

    private static String client(String clientId, String zone, String contactEmail) {
        return """
                {"clientId": "%s", "name": "Test Co", "accountManagerId": "alice",
                 "calendar": {"zone": "%s", "windows": [{"day": "MONDAY", "from": "09:00", "to": "17:00"}]},
                 "slaPolicy": {"targets": [{"urgency": "EMERGENCY", "target": "PT15M", "clock": "CALENDAR"}]},
                 "contacts": [{"name": "Pat Doe", "email": "%s"}]}""".formatted(clientId, zone, contactEmail);
    }

    private static List<String> problems(Response response) {
        List<String> problems = new ArrayList<>();
        for (JsonNode problem : response.json().path("problems")) {
            problems.add(problem.asString());
        }
        return problems;
    }

    @Test
    void anInvalidClientIs400ListingEveryProblem() {
        String body = client("mars-shop", "Mars/Base", "pat@mars.example").replace("\"PT15M\"", "\"soon\"");

        Response response = put("/api/v1/directory/clients/mars-shop", body);

        assertProblem(response, 400, null);
        assertThat(problems(response).getFirst()).as("field names the first problem's field")
                .startsWith(response.text("field") + ": ");
        assertThat(problems(response))
                .contains("calendar.zone: unknown zone 'Mars/Base'")
                .contains("slaPolicy.targets[0].target: 'soon' is not an ISO-8601 duration like PT4H");
        assertThat(get("/api/v1/directory/clients/mars-shop").status()).isEqualTo(404);
    }

    @Test
    void aTargetTooLargeToComputeADueTimeIs400NamingTheField() {
        // receivedAt + PT2562047788015215H leaves the range of Instant: the scheduler could never plan it.
        for (String target : List.of("PT2562047788015215H", "P999999999D")) {
            Response response = put("/api/v1/directory/clients/huge-sla",
                    client("huge-sla", "Europe/Berlin", "pat@huge.example").replace("\"PT15M\"", "\"" + target + "\""));

            assertProblem(response, 400, "slaPolicy.targets[0].target");
            assertThat(problems(response)).singleElement().asString()
                    .startsWith("slaPolicy.targets[0].target: must be at most 366 days");
        }
        assertThat(get("/api/v1/directory/clients/huge-sla").status()).isEqualTo(404);
    }

    @Test
    void channelIdentitiesAreStored_andASlugOrChannelOfAnotherClientIs400NamingTheField() {
        String clientId = unique("chat-co").substring(0, 20);
        String body = client(clientId, "Europe/Paris", "pat@" + clientId + ".example").replace("\"contacts\"",
                "\"slackChannels\": [\"C0CHATCO01\"], \"formSlug\": \"" + clientId + "\", \"language\": \"fr\", \"contacts\"");

        Response stored = put("/api/v1/directory/clients/" + clientId, body);

        assertThat(stored.status()).as(stored.json().toString()).isEqualTo(200);
        assertThat(stored.json().path("slackChannels").get(0).asString()).isEqualTo("C0CHATCO01");
        assertThat(stored.text("formSlug")).isEqualTo(clientId);
        assertThat(stored.text("language")).isEqualTo("fr");
        assertThat(put("/api/v1/directory/clients/" + clientId, body).status()).as("saved again: no clash with itself")
                .isEqualTo(200);

        // the demo's bergmann-gmbh has the form 'bergmann' and the channel C0BERGMANN
        Response clash = put("/api/v1/directory/clients/" + clientId, body.replace("\"formSlug\": \"" + clientId + "\"",
                "\"formSlug\": \"bergmann\"").replace("[\"C0CHATCO01\"]", "[\"C0CHATCO01\", \"C0BERGMANN\"]"));

        assertProblem(clash, 400, "formSlug");
        assertThat(problems(clash)).containsExactly(
                "formSlug: 'bergmann' is already the form of client 'bergmann-gmbh'; a form slug names one client",
                "slackChannels[1]: C0BERGMANN is already a channel of client 'bergmann-gmbh'; a channel belongs to one client");
        assertThat(get("/api/v1/directory/clients/" + clientId).text("formSlug")).as("unchanged").isEqualTo(clientId);
        assertThat(delete("/api/v1/directory/clients/" + clientId).status()).isEqualTo(204);
    }

    @Test
    void thePathIdMustMatchTheBodyId() {
        Response response = put("/api/v1/directory/clients/one-id", client("other-id", "Europe/Berlin", "a@b.example"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(problems(response)).singleElement().asString().contains("other-id").contains("one-id");
    }

    @Test
    void malformedJsonIs400() {
        Response response = put("/api/v1/directory/clients/x", "{\"clientId\": ");

        assertProblem(response, 400, "body");
        assertThat(response.text("detail")).contains("malformed JSON");
        assertThat(problems(response)).singleElement().asString().startsWith("body: malformed JSON");
    }

    @Test
    void aNewClientIsStoredServedAndResolvesMessagesWithoutARestart_thenDeleted() {
        String clientId = unique("test-co").substring(0, 20);
        String contact = "pat@" + clientId + ".example";

        Response before = post("/api/v1/messages", email(unique("before"), contact, "hello"));
        assertThat(before.text("clientId")).isEqualTo(Topics.UNRESOLVED_CLIENT);

        Response stored = put("/api/v1/directory/clients/" + clientId, client(clientId, "Europe/Berlin", contact));
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.text("clientId")).isEqualTo(clientId);
        assertThat(stored.json().path("slaPolicy").path("warnAtPercent").asInt()).as("schema default applied").isEqualTo(75);

        Response fetched = get("/api/v1/directory/clients/" + clientId);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(stored.json());
        Response list = get("/api/v1/directory/clients");
        List<String> ids = new ArrayList<>();
        list.json().forEach(c -> ids.add(c.path("clientId").asString()));
        assertThat(ids).contains(clientId, "acme-shop", "bergmann-gmbh");

        Response after = post("/api/v1/messages", email(unique("after"), "Pat <" + contact.toUpperCase() + ">", "hello"));
        assertThat(after.status()).isEqualTo(202);
        assertThat(after.text("clientId")).isEqualTo(clientId);

        assertThat(delete("/api/v1/directory/clients/" + clientId).status()).isEqualTo(204);
        Response gone = get("/api/v1/directory/clients/" + clientId);
        assertProblem(gone, 404, null);
        assertThat(gone.text("detail")).contains(clientId);
        assertThat(post("/api/v1/messages", email(unique("deleted"), contact, "hello")).text("clientId"))
                .isEqualTo(Topics.UNRESOLVED_CLIENT);
    }

    @Test
    void aScheduleOfLayersIsStoredWithAWarningForItsGaps_andABadOneIs400NamingTheField() {
        String rotationId = unique("berlin-days").substring(0, 20);
        String weekdaysOnly = """
                {"name": "Berlin days", "zone": "Europe/Berlin",
                 "layers": [{"name": "days", "members": ["alice", "carol"], "start": "%s", "rotationDays": 7,
                             "restrictions": [{"days": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"],
                                               "from": "09:00", "to": "17:00"}]}]}""";
        String lastWeek = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusWeeks(1).atTime(9, 0).toString();

        Response stored = put("/api/v1/directory/rotations/" + rotationId, weekdaysOnly.formatted(lastWeek));

        assertThat(stored.status()).as(stored.json().toString()).isEqualTo(200);
        assertThat(stored.json().path("layers").get(0).path("restrictions").get(0).path("days").size()).isEqualTo(5);
        assertThat(stored.json().path("warnings").size()).as("nights and weekends have nobody").isGreaterThan(0);
        assertThat(stored.json().path("warnings").get(0).asString()).startsWith("nobody is on call from ");
        assertThat(get("/api/v1/directory/rotations/" + rotationId).json().has("warnings"))
                .as("a warning is not part of the record").isFalse();

        Response badStart = put("/api/v1/directory/rotations/" + rotationId, weekdaysOnly.formatted("monday 9am"));
        assertProblem(badStart, 400, "layers[0].start");
        assertThat(delete("/api/v1/directory/rotations/" + rotationId).status()).isEqualTo(204);
    }

    @Test
    void staffRoundTrip() {
        String staffId = unique("dave").substring(0, 16);

        Response stored = put("/api/v1/directory/staff/" + staffId, """
                {"name": "Dave", "zone": "Europe/Berlin", "email": "dave@agency.example"}""");

        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.text("staffId")).as("id taken from the path").isEqualTo(staffId);
        assertThat(get("/api/v1/directory/staff/" + staffId).text("email")).isEqualTo("dave@agency.example");
        assertThat(delete("/api/v1/directory/staff/" + staffId).status()).isEqualTo(204);
        assertThat(get("/api/v1/directory/staff/" + staffId).status()).isEqualTo(404);
        assertThat(delete("/api/v1/directory/staff/" + staffId).status()).isEqualTo(404);
    }

    @Test
    void aWebhookUrlPointingInwardIs400NamingTheField() {
        for (String url : List.of("http://127.0.0.1:8099/pager/x", "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.1/hook", "http://[::ffff:127.0.0.1]:8099/hook", "http:///hook")) {
            String staffId = unique("eve").substring(0, 16);
            Response response = put("/api/v1/directory/staff/" + staffId, """
                    {"name": "Eve", "zone": "UTC", "webhookUrl": "%s"}""".formatted(url));

            assertThat(response.status()).as(url).isEqualTo(400);
            assertThat(problems(response)).as(url).singleElement().asString().startsWith("webhookUrl: ");
            assertThat(get("/api/v1/directory/staff/" + staffId).status()).as(url).isEqualTo(404);
        }
        // the allow-list names the demo pager (localhost:8099), as the local stack's does; a public URL needs no entry
        for (String url : List.of("http://localhost:8099/pager/eve", "https://pager.example/hooks/eve")) {
            String staffId = unique("eve").substring(0, 16);
            Response stored = put("/api/v1/directory/staff/" + staffId, """
                    {"name": "Eve", "zone": "UTC", "webhookUrl": "%s"}""".formatted(url));
            assertThat(stored.status()).as(url).isEqualTo(200);
            assertThat(delete("/api/v1/directory/staff/" + staffId).status()).isEqualTo(204);
        }
    }

    @Test
    void theSeedIsServed() {
        assertThat(get("/api/v1/directory/clients/acme-shop").text("name")).isEqualTo("Acme Shop");
        assertThat(get("/api/v1/directory/rotations/after-hours").json().path("members").size()).isEqualTo(2);
        assertThat(get("/api/v1/directory/escalation-policies/agency-default").json().path("levels").size()).isEqualTo(2);
    }

    @Test
    void anUnknownSectionIs404() {
        Response response = get("/api/v1/directory/customers");

        assertProblem(response, 404, null);
        assertThat(response.text("detail")).contains("clients, staff, rotations, escalation-policies");
    }
}
