package dev.afterhours.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.ApiDocument;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The classifier's OpenAPI description, fetched anonymously over HTTP: each endpoint lists the errors it answers as
 * problem details. No API keys here: people sign in with a bearer token only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocsIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        AfterhoursTestEnvironment.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @LocalServerPort
    int port;

    @Test
    void everyEndpointDeclaresItsErrorsAsProblemDetails() {
        ApiDocument doc = ApiDocument.fetch(port);

        assertThat(doc.problems("post", "/api/v1/classify")).contains(400, 401, 403, 413, 415, 429);
        assertThat(doc.statuses("post", "/api/v1/messages/{id}/urgency")).contains(202);
        assertThat(doc.problems("post", "/api/v1/messages/{id}/urgency")).contains(400, 401, 403, 404, 413, 415, 429, 503);
        assertThat(doc.problems("get", "/api/v1/corrections/export")).contains(401, 403, 429, 503)
                .doesNotContain(413, 415);
        assertThat(doc.json().path("components").path("securitySchemes").propertyNames()).containsExactly("bearer");
    }
}
