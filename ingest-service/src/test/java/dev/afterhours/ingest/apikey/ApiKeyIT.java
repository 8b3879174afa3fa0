package dev.afterhours.ingest.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.ingest.IngestITSupport;
import dev.afterhours.security.ApiKeys;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import java.net.http.HttpRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An admin issues an integration a key; the integration posts with it, within its scopes and clients; rotation and
 * revocation take effect at once; the secret is shown once and never stored.
 */
class ApiKeyIT extends IngestITSupport {

    private Response create(String json) {
        return post("/api/v1/admin/api-keys", json);
    }

    private Response postMessage(@Nullable String apiKey, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/messages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (apiKey != null) {
            request.header(ApiKeys.HEADER, apiKey);
        }
        return sendAs(null, request);
    }

    private static String reply(String id) {
        return """
                {"channel": "EMAIL", "direction": "OUTBOUND", "providerMessageId": "%s",
                 "from": "alice@agency.example", "to": ["dana@acme-shop.example"], "body": "Fixed."}""".formatted(id);
    }

    @Test
    void anIntegrationPostsWithItsKeyUntilTheKeyIsRotatedOrRevoked() {
        Response created = create("""
                {"name": "Twilio main line", "scopes": ["messages:write"]}""");
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        String key = created.text("key");
        String keyId = created.text("keyId");
        assertThat(key).startsWith("ahk_" + keyId + "_");
        assertThat(created.text("createdBy")).isEqualTo("ada");

        JsonNode listed = get("/api/v1/admin/api-keys").json();
        // The secret is all after "ahk_<keyId>_": base64url, so it may contain '_' itself.
        assertThat(listed.toString()).contains(keyId).doesNotContain(key.substring(("ahk_" + keyId + "_").length()))
                .doesNotContain("secretSha256").doesNotContain("\"key\"");

        String first = unique("key-msg");
        Response accepted = postMessage(key, email(first, "dana@acme-shop.example", "site is down"));
        assertThat(accepted.status()).as(accepted.json().toString()).isEqualTo(202);
        assertThat(received(first)).singleElement()
                .satisfies(e -> assertThat(e.getValue().getClientId()).isEqualTo("acme-shop"));

        // A messages-only key may not post a staff reply, which would stop the client's SLA clock.
        assertThat(postMessage(key, reply(unique("key-reply"))).status()).isEqualTo(403);

        Response rotated = post("/api/v1/admin/api-keys/" + keyId + "/rotate", "");
        assertThat(rotated.status()).isEqualTo(200);
        String newKey = rotated.text("key");
        assertThat(newKey).isNotEqualTo(key).startsWith("ahk_" + keyId + "_");
        assertThat(postMessage(key, email(unique("old"), "dana@acme-shop.example", "hi")).status()).isEqualTo(401);
        assertThat(postMessage(newKey, email(unique("new"), "dana@acme-shop.example", "hi")).status()).isEqualTo(202);

        assertThat(delete("/api/v1/admin/api-keys/" + keyId).status()).isEqualTo(204);
        assertThat(postMessage(newKey, email(unique("revoked"), "dana@acme-shop.example", "hi")).status())
                .isEqualTo(401);
        assertThat(get("/api/v1/admin/api-keys").json().toString()).contains("\"revokedAt\":\"20");
    }

    @Test
    void aKeyLimitedToOneClientCannotPostForAnotherAndNothingIsWritten() {
        Response created = create("""
                {"name": "Bergmann's chat widget", "scopes": ["messages:write", "replies:write"],
                 "clientIds": ["bergmann-gmbh"]}""");
        assertThat(created.status()).isEqualTo(201);
        String key = created.text("key");

        int before = receivedTopic().size();
        String forAcme = unique("not-mine");
        Response refused = postMessage(key, email(forAcme, "dana@acme-shop.example", "site is down"));
        assertThat(refused.status()).as(refused.json().toString()).isEqualTo(403);
        assertThat(postMessage(key, email(unique("mine"), "jonas@bergmann.example", "Frage")).status()).isEqualTo(202);
        assertThat(received(forAcme)).isEmpty();
        assertThat(receivedTopic()).hasSize(before + 1);
    }

    @Test
    void onlyAnAdminManagesKeysAndBadRequestsNameTheField() {
        String body = "{\"name\": \"x\", \"scopes\": [\"messages:write\"]}";
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/admin/api-keys"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        assertThat(sendAs(null, request).status()).isEqualTo(401);
        assertThat(sendAs(AfterhoursTestEnvironment.issuer().bearer("alice", "staff"),
                HttpRequest.newBuilder(uri("/api/v1/admin/api-keys")).GET()).status()).isEqualTo(403);

        Response badScope = create("{\"name\": \"x\", \"scopes\": [\"everything\"]}");
        assertThat(badScope.status()).isEqualTo(400);
        assertThat(badScope.text("field")).isEqualTo("scopes");
        assertThat(create("{\"scopes\": [\"messages:write\"]}").text("field")).isEqualTo("name");
        assertThat(create("{\"name\": \"x\", \"scopes\": []}").text("field")).isEqualTo("scopes");
        assertThat(create("{\"name\": \"x\", \"scopes\": [\"messages:write\"], \"clientIds\": [\"no such id!\"]}")
                .status()).isEqualTo(400);
        assertThat(post("/api/v1/admin/api-keys/0000000000000000/rotate", "").status()).isEqualTo(404);
    }
}
