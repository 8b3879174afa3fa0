package dev.afterhours.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.TestIssuer;
import java.net.http.HttpRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Who may do what on ingest, signing in against a real issuer over HTTP: writes to the directory need an admin,
 * messages need staff (an OUTBOUND staff reply stops a client's SLA clock), reads of contacts need staff, and
 * nobody anonymous gets past the probes.
 */
class AccessIT extends IngestITSupport {

    private static final TestIssuer ISSUER = AfterhoursTestEnvironment.issuer();

    private static final String STAFF_JSON = """
            {"staffId": "%s", "name": "Test Person", "zone": "Europe/Berlin", "email": "t@agency.example"}""";

    private record Write(String method, String path, String body) {
        HttpRequest.Builder request(IngestITSupport it) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(it.uri(path)).header("Content-Type", "application/json");
            return switch (method) {
                case "PUT" -> builder.PUT(HttpRequest.BodyPublishers.ofString(body));
                case "DELETE" -> builder.DELETE();
                default -> builder.POST(HttpRequest.BodyPublishers.ofString(body));
            };
        }
    }

    private static List<Write> writes(String run) {
        return List.of(
                new Write("POST", "/api/v1/messages", email("access-" + run, "dana@acme-shop.example", "site is down")),
                new Write("POST", "/api/v1/messages", """
                        {"channel": "EMAIL", "direction": "OUTBOUND", "providerMessageId": "reply-%s",
                         "from": "alice@agency.example", "to": ["dana@acme-shop.example"], "body": "Fixed."}"""
                        .formatted(run)),
                new Write("PUT", "/api/v1/directory/staff/mallory-" + run, STAFF_JSON.formatted("mallory-" + run)),
                new Write("DELETE", "/api/v1/directory/staff/alice", ""),
                new Write("DELETE", "/api/v1/directory/clients/acme-shop", ""),
                new Write("DELETE", "/api/v1/directory/rotations/after-hours", ""),
                new Write("DELETE", "/api/v1/directory/escalation-policies/agency-default", ""));
    }

    private Response as(@Nullable String authorization, Write write) {
        return sendAs(authorization, write.request(this));
    }

    @Test
    void anonymousAndViewerWritesAreRefusedAndChangeNothing() {
        String before = get("/api/v1/directory/staff").json().toString();
        for (Write write : writes(unique("anon"))) {
            assertThat(as(null, write).status()).as("anonymous " + write.method() + " " + write.path()).isEqualTo(401);
            assertThat(as(ISSUER.bearer("victor", "viewer"), write).status())
                    .as("viewer " + write.method() + " " + write.path()).isEqualTo(403);
            assertThat(as("Bearer " + ISSUER.forgedToken("ada", "admin"), write).status())
                    .as("forged admin " + write.method() + " " + write.path()).isEqualTo(401);
        }
        assertThat(get("/api/v1/directory/staff").json().toString()).isEqualTo(before);
    }

    @Test
    void staffPostMessagesButOnlyAnAdminChangesTheDirectory() {
        String run = unique("staff");
        List<Write> writes = writes(run);
        Response message = as(ISSUER.bearer("alice", "staff"), writes.get(0));
        assertThat(message.status()).as(message.json().toString()).isEqualTo(202);
        Response reply = as(ISSUER.bearer("alice", "staff"), writes.get(1));
        assertThat(reply.status()).as(reply.json().toString()).isIn(200, 202);

        Response staffPut = as(ISSUER.bearer("alice", "staff"), writes.get(2));
        assertThat(staffPut.status()).isEqualTo(403);
        assertThat(staffPut.json().path("status").asInt()).isEqualTo(403);
        assertThat(get("/api/v1/directory/staff/mallory-" + run).status()).isEqualTo(404);

        assertThat(as(ISSUER.bearer("ada", "admin"), writes.get(2)).status()).isEqualTo(200);
        assertThat(get("/api/v1/directory/staff/mallory-" + run).status()).isEqualTo(200);
        assertThat(as(ISSUER.bearer("ada", "admin"), new Write("DELETE", "/api/v1/directory/staff/mallory-" + run, ""))
                .status()).isEqualTo(204);
    }

    @Test
    void contactsHealthDetailsAndMetricsAreNotForAnonymousReaders() {
        for (String path : List.of("/api/v1/directory/clients", "/api/v1/directory/staff/alice", "/actuator/prometheus",
                "/actuator/metrics")) {
            assertThat(sendAs(null, HttpRequest.newBuilder(uri(path)).GET()).status()).as(path).isEqualTo(401);
        }
        assertThat(sendAs(ISSUER.bearer("victor", "viewer"), HttpRequest.newBuilder(uri("/api/v1/directory/clients"))
                .GET()).status()).as("contacts are for staff").isEqualTo(403);
        Response health = sendAs(null, HttpRequest.newBuilder(uri("/actuator/health")).GET());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().has("components")).isFalse();
        assertThat(sendAs(null, HttpRequest.newBuilder(uri("/actuator/health/readiness")).GET()).status()).isEqualTo(200);
    }
}
