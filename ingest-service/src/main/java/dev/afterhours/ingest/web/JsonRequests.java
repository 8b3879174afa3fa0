package dev.afterhours.ingest.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The small JSON request bodies of the admin APIs (API keys, unknown identities): one object, a size cap, no unknown
 * field (typos are caught), duplicate keys refused; every problem a {@link BadRequest} naming its field, which the
 * controller answers as a 400 problem detail.
 */
public final class JsonRequests {

    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private JsonRequests() {
    }

    /**
     * @param expected what a right body looks like, said when there is none
     * @param fields   the fields the object may have
     * @throws BadRequest if the body is empty, too long, not a JSON object or has another field
     */
    public static JsonNode object(@Nullable String body, int maxChars, String expected, List<String> fields) {
        if (body == null || body.isBlank()) {
            throw new BadRequest("body", "expected " + expected);
        }
        if (body.length() > maxChars) {
            throw new BadRequest("body", "at most " + maxChars + " characters");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new BadRequest("body", "not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new BadRequest("body", "expected a JSON object");
        }
        for (String field : node.propertyNames()) {
            if (!fields.contains(field)) {
                throw new BadRequest(field, "unknown field (known: " + String.join(", ", fields) + ")");
            }
        }
        return node;
    }

    /** A request the caller must correct: 400, naming the field. */
    public static final class BadRequest extends RuntimeException {

        private final String field;

        public BadRequest(String field, String message) {
            super(field + ": " + message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
