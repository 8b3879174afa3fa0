package dev.afterhours.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.utils.Constants;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The OpenAPI description every service serves at {@code /v3/api-docs} (springdoc), with what the shared pieces
 * answer on every endpoint written into every operation, so a controller declares only its own domain's errors
 * ({@code @ApiResponse(responseCode = "404", description = "...")}, nothing more):
 * <ul>
 *   <li>the sign-in schemes: a bearer JWT from the configured issuer, and, where the service accepts them
 *       (it has an {@link ApiKeyLookup}), an integration's API key in {@code X-Api-Key} on the endpoints whose
 *       {@code @PreAuthorize} lets a key's scope in;</li>
 *   <li>401 on every endpoint that is not public, 403 on every endpoint that states a role, naming it;</li>
 *   <li>429 with {@code Retry-After} on every endpoint (the per-caller rate limit);</li>
 *   <li>413 and 415 on every endpoint that reads a body, and 400 unless the endpoint describes its own;</li>
 *   <li>every error, these and the controllers' own, as {@code application/problem+json} of the {@code Problem}
 *       schema (RFC 9457), whatever springdoc guessed from the method's return type.</li>
 * </ul>
 * The public paths are the filter chain's own ({@link ServiceSecurityConfiguration#PUBLIC} and
 * {@code afterhours.security.public-paths}), so the document cannot say an endpoint is open when it is not.
 */
@AutoConfiguration
@ConditionalOnClass(GlobalOpenApiCustomizer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiDocsConfiguration {

    static final String BEARER = "bearer";
    static final String API_KEY = "apiKey";
    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    static final String HTML = org.springframework.http.MediaType.TEXT_HTML_VALUE;

    /** What each role expression lets in, in words. */
    private static final Map<String, String> WHO = Map.of(
            Roles.IS_ADMIN, "the admin role",
            Roles.IS_STAFF, "the staff role (or admin)",
            Roles.IS_VIEWER, "the viewer role (or staff, or admin)",
            Roles.MAY_POST_MESSAGES, "the staff role, or an API key with scope " + Roles.SCOPE_MESSAGES + " (inbound) or "
                    + Roles.SCOPE_REPLIES + " (outbound)");

    /** What the endpoint says about who may call it: 403 for everyone else; API keys where a scope lets them in. */
    @Bean
    GlobalOperationCustomizer roleErrors(ObjectProvider<ApiKeyLookup> apiKeys) {
        boolean keysAccepted = apiKeys.getIfAvailable() != null;
        return (operation, handler) -> {
            PreAuthorize role = role(handler);
            if (role == null) {
                return operation;
            }
            if (keysAccepted && role.value().contains("SCOPE_")) {
                // either scheme: two requirements, each enough on its own
                operation.security(List.of(new SecurityRequirement().addList(BEARER),
                        new SecurityRequirement().addList(API_KEY)));
            }
            addIfAbsent(operation, 403, "Signed in, but not allowed: needs "
                    + WHO.getOrDefault(role.value(), role.value()) + ".");
            return operation;
        };
    }

    /** What the filter chain and the shared handlers answer on every request, and the schemes and schema they use. */
    @Bean
    GlobalOpenApiCustomizer sharedErrors(SecurityProperties properties, ObjectProvider<ApiKeyLookup> apiKeys,
            Environment environment) {
        boolean keysAccepted = apiKeys.getIfAvailable() != null;
        List<PathPattern> open = Stream.concat(Arrays.stream(ServiceSecurityConfiguration.PUBLIC),
                        properties.publicPaths().stream())
                .map(PathPatternParser.defaultInstance::parse).toList();
        String signIn = "Not signed in: send 'Authorization: Bearer <access token>' from the agency's identity provider";
        return openApi -> {
            describe(openApi, environment.getProperty("spring.application.name", "service"), keysAccepted);
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
                if (open.stream().anyMatch(pattern -> pattern.matches(PathContainer.parsePath(path)))) {
                    operation.setSecurity(List.of()); // overrides the document's default: no sign-in here
                } else {
                    addIfAbsent(operation, 401, signIn + (acceptsKeys(operation) ? ", or an integration's API key in '"
                            + ApiKeys.HEADER + "'." : "."));
                }
                if (operation.getRequestBody() != null) {
                    addIfAbsent(operation, 400, "The body is missing, or not JSON of the expected shape; 'field' names "
                            + "what is wrong.");
                    addIfAbsent(operation, 413, "The body is over the size limit ('limitBytes' gives it).");
                    addIfAbsent(operation, 415, "Content-Type is not one this endpoint reads.");
                }
                addIfAbsent(operation, 429, "Too many requests from this caller; wait as long as 'Retry-After' says.")
                        .addHeaderObject(HttpHeaders.RETRY_AFTER, new Header().description("Seconds to wait")
                                .schema(new IntegerSchema()));
                operation.getResponses().forEach(ApiDocsConfiguration::content);
                operation.setResponses(byCode(operation.getResponses()));
            }));
        };
    }

    private static void describe(OpenAPI openApi, String service, boolean keysAccepted) {
        if (openApi.getInfo() == null || Constants.DEFAULT_TITLE.equals(openApi.getInfo().getTitle())) {
            openApi.info(new Info().title("Afterhours " + service).version("v1").description("Errors are RFC 9457 "
                    + "problem details (application/problem+json) naming the offending field as 'field'."));
        }
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.components(components);
        components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("An access token from the agency's OIDC identity provider "
                        + "(afterhours.security.issuer-uri); its roles claim grants admin, staff or viewer."));
        if (keysAccepted) {
            components.addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                    .in(SecurityScheme.In.HEADER).name(ApiKeys.HEADER).description("An integration's API key "
                            + "(ahk_...), issued by an admin; it carries scopes, not roles."));
        }
        components.addSchemas(PROBLEM, problemSchema());
        if (openApi.getSecurity() == null) {
            openApi.addSecurityItem(new SecurityRequirement().addList(BEARER));
        }
    }

    /** RFC 9457, with the members Afterhours adds. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        Schema problem = new ObjectSchema().description("RFC 9457 problem details. Other members may follow "
                + "(e.g. 'problems', every problem found; 'limitBytes' on 413).");
        problem.addProperty("type", new StringSchema().format("uri-reference")._default("about:blank"));
        problem.addProperty("title", new StringSchema());
        problem.addProperty("status", new IntegerSchema());
        problem.addProperty("detail", new StringSchema());
        problem.addProperty("instance", new StringSchema().format("uri-reference"));
        problem.addProperty("field", new StringSchema().description("The offending field: a JSON path like "
                + "attachments[0].fileName, a parameter, or 'body' for the body as a whole"));
        problem.setRequired(List.of("status", "detail"));
        problem.setAdditionalProperties(true);
        return problem;
    }

    /**
     * An error answers a problem detail (or a page, for an endpoint a person opens), never the success shape springdoc
     * guessed from the return type; a 204 answers nothing at all.
     */
    private static void content(String code, ApiResponse response) {
        if (code.equals("204")) {
            response.setContent(null);
        }
        if (!code.matches("[45]\\d\\d") || response.get$ref() != null) {
            return;
        }
        Content content = response.getContent() == null ? new Content() : response.getContent();
        content.keySet().removeIf(type -> !type.equals(PROBLEM_JSON) && !type.equals(HTML));
        content.computeIfAbsent(PROBLEM_JSON, type -> new MediaType()
                .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
        response.setContent(content);
    }

    private static ApiResponse addIfAbsent(Operation operation, int status, String description) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        return responses.computeIfAbsent(String.valueOf(status), code -> new ApiResponse().description(description));
    }

    /** Success first, then the errors in order of their code, as a reader scans them. */
    private static ApiResponses byCode(ApiResponses responses) {
        ApiResponses sorted = new ApiResponses();
        responses.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> sorted.addApiResponse(entry.getKey(), entry.getValue()));
        sorted.setExtensions(responses.getExtensions());
        return sorted;
    }

    private static boolean acceptsKeys(Operation operation) {
        return operation.getSecurity() != null && operation.getSecurity().stream().anyMatch(r -> r.containsKey(API_KEY));
    }

    private static @Nullable PreAuthorize role(HandlerMethod handler) {
        PreAuthorize onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        return onMethod != null ? onMethod
                : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
    }
}
