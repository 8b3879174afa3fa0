package dev.afterhours.ingest.message.web;

import dev.afterhours.contracts.Attachment;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.ingest.message.InboundMessage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the JSON body of {@code POST /api/v1/messages} into an {@link InboundMessage}, or rejects it with a message
 * naming the field and the problem. Strict on purpose: unknown fields, duplicate keys and wrong JSON types are
 * errors, because integrators want their typos caught at the first test call, not lost in production.
 *
 * <p>{@code body} must be present as a string. It may be empty only for VOICE (a voicemail without transcript)
 * or when the message has attachments (a photo sent by SMS); an empty text message on any other channel is
 * rejected as a broken integration rather than passed on as an empty case to triage.
 */
public final class MessageRequestParser {

    public static final String DEFAULT_PROVIDER = "api";

    static final List<String> FIELDS = List.of("channel", "direction", "provider", "providerMessageId", "from", "to",
            "subject", "body", "providerTimestamp", "attachments", "headers", "conversationId", "inReplyTo");
    /** The instants a timestamp may name: four-digit years, which every consumer's date library can hold. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final List<String> ATTACHMENT_FIELDS = List.of("fileName", "contentType", "sizeBytes", "url");

    private final JsonMapper json = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** @throws InvalidMessageException naming the first problem found */
    public InboundMessage parse(byte[] content) {
        JsonNode root = readTree(content);
        if (!root.isObject()) {
            throw new InvalidMessageException("the request body must be a JSON object, got " + describe(root), null);
        }
        rejectUnknown(root, FIELDS, "");
        Channel channel = null;
        Direction direction = null;
        try {
            channel = requiredEnum(root, "channel", Channel.class);
            direction = optionalEnum(root, "direction", Direction.class, Direction.INBOUND);
            String provider = optionalText(root, "provider");
            String providerMessageId = requiredText(root, "providerMessageId");
            String from = requiredText(root, "from");
            List<String> to = textList(root, "to");
            String subject = optionalString(root, "subject");
            String body = requiredString(root, "body");
            Instant providerTimestamp = optionalInstant(root, "providerTimestamp");
            List<Attachment> attachments = attachments(root);
            Map<String, String> headers = headers(root);
            String conversationId = optionalText(root, "conversationId");
            String inReplyTo = optionalText(root, "inReplyTo");

            if (direction == Direction.OUTBOUND && to.isEmpty()) {
                throw new InvalidMessageException("'to' must name at least one recipient for an OUTBOUND message", "to");
            }
            if (body.isBlank() && channel != Channel.VOICE && attachments.isEmpty()) {
                throw new InvalidMessageException("'body' must not be blank (only VOICE messages and messages with "
                        + "attachments may have an empty body)", "body");
            }
            return new InboundMessage(channel, direction,
                    provider == null ? DEFAULT_PROVIDER : provider.toLowerCase(Locale.ROOT),
                    providerMessageId, from, to, subject, body, providerTimestamp, attachments, headers,
                    conversationId, inReplyTo);
        } catch (InvalidMessageException e) {
            throw e.about(channel, direction);
        }
    }

    private JsonNode readTree(byte[] content) {
        JsonNode root;
        try {
            root = json.readTree(content);
        } catch (JacksonException e) {
            TokenStreamLocation location = e.getLocation();
            String where = location == null || location.getLineNr() < 1 ? ""
                    : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            String reason = e.getOriginalMessage() == null ? e.getClass().getSimpleName()
                    : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new InvalidMessageException("malformed JSON" + where + ": " + reason, null);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidMessageException("the request body is empty; expected a JSON object", null);
        }
        return root;
    }

    private static void rejectUnknown(JsonNode object, List<String> known, String prefix) {
        for (String name : object.propertyNames()) {
            if (!known.contains(name)) {
                throw new InvalidMessageException("unknown field '" + prefix + name + "' (known fields: "
                        + String.join(", ", known) + ")", prefix + name);
            }
        }
    }

    /** Absent and JSON null both count as "not given". */
    private static @Nullable JsonNode given(JsonNode object, String field) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : node;
    }

    private static String requiredString(JsonNode object, String field) {
        JsonNode node = given(object, field);
        if (node == null) {
            throw new InvalidMessageException("'" + field + "' is required", field);
        }
        if (!node.isString()) {
            throw new InvalidMessageException("'" + field + "' must be a string, got " + describe(node), field);
        }
        return node.stringValue();
    }

    private static String requiredText(JsonNode object, String field) {
        String value = requiredString(object, field);
        if (value.isBlank()) {
            throw new InvalidMessageException("'" + field + "' must not be blank", field);
        }
        return value.trim();
    }

    private static @Nullable String optionalString(JsonNode object, String field) {
        JsonNode node = given(object, field);
        if (node == null) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidMessageException("'" + field + "' must be a string, got " + describe(node), field);
        }
        return node.stringValue();
    }

    /** Optional, but not blank when given: a blank id is a broken integration, not "no id". */
    private static @Nullable String optionalText(JsonNode object, String field) {
        String value = optionalString(object, field);
        if (value != null && value.isBlank()) {
            throw new InvalidMessageException("'" + field + "' must not be blank when given (leave it out instead)", field);
        }
        return value == null ? null : value.trim();
    }

    private static <E extends Enum<E>> E requiredEnum(JsonNode object, String field, Class<E> type) {
        E value = optionalEnum(object, field, type, null);
        if (value == null) {
            throw new InvalidMessageException("'" + field + "' is required; allowed: " + allowed(type), field);
        }
        return value;
    }

    private static <E extends Enum<E>> @Nullable E optionalEnum(JsonNode object, String field, Class<E> type,
            @Nullable E fallback) {
        JsonNode node = given(object, field);
        if (node == null) {
            return fallback;
        }
        if (!node.isString()) {
            throw new InvalidMessageException("'" + field + "' must be a string, one of " + allowed(type) + "; got "
                    + describe(node), field);
        }
        String symbol = node.stringValue().trim().toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(symbol)) {
                return constant;
            }
        }
        throw new InvalidMessageException("'" + field + "' has unknown value '" + node.stringValue() + "'; allowed: "
                + allowed(type), field);
    }

    private static String allowed(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static List<String> textList(JsonNode object, String field) {
        JsonNode node = given(object, field);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidMessageException("'" + field + "' must be a list of strings, got " + describe(node), field);
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String path = field + "[" + i + "]";
            if (!item.isString()) {
                throw new InvalidMessageException("'" + path + "' must be a string, got " + describe(item), path);
            }
            if (item.stringValue().isBlank()) {
                throw new InvalidMessageException("'" + path + "' must not be blank", path);
            }
            values.add(item.stringValue().trim());
        }
        return values;
    }

    private static @Nullable Instant optionalInstant(JsonNode object, String field) {
        String value = optionalString(object, field);
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value.trim());
        } catch (DateTimeParseException notUtc) {
            try {
                instant = OffsetDateTime.parse(value.trim()).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidMessageException("'" + field + "' must be an ISO-8601 instant like "
                        + "2026-11-23T22:14:05Z, got '" + value + "'", field);
            }
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            // Parseable, but not a moment a message was sent, nor one the event's timestamp-millis can hold.
            throw new InvalidMessageException("'" + field + "' must be between " + EARLIEST + " and " + LATEST
                    + ", got '" + value + "'", field);
        }
        return instant;
    }

    private static List<Attachment> attachments(JsonNode object) {
        JsonNode node = given(object, "attachments");
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidMessageException("'attachments' must be a list of objects, got " + describe(node), "attachments");
        }
        List<Attachment> attachments = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String path = "attachments[" + i + "]";
            if (!item.isObject()) {
                throw new InvalidMessageException("'" + path + "' must be an object, got " + describe(item), path);
            }
            rejectUnknown(item, ATTACHMENT_FIELDS, path + ".");
            JsonNode size = given(item, "sizeBytes");
            if (size == null) {
                throw new InvalidMessageException("'" + path + ".sizeBytes' is required", path + ".sizeBytes");
            }
            if (!size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 0) {
                throw new InvalidMessageException("'" + path + ".sizeBytes' must be a whole number of bytes, at least 0, got "
                        + describe(size), path + ".sizeBytes");
            }
            attachments.add(Attachment.newBuilder()
                    .setFileName(prefixed(() -> requiredText(item, "fileName"), path))
                    .setContentType(prefixed(() -> requiredText(item, "contentType"), path))
                    .setSizeBytes(size.longValue())
                    .setUrl(prefixed(() -> optionalText(item, "url"), path))
                    .build());
        }
        return attachments;
    }

    private static Map<String, String> headers(JsonNode object) {
        JsonNode node = given(object, "headers");
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidMessageException("'headers' must be an object of strings, got " + describe(node), "headers");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> header : node.properties()) {
            if (!header.getValue().isString()) {
                String path = "headers." + header.getKey();
                throw new InvalidMessageException("'" + path + "' must be a string, got " + describe(header.getValue()), path);
            }
            headers.put(header.getKey(), header.getValue().stringValue());
        }
        return headers;
    }

    private interface Read<T> {
        T read();
    }

    /** Re-reports a nested field's problem with its full path, e.g. {@code attachments[0].fileName}. */
    private static <T> T prefixed(Read<T> read, String path) {
        try {
            return read.read();
        } catch (InvalidMessageException e) {
            String field = e.field() == null ? path : path + "." + e.field();
            throw new InvalidMessageException(e.getMessage().replace("'" + e.field() + "'", "'" + field + "'"), field);
        }
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT, POJO -> "an object";
            case NUMBER -> "a number (" + node + ")";
            case BOOLEAN -> node.asBoolean() ? "true" : "false";
            case STRING -> "a string";
            case NULL, MISSING -> "null";
            case BINARY -> "binary data";
        };
    }
}
