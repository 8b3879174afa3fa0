package dev.afterhours.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.testkit.ApiDocument;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The scheduler's OpenAPI description, fetched anonymously over HTTP: each endpoint lists the errors it answers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ApiDocsIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
        ItSupport.infrastructure(registry, "api-docs-it-" + RUN);
    }

    @LocalServerPort
    int port;

    @Test
    void everyEndpointDeclaresItsErrorsAsProblemDetails() {
        ApiDocument doc = ApiDocument.fetch(port);

        assertThat(doc.problems("post", "/api/v1/admin/dead-letters/replay"))
                .contains(400, 401, 403, 404, 409, 413, 415, 422, 429, 503);
        assertThat(doc.problems("get", "/api/v1/admin/dead-letters")).contains(400, 401, 403, 429, 503);
        assertThat(doc.problems("get", "/api/v1/clients/{clientId}/sla/preview")).contains(400, 401, 403, 404, 429, 503);
        assertThat(doc.problems("post", "/api/v1/sla/preview")).contains(400, 401, 403, 413, 415, 429);
        assertThat(doc.problems("get", "/api/v1/sla/open")).contains(401, 403, 429, 503);
        assertThat(doc.statuses("get", "/api/v1/sla/open")).contains(200);
    }
}
