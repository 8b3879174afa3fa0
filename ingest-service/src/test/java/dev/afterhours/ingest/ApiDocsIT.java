package dev.afterhours.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.testkit.ApiDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ingest's OpenAPI description, fetched anonymously over HTTP: each endpoint lists the errors it answers as problem
 * details, and the messages API says an integration may call it with its API key.
 */
class ApiDocsIT extends IngestITSupport {

    @Test
    void theMessagesApiDeclaresItsErrorsAndBothWaysToSignIn() {
        ApiDocument doc = ApiDocument.fetch(port);

        assertThat(doc.statuses("post", "/api/v1/messages")).contains(200, 202);
        assertThat(doc.problems("post", "/api/v1/messages")).contains(400, 401, 403, 413, 415, 429, 503);
        assertThat(doc.operation("post", "/api/v1/messages").path("requestBody").path("required").asBoolean()).isTrue();
        assertThat(doc.operation("post", "/api/v1/messages").path("security").toString())
                .isEqualTo("[{\"bearer\":[]},{\"apiKey\":[]}]");
        assertThat(doc.json().path("components").path("securitySchemes").path("apiKey").path("name").asString())
                .isEqualTo("X-Api-Key");
    }

    @Test
    void theTwilioWebhooksNeedNoSignInButDeclareTheirSignatureRefusal() {
        ApiDocument doc = ApiDocument.fetch(port);

        for (String path : List.of("/api/v1/inbound/twilio/sms", "/api/v1/inbound/twilio/voice",
                "/api/v1/inbound/twilio/voice/recording", "/api/v1/inbound/twilio/voice/transcription",
                "/api/v1/inbound/twilio/voice/status")) {
            assertThat(doc.statuses("post", path)).as(path).contains(200);
            assertThat(doc.problems("post", path)).as(path).contains(400, 403, 429).doesNotContain(401);
            assertThat(doc.operation("post", path).path("security").toString()).as(path).isEqualTo("[]");
            assertThat(doc.operation("post", path).path("requestBody").path("content")
                    .has("application/x-www-form-urlencoded")).as(path).isTrue();
        }
        assertThat(doc.problems("post", "/api/v1/inbound/twilio/sms")).contains(503);
    }

    @Test
    void slacksEventsAndTheWebFormsNeedNoSignInButDeclareTheirRefusals() {
        ApiDocument doc = ApiDocument.fetch(port);

        assertThat(doc.statuses("post", "/api/v1/inbound/slack/events")).contains(200);
        assertThat(doc.problems("post", "/api/v1/inbound/slack/events")).contains(400, 401, 404, 429, 503);
        assertThat(doc.operation("post", "/api/v1/inbound/slack/events").path("security").toString()).isEqualTo("[]");
        for (String method : List.of("get", "post")) {
            assertThat(doc.operation(method, "/forms/{slug}").path("security").toString()).as(method).isEqualTo("[]");
            assertThat(doc.problems(method, "/forms/{slug}")).as(method).contains(404, 429, 503);
        }
        assertThat(doc.problems("post", "/forms/{slug}")).contains(400, 403, 413, 415);
        assertThat(doc.operation("post", "/forms/{slug}").path("responses").path("400").path("content").has("text/html"))
                .as("people get the form again").isTrue();
    }

    @Test
    void theAdminApisDeclareLookupsAndKafkaFailures() {
        ApiDocument doc = ApiDocument.fetch(port);

        assertThat(doc.problems("put", "/api/v1/directory/{kind}/{id}")).contains(400, 401, 403, 404, 413, 415, 503);
        assertThat(doc.problems("get", "/api/v1/directory/{kind}/{id}")).contains(401, 403, 404, 503)
                .doesNotContain(413, 415);
        assertThat(doc.statuses("delete", "/api/v1/directory/{kind}/{id}")).contains(204, 404);
        assertThat(doc.problems("post", "/api/v1/admin/api-keys")).contains(400, 401, 403, 415, 503);
        assertThat(doc.problems("post", "/api/v1/admin/api-keys/{keyId}/rotate")).contains(401, 403, 404, 503);
        assertThat(doc.operation("get", "/api/v1/admin/api-keys").has("security")).as("people only: bearer").isFalse();
    }
}
