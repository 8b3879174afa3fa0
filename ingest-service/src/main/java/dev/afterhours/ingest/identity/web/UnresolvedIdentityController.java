package dev.afterhours.ingest.identity.web;

import dev.afterhours.contracts.ClientContact;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.directory.DirectoryRecords;
import dev.afterhours.directory.DirectoryValidator;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.directory.InvalidDirectoryRecordException;
import dev.afterhours.ingest.IngestProperties;
import dev.afterhours.ingest.message.Addresses;
import dev.afterhours.ingest.message.NotReadyException;
import dev.afterhours.ingest.message.ReceivedIndex;
import dev.afterhours.ingest.message.UnresolvedIdentity;
import dev.afterhours.ingest.message.UnresolvedIdentity.Kind;
import dev.afterhours.ingest.web.JsonRequests;
import dev.afterhours.ingest.web.ServiceUnavailableException;
import dev.afterhours.security.Roles;
import dev.afterhours.security.web.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A message from an identity no client has is taken all the same, {@code unresolved}, with its identity kept
 * (sender address, phone number, Slack channel). Here an admin sees those identities and attaches one to a client:
 *
 * <ul>
 *   <li>{@code GET} lists the identities of the unresolved messages in ingest's received-topic index (the last
 *       {@code conversation-window}), the most recently seen first, leaving out any that a client has since got;</li>
 *   <li>{@code POST /attach} {@code {"identity", "clientId", "name"?}} adds it to the client's directory record (an
 *       e-mail address or phone number as a new contact named {@code name}, a Slack channel to
 *       {@code slackChannels}), validated as the directory admin API validates, so the next message from it resolves
 *       to the client. Messages already published stay {@code unresolved}: nothing is re-published.</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/v1/admin/unresolved-identities")
@PreAuthorize(Roles.IS_ADMIN)
public class UnresolvedIdentityController {

    static final int MAX_BODY = 16 * 1024;
    /** A Slack conversation id as the directory takes it: C or G and upper-case letters and digits. */
    private static final Pattern SLACK_CHANNEL = Pattern.compile("[CG][A-Z0-9]{6,20}");
    private static final Logger log = LoggerFactory.getLogger(UnresolvedIdentityController.class);
    private static final String LOADING = "The directory or the index is still loading; retry after Retry-After";

    private final ReceivedIndex index;
    private final DirectoryView view;
    private final DirectoryPublisher publisher;
    private final IngestProperties properties;
    private final MeterRegistry meters;

    public UnresolvedIdentityController(ReceivedIndex index, DirectoryView view, DirectoryPublisher publisher,
            IngestProperties properties, MeterRegistry meters) {
        this.index = index;
        this.view = view;
        this.publisher = publisher;
        this.properties = properties;
        this.meters = meters;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "The identities of recent unresolved messages, latest first: "
            + "kind (EMAIL, PHONE, SLACK_CHANNEL), identity, provider, lastSeen, lastMessageId, conversationId")
    @ApiResponse(responseCode = "503", description = LOADING)
    public List<Map<String, Object>> list() {
        requireLoaded();
        List<Map<String, Object>> identities = new ArrayList<>();
        for (UnresolvedIdentity identity : index.unresolvedIdentities()) {
            if (owner(identity.kind(), identity.identity()).isEmpty()) {
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("kind", identity.kind().name());
                shown.put("identity", identity.identity());
                shown.put("provider", identity.provider());
                shown.put("lastSeen", identity.lastSeen().toString());
                shown.put("lastMessageId", identity.lastMessageId());
                shown.put("conversationId", identity.conversationId());
                identities.add(shown);
            }
        }
        return identities;
    }

    @PostMapping(path = "/attach", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "Attached (or it already was): the kind, the identity and the "
            + "client's record as stored, visible to this instance")
    @ApiResponse(responseCode = "400", description = "Not {\"identity\", \"clientId\", \"name\"?}, an identity that is "
            + "no e-mail address, E.164 phone number or Slack channel id, or a client record the directory refuses; "
            + "'field' names what is wrong")
    @ApiResponse(responseCode = "404", description = "No client with this id")
    @ApiResponse(responseCode = "409", description = "The identity already belongs to another client")
    @ApiResponse(responseCode = "503", description = LOADING + ", or Kafka did not take the write (nothing changed)")
    public ResponseEntity<?> attach(@RequestBody(required = false) @Nullable String body) throws InterruptedException {
        requireLoaded();
        JsonNode request = object(body);
        String rawIdentity = text(request, "identity", true);
        String clientId = text(request, "clientId", true);
        String name = text(request, "name", false);
        Kind kind = kindOf(rawIdentity);
        String identity = kind == Kind.SLACK_CHANNEL ? rawIdentity.strip() : Addresses.normalise(rawIdentity);
        Optional<ClientProfile> found = view.client(clientId);
        if (found.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "clientId", "no client '" + clientId + "' in the directory");
        }
        ClientProfile client = found.get();
        Optional<String> owner = owner(kind, identity);
        if (owner.isPresent() && !owner.get().equals(clientId)) {
            return problem(HttpStatus.CONFLICT, "identity", "'" + identity + "' already belongs to client '"
                    + owner.get() + "'");
        }
        boolean already = owner.isPresent();
        ClientProfile stored = client;
        if (!already) {
            stored = withIdentity(client, kind, identity, name == null || name.isBlank() ? identity : name.strip());
            List<String> clashes = DirectoryValidator.clashesWithOtherClients(stored, view.clients());
            if (!clashes.isEmpty()) {
                throw new InvalidDirectoryRecordException(clashes);
            }
            publishAndAwait(stored);
            meters.counter("afterhours.ingest.identities.attached", "kind", kind.name().toLowerCase(Locale.ROOT))
                    .increment();
            log.info("Attached {} {} to client {}", kind, identity, clientId);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("kind", kind.name());
        answer.put("identity", identity);
        answer.put("clientId", clientId);
        answer.put("status", already ? "already-attached" : "attached");
        answer.put("client", DirectoryRecords.toMap(stored));
        return ResponseEntity.ok(answer);
    }

    private static Kind kindOf(String identity) {
        if (SLACK_CHANNEL.matcher(identity.strip()).matches()) {
            return Kind.SLACK_CHANNEL;
        }
        return UnresolvedIdentity.kindOf(identity).orElseThrow(() -> new JsonRequests.BadRequest("identity", "'" + identity
                + "' is no e-mail address, phone number (E.164, +4930...) or Slack channel id (C0123ABCD)"));
    }

    /** The client that has this identity now, if any. */
    private Optional<String> owner(Kind kind, String identity) {
        if (kind == Kind.SLACK_CHANNEL) {
            return view.clients().stream().filter(c -> c.getSlackChannels().contains(identity))
                    .map(ClientProfile::getClientId).min(String::compareTo);
        }
        return view.clientIdForSender(identity);
    }

    private static ClientProfile withIdentity(ClientProfile client, Kind kind, String identity, String name) {
        ClientProfile.Builder builder = ClientProfile.newBuilder(client);
        if (kind == Kind.SLACK_CHANNEL) {
            List<String> channels = new ArrayList<>(client.getSlackChannels());
            channels.add(identity);
            return builder.setSlackChannels(channels).build();
        }
        List<ClientContact> contacts = new ArrayList<>(client.getContacts());
        contacts.add(ClientContact.newBuilder().setName(name)
                .setEmail(kind == Kind.EMAIL ? identity : null)
                .setPhone(kind == Kind.PHONE ? identity : null)
                .build());
        return builder.setContacts(contacts).build();
    }

    /** As the directory admin API: answers once this instance's view holds the change. */
    private void publishAndAwait(ClientProfile client) throws InterruptedException {
        DirectoryPublisher.Written written;
        try {
            written = publisher.publish(client);
        } catch (IllegalStateException e) {
            throw new ServiceUnavailableException("could not write the client to Kafka: " + e.getMessage(), e);
        }
        if (!view.awaitApplied(written, properties.directorySyncTimeout())) {
            log.warn("Client {} is written but not yet visible in this instance's view after {}", client.getClientId(),
                    properties.directorySyncTimeout());
        }
    }

    private void requireLoaded() {
        if (!view.isLoaded()) {
            throw new NotReadyException("the directory is still loading");
        }
    }

    private static JsonNode object(@Nullable String body) {
        return JsonRequests.object(body, MAX_BODY, "{\"identity\": ..., \"clientId\": ..., \"name\": ...}",
                List.of("identity", "clientId", "name"));
    }

    private static @Nullable String text(JsonNode request, String field, boolean required) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new JsonRequests.BadRequest(field, "required");
            }
            return null;
        }
        if (!value.isString() || (required && value.stringValue().isBlank())) {
            throw new JsonRequests.BadRequest(field, "must be a non-blank string");
        }
        return value.stringValue();
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String field, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(status, field, detail));
    }

    @ExceptionHandler(JsonRequests.BadRequest.class)
    ResponseEntity<ProblemDetail> badRequest(JsonRequests.BadRequest e) {
        return problem(HttpStatus.BAD_REQUEST, e.field(), e.getMessage());
    }

    @ExceptionHandler(InvalidDirectoryRecordException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidDirectoryRecordException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "identity", "the client's record would be invalid: "
                + String.join("; ", e.problems()));
        problem.setProperty("problems", e.problems());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
