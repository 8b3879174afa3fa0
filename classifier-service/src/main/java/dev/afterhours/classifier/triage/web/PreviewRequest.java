package dev.afterhours.classifier.triage.web;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/classify}, checked field by field so a 400 can say which field is wrong.
 * {@code channel} and {@code body} are required; {@code subject}, {@code headers}, {@code clientId} (default
 * "unresolved"), {@code receivedAt} (default now), {@code from}, {@code to} and {@code direction} (default INBOUND)
 * are optional.
 */
final class PreviewRequest {

    static final Set<String> FIELDS = Set.of("channel", "subject", "body", "headers", "clientId", "receivedAt", "from",
            "to", "direction");

    /** Four-digit years: every instant a message can carry (ingest refuses the others). */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private PreviewRequest() {
    }

    static MessageReceived toMessage(@Nullable Map<String, ?> json, Instant now) {
        if (json == null) {
            throw new InvalidRequestException("body", "expected a JSON object");
        }
        for (String key : json.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new InvalidRequestException(key, "unknown field (known: " + FIELDS.stream().sorted().toList() + ")");
            }
        }
        Channel channel = enumValue(json, "channel", Channel.class, null);
        String body = string(json, "body", true);
        String clientId = string(json, "clientId", false);
        String receivedAtText = string(json, "receivedAt", false);
        Instant receivedAt = now;
        if (receivedAtText != null) {
            try {
                receivedAt = Instant.parse(receivedAtText);
            } catch (DateTimeParseException e) {
                throw new InvalidRequestException("receivedAt",
                        "'" + receivedAtText + "' is not an ISO-8601 instant such as 2026-11-23T22:14:05Z");
            }
            if (receivedAt.isBefore(EARLIEST) || receivedAt.isAfter(LATEST)) {
                // No calendar can place it, and no event's timestamp-millis can hold it.
                throw new InvalidRequestException("receivedAt", "must be between " + EARLIEST + " and " + LATEST
                        + ", was '" + receivedAtText + "'");
            }
        }
        String from = string(json, "from", false);
        String id = "preview-" + UUID.randomUUID();
        return MessageReceived.newBuilder()
                .setMessageId(id)
                .setClientId(clientId == null || clientId.isBlank() ? Topics.UNRESOLVED_CLIENT : clientId)
                .setConversationId(id)
                .setChannel(channel)
                .setDirection(enumValue(json, "direction", Direction.class, Direction.INBOUND))
                .setProvider("preview")
                .setProviderMessageId(id)
                .setFrom(from == null ? "" : from)
                .setTo(strings(json, "to"))
                .setSubject(string(json, "subject", false))
                .setBody(body == null ? "" : body)
                .setReceivedAt(receivedAt)
                .setHeaders(headers(json))
                .build();
    }

    private static @Nullable String string(Map<String, ?> json, String field, boolean required) {
        Object value = json.get(field);
        if (value == null) {
            if (required) {
                throw new InvalidRequestException(field, "is required");
            }
            return null;
        }
        if (!(value instanceof String text)) {
            throw new InvalidRequestException(field, "must be a string");
        }
        return text;
    }

    private static <E extends Enum<E>> E enumValue(Map<String, ?> json, String field, Class<E> type,
            @Nullable E defaultValue) {
        String text = string(json, field, defaultValue == null);
        if (text == null) {
            return defaultValue;
        }
        return Arrays.stream(type.getEnumConstants())
                .filter(c -> c.name().equalsIgnoreCase(text.strip()))
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException(field, "'" + text + "' is not one of "
                        + Arrays.toString(type.getEnumConstants())));
    }

    private static List<String> strings(Map<String, ?> json, String field) {
        Object value = json.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidRequestException(field, "must be an array of strings");
        }
        List<String> result = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String text)) {
                throw new InvalidRequestException(field + "[" + i + "]", "must be a string");
            }
            result.add(text);
        }
        return result;
    }

    private static Map<String, String> headers(Map<String, ?> json) {
        Object value = json.get("headers");
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidRequestException("headers", "must be an object of header names to string values");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getValue() instanceof String text)) {
                throw new InvalidRequestException("headers." + entry.getKey(), "must be a string");
            }
            headers.put(String.valueOf(entry.getKey()), text);
        }
        return headers;
    }
}
