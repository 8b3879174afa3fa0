package dev.afterhours.classifier.correction.web;

import dev.afterhours.classifier.correction.CorrectionRequest;
import dev.afterhours.contracts.Urgency;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code POST /api/v1/messages/{id}/urgency}, {@code {"urgency": "LOW", "reason": "..."}}, read from the
 * raw text so that every problem, including "not JSON", is a 400 naming a field. Who corrected it is the signed-in
 * person; a {@code correctedBy} in the body is accepted only if it names them.
 */
final class CorrectionRequestParser {

    static final List<String> FIELDS = List.of("urgency", "correctedBy", "reason");
    static final int MAX_CORRECTED_BY = 200;
    static final int MAX_REASON = 2000;

    private static final Set<String> KNOWN = Set.copyOf(FIELDS);
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private CorrectionRequestParser() {
    }

    static CorrectionRequest parse(@Nullable String body, String signedInAs) {
        if (body == null || body.isBlank()) {
            throw new InvalidCorrectionRequestException("body", "expected a JSON object with " + FIELDS);
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidCorrectionRequestException("body", "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (json == null || !json.isObject()) {
            throw new InvalidCorrectionRequestException("body", "expected a JSON object with " + FIELDS);
        }
        for (String name : json.propertyNames()) {
            if (!KNOWN.contains(name)) {
                throw new InvalidCorrectionRequestException(name, "unknown field (known: " + FIELDS + ")");
            }
        }
        Urgency urgency = urgency(json);
        JsonNode claimed = json.get("correctedBy");
        if (claimed != null && !claimed.isNull() && !(claimed.isString() && claimed.stringValue().isBlank())) {
            String by = text(json, "correctedBy", MAX_CORRECTED_BY);
            if (!by.equals(signedInAs)) {
                throw new InvalidCorrectionRequestException("correctedBy", "you are signed in as '" + signedInAs
                        + "'; a correction is always yours, leave correctedBy out");
            }
        }
        return new CorrectionRequest(urgency, signedInAs, text(json, "reason", MAX_REASON));
    }

    private static Urgency urgency(JsonNode json) {
        String text = requiredString(json, "urgency");
        return Arrays.stream(Urgency.values())
                .filter(u -> u.name().equals(text.strip().toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new InvalidCorrectionRequestException("urgency",
                        "'" + text + "' is not one of " + Arrays.toString(Urgency.values())));
    }

    private static String text(JsonNode json, String field, int maxLength) {
        String text = requiredString(json, field).strip();
        if (text.isEmpty()) {
            throw new InvalidCorrectionRequestException(field, "must not be blank");
        }
        if (text.length() > maxLength) {
            throw new InvalidCorrectionRequestException(field, "is longer than " + maxLength + " characters");
        }
        return text;
    }

    private static String requiredString(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidCorrectionRequestException(field, "is required");
        }
        if (!value.isString()) {
            throw new InvalidCorrectionRequestException(field, "must be a string");
        }
        return value.stringValue();
    }
}
