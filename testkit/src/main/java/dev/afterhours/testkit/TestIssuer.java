package dev.afterhours.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real OIDC issuer for tests: an HTTP server on an ephemeral loopback port serving the discovery document and the
 * signing keys, exactly what a service's resource server fetches from Keycloak or any other provider, and minting
 * RS256 access tokens shaped like Keycloak's ({@code preferred_username}, {@code realm_access.roles}). One per test
 * JVM, started on first use, stopped when the JVM exits.
 *
 * <pre>{@code
 * HttpRequest.newBuilder(uri).header("Authorization", TestIssuer.get().bearer("alice", "staff"))
 * }</pre>
 */
public final class TestIssuer {

    private static TestIssuer instance;

    private final HttpServer server;
    private final String issuer;
    private final RSAKey signingKey;
    /** A key the issuer never published: tokens signed with it must be refused. */
    private final RSAKey strangerKey;

    private TestIssuer() throws IOException, JOSEException {
        signingKey = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE).generate();
        strangerKey = new RSAKeyGenerator(2048).keyID(signingKey.getKeyID()).keyUse(KeyUse.SIGNATURE).generate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/afterhours-test";
        String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/protocol/openid-connect/certs\","
                + "\"token_endpoint\":\"" + issuer + "/protocol/openid-connect/token\","
                + "\"authorization_endpoint\":\"" + issuer + "/protocol/openid-connect/auth\","
                + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                + "\"response_types_supported\":[\"code\"]}";
        String keys = new JWKSet(signingKey.toPublicJWK()).toString();
        server.createContext("/realms/afterhours-test/.well-known/openid-configuration", ex -> respond(ex, discovery));
        server.createContext("/realms/afterhours-test/protocol/openid-connect/certs", ex -> respond(ex, keys));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "test-issuer-stop"));
    }

    /** Starts the issuer on first use. */
    public static synchronized TestIssuer get() {
        if (instance == null) {
            try {
                instance = new TestIssuer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    /** The issuer URI a service is configured with ({@code afterhours.security.issuer-uri}). */
    public String issuerUri() {
        return issuer;
    }

    /** An access token for {@code user} with these realm roles, valid for five minutes. */
    public String token(String user, String... roles) {
        return sign(signingKey, issuer, user, List.of(roles), Instant.now().plus(Duration.ofMinutes(5)));
    }

    /** {@code Bearer <token>}, for an Authorization header. */
    public String bearer(String user, String... roles) {
        return "Bearer " + token(user, roles);
    }

    /** A token that expired ten minutes ago. */
    public String expiredToken(String user, String... roles) {
        return sign(signingKey, issuer, user, List.of(roles), Instant.now().minus(Duration.ofMinutes(10)));
    }

    /** A token with the right issuer and key id but signed by a key the issuer never published. */
    public String forgedToken(String user, String... roles) {
        return sign(strangerKey, issuer, user, List.of(roles), Instant.now().plus(Duration.ofMinutes(5)));
    }

    /** A well-signed token that names another issuer. */
    public String tokenFromAnotherIssuer(String user, String... roles) {
        return sign(signingKey, "https://elsewhere.example/realms/other", user, List.of(roles),
                Instant.now().plus(Duration.ofMinutes(5)));
    }

    private static String sign(RSAKey key, String issuer, String user, List<String> roles, Instant expiresAt) {
        Instant issuedAt = expiresAt.minus(Duration.ofMinutes(5));
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(UUID.nameUUIDFromBytes(user.getBytes(StandardCharsets.UTF_8)).toString())
                .audience("account")
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .claim("preferred_username", user)
                .claim("realm_access", Map.of("roles", roles))
                .claim("scope", "openid profile email")
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
