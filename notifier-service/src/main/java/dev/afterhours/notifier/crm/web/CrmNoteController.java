package dev.afterhours.notifier.crm.web;

import dev.afterhours.contracts.CrmNoteAdded;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.notifier.crm.CrmNoteWriter;
import dev.afterhours.notifier.crm.CrmNotes;
import dev.afterhours.notifier.web.RequestProblems.BadRequest;
import dev.afterhours.notifier.web.RequestProblems.NotFound;
import dev.afterhours.security.CurrentUser;
import dev.afterhours.security.Roles;
import dev.afterhours.security.web.Problems;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A client's CRM notes: what whoever is on call should know about the client. Staff write, edit and pin them (the
 * author and editor come from the token); everyone signed in reads and searches them. Every change is a new
 * version on the CRM notes topic; pinned notes and the latest others travel with every page.
 */
@RestController
@RequestMapping("/api/v1/clients/{clientId}/notes")
public class CrmNoteController {

    static final int MAX_TEXT = 4000;
    static final int MAX_CONVERSATION_ID = 200;
    private static final String NO_CLIENT = "No client with this id in the directory";
    private static final String NOT_WRITTEN = "Kafka did not take the note: nothing changed, retry";

    private final CrmNotes notes;
    private final CrmNoteWriter writer;
    private final DirectoryView directory;

    public CrmNoteController(CrmNotes notes, CrmNoteWriter writer, DirectoryView directory) {
        this.notes = notes;
        this.writer = writer;
        this.directory = directory;
    }

    @PreAuthorize(Roles.IS_STAFF)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "201", description = "Written: the note, version 1")
    @ApiResponse(responseCode = "400", description = "Not {\"text\", \"pinned\", \"conversationId\"} with a text of 1 to "
            + MAX_TEXT + " characters; 'field' names what is wrong")
    @ApiResponse(responseCode = "404", description = NO_CLIENT)
    @ApiResponse(responseCode = "503", description = NOT_WRITTEN)
    public ResponseEntity<?> create(@PathVariable String clientId, @RequestBody JsonNode body, Authentication caller)
            throws InterruptedException {
        requireClient(clientId);
        fields(body, Set.of("text", "pinned", "conversationId"));
        String text = text(body, true);
        Boolean pinned = pinned(body);
        String conversationId = conversationId(body);
        CrmNoteAdded note = writer.create(clientId, CurrentUser.id(caller), text, pinned != null && pinned,
                conversationId);
        return ResponseEntity.status(HttpStatus.CREATED).body(view(note));
    }

    @PreAuthorize(Roles.IS_STAFF)
    @PatchMapping(path = "/{noteId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "Changed: the note's new version")
    @ApiResponse(responseCode = "400", description = "Neither a new text nor a pin given, or one of them invalid; "
            + "'field' names it")
    @ApiResponse(responseCode = "404", description = "No such client, or no such note of this client")
    @ApiResponse(responseCode = "503", description = NOT_WRITTEN)
    public Map<String, Object> edit(@PathVariable String clientId, @PathVariable String noteId,
            @RequestBody JsonNode body, Authentication caller) throws InterruptedException {
        CrmNoteAdded current = requireNote(clientId, noteId);
        fields(body, Set.of("text", "pinned"));
        String text = text(body, false);
        Boolean pinned = pinned(body);
        if (text == null && pinned == null) {
            throw new BadRequest("body", "give a new \"text\", a \"pinned\" true or false, or both");
        }
        return view(writer.edit(current, CurrentUser.id(caller), text, pinned));
    }

    @PreAuthorize(Roles.IS_VIEWER)
    @GetMapping
    @ApiResponse(responseCode = "200", description = "The client's notes as they are now, pinned first, then most "
            + "recently changed; 'q' keeps those whose text contains it, 'pinned' those pinned or not")
    @ApiResponse(responseCode = "400", description = "A 'pinned' that is not true or false")
    @ApiResponse(responseCode = "404", description = NO_CLIENT)
    public List<Map<String, Object>> search(@PathVariable String clientId, @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String pinned) {
        requireClient(clientId);
        Boolean only = switch (pinned == null ? "" : pinned) {
            case "" -> null;
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadRequest("pinned", "'" + pinned + "' is neither true nor false");
        };
        return notes.search(clientId, q, only).stream().map(CrmNoteController::view).toList();
    }

    @PreAuthorize(Roles.IS_VIEWER)
    @GetMapping("/{noteId}")
    @ApiResponse(responseCode = "200", description = "The note as it is now")
    @ApiResponse(responseCode = "404", description = "No such client, or no such note of this client")
    public Map<String, Object> note(@PathVariable String clientId, @PathVariable String noteId) {
        return view(requireNote(clientId, noteId));
    }

    @PreAuthorize(Roles.IS_VIEWER)
    @GetMapping("/{noteId}/history")
    @ApiResponse(responseCode = "200", description = "Every version of the note, first written first")
    @ApiResponse(responseCode = "404", description = "No such client, or no such note of this client")
    public List<Map<String, Object>> history(@PathVariable String clientId, @PathVariable String noteId) {
        requireNote(clientId, noteId);
        return notes.history(clientId, noteId).stream().map(CrmNoteController::view).toList();
    }

    private void requireClient(String clientId) {
        if (directory.client(clientId).isEmpty()) {
            throw new NotFound("no client '" + clientId + "' in the directory");
        }
    }

    private CrmNoteAdded requireNote(String clientId, String noteId) {
        requireClient(clientId);
        return notes.current(clientId, noteId).orElseThrow(() -> new NotFound(
                "client '" + clientId + "' has no note '" + noteId + "'"));
    }

    private static void fields(JsonNode body, Set<String> known) {
        if (!body.isObject()) {
            throw new BadRequest("body", "must be a JSON object");
        }
        for (String name : body.propertyNames()) {
            if (!known.contains(name)) {
                throw new BadRequest(name, "unknown field; known: " + known.stream().sorted().toList());
            }
        }
    }

    private static @Nullable String text(JsonNode body, boolean required) {
        JsonNode text = body.get("text");
        if (text == null || text.isNull()) {
            if (required) {
                throw new BadRequest("text", "is required");
            }
            return null;
        }
        if (!text.isString() || text.asString().isBlank()) {
            throw new BadRequest("text", "must be a non-blank string");
        }
        String stripped = text.asString().strip();
        if (stripped.length() > MAX_TEXT) {
            throw new BadRequest("text", "at most " + MAX_TEXT + " characters, was " + stripped.length());
        }
        return stripped;
    }

    private static @Nullable Boolean pinned(JsonNode body) {
        JsonNode pinned = body.get("pinned");
        if (pinned == null || pinned.isNull()) {
            return null;
        }
        if (!pinned.isBoolean()) {
            throw new BadRequest("pinned", "must be true or false");
        }
        return pinned.asBoolean();
    }

    private static @Nullable String conversationId(JsonNode body) {
        JsonNode id = body.get("conversationId");
        if (id == null || id.isNull()) {
            return null;
        }
        if (!id.isString() || id.asString().isBlank() || id.asString().length() > MAX_CONVERSATION_ID) {
            throw new BadRequest("conversationId", "must be a non-blank string of at most " + MAX_CONVERSATION_ID
                    + " characters");
        }
        return id.asString().strip();
    }

    static Map<String, Object> view(CrmNoteAdded note) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("noteId", note.getNoteId());
        view.put("clientId", note.getClientId());
        view.put("version", note.getVersion());
        view.put("text", note.getText());
        view.put("pinned", note.getPinned());
        view.put("author", note.getAuthor());
        view.put("addedAt", note.getAddedAt().toString());
        view.put("editedBy", note.getEditedBy());
        view.put("editedAt", note.getEditedAt() == null ? null : note.getEditedAt().toString());
        view.put("conversationId", note.getConversationId());
        return view;
    }

    @ExceptionHandler(CrmNoteWriter.NotWrittenException.class)
    ResponseEntity<ProblemDetail> notWritten(CrmNoteWriter.NotWrittenException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, null, NOT_WRITTEN));
    }
}
