package dev.afterhours.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Malformed and hostile request bodies, generated deterministically from a seed, from a valid template body of the
 * endpoint under attack: every one of them must be refused with a 4xx (and cause no side effect). Kinds: bad and
 * truncated JSON, a wrong JSON type for each field of the template, huge strings (1-2 MB), extreme or negative
 * timestamps and durations in the fields that hold them, nesting 10,000 levels deep, NUL and invalid UTF-8 bytes,
 * wrong content types, empty bodies, arrays instead of objects, duplicate keys.
 *
 * <pre>{@code
 * for (HostileRequests.Hostile h : HostileRequests.bodies(42, 500, HostileRequests.template(json)
 *         .timestamps("receivedAt").durations("target"))) { ... }
 * }</pre>
 */
public final class HostileRequests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Timestamps no event can hold: past Instant's and Avro timestamp-millis' range, or far outside four-digit years. */
    public static final List<String> EXTREME_TIMESTAMPS = List.of("+300000000-01-01T00:00:00Z",
            "-300000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "292278994-08-17T07:12:55.807Z", "0000-00-00T00:00:00Z",
            "2026-13-45T25:61:61Z", "9999999999999999999", "-1", "1e308", "");
    /** Durations nobody means: negative, beyond any SLA, past Duration's range, or not durations at all. */
    public static final List<String> EXTREME_DURATIONS = List.of("PT99999999999H", "PT2562047788015215H",
            "P999999999D", "P106751991167301D", "-PT1H", "PT-1S", "-P1D", "PT-0.5S", "P-1DT1H", "PT0.000000001S",
            "PT9223372036854775807S", "PT", "P", "", "1h", "forever");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "text/html",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
            "image/png", "application/json-patch", "*/*", "application");

    private HostileRequests() {
    }

    /**
     * A hostile request body.
     *
     * @param kind        what is wrong with it, for the assertion message
     * @param contentType the Content-Type to send, or null for none
     * @param body        the bytes
     * @param chunked     whether to send it without a Content-Length
     */
    public record Hostile(String kind, @Nullable String contentType, byte[] body, boolean chunked) {
        @Override
        public String toString() {
            String shown = new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8);
            return kind + " [" + contentType + ", " + body.length + " bytes" + (chunked ? ", chunked" : "") + "] "
                    + shown.replaceAll("\\p{Cntrl}", "?");
        }
    }

    /** The valid body the hostile ones are made from, and which of its fields hold timestamps and durations. */
    public record Template(ObjectNode json, List<String> timestampFields, List<String> durationFields) {
        public Template timestamps(String... fields) {
            return new Template(json, List.of(fields), durationFields);
        }

        public Template durations(String... fields) {
            return new Template(json, timestampFields, List.of(fields));
        }
    }

    public static Template template(String validJsonObject) {
        JsonNode node = JSON.readTree(validJsonObject);
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("a template is a JSON object: " + validJsonObject);
        }
        return new Template(object, List.of(), List.of());
    }

    /** {@code count} hostile bodies for the template, the same ones for the same seed. */
    public static List<Hostile> bodies(long seed, int count, Template template) {
        Random random = new Random(seed);
        List<Hostile> hostile = new ArrayList<>(count);
        List<String> fields = new ArrayList<>();
        template.json().propertyNames().forEach(fields::add);
        for (int i = 0; i < count; i++) {
            hostile.add(one(random, i % 12, template, fields));
        }
        return hostile;
    }

    /** Hostile values for a query parameter or path segment (not URL-encoded). */
    public static List<String> values(long seed, int count) {
        Random random = new Random(seed);
        List<String> pool = new ArrayList<>();
        pool.addAll(EXTREME_TIMESTAMPS);
        pool.addAll(EXTREME_DURATIONS);
        pool.addAll(List.of("-1", "0", "99999999999", "-99999999999", "1.5", "NaN", "Infinity", "0x10", "1e9",
                "null", "true", "[]", "{}", "\u0000", "%00", "' OR 1=1 --", "../../etc/passwd", "<script>", "\uFFFF",
                "\uD800", "emergency", " ", "\t\n"));
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String value = pool.get(random.nextInt(pool.size()));
            if (random.nextInt(10) == 0) {
                value = value + "x".repeat(random.nextInt(2000, 6000)); // long, under a header's limit
            }
            values.add(value);
        }
        return values;
    }

    private static Hostile one(Random random, int kind, Template template, List<String> fields) {
        String valid = template.json().toString();
        String json = "application/json";
        return switch (kind) {
            case 0 -> new Hostile("bad JSON", json, bytes(badJson(random, valid)), false);
            case 1 -> new Hostile("truncated JSON", json, bytes(valid.substring(0, random.nextInt(1, valid.length()))),
                    random.nextBoolean());
            case 2 -> {
                String field = fields.get(random.nextInt(fields.size()));
                ObjectNode copy = template.json().deepCopy();
                copy.set(field, wrongType(random, copy.get(field)));
                yield new Hostile("wrong type for " + field, json, bytes(copy.toString()), false);
            }
            case 3 -> {
                String field = fields.get(random.nextInt(fields.size()));
                ObjectNode copy = template.json().deepCopy();
                copy.put(field, "h".repeat(random.nextInt(1024 * 1024, 2 * 1024 * 1024)));
                yield new Hostile("huge string in " + field, json, bytes(copy.toString()), random.nextBoolean());
            }
            case 4 -> {
                List<String> timed = new ArrayList<>(template.timestampFields());
                timed.addAll(template.durationFields());
                if (timed.isEmpty()) {
                    yield new Hostile("array instead of object", json, bytes("[" + valid + "]"), false);
                }
                String field = timed.get(random.nextInt(timed.size()));
                List<String> pool = template.timestampFields().contains(field) ? EXTREME_TIMESTAMPS : EXTREME_DURATIONS;
                ObjectNode copy = template.json().deepCopy();
                copy.put(field, pool.get(random.nextInt(pool.size())));
                yield new Hostile("extreme value in " + field, json, bytes(copy.toString()), false);
            }
            case 5 -> {
                int depth = random.nextBoolean() ? 10_000 : random.nextInt(1_000, 10_000);
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                String nested = open.repeat(depth) + "1" + close.repeat(depth);
                String field = fields.get(random.nextInt(fields.size()));
                String body = random.nextBoolean() ? nested
                        : valid.replaceFirst("\\{", "{\"" + field + "\": " + nested.replace("$", "") + ", ");
                yield new Hostile("nested " + depth + " deep", json, bytes(body), false);
            }
            case 6 -> new Hostile("NUL or invalid UTF-8", json, badBytes(random, valid), false);
            case 7 -> new Hostile("wrong content type", CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size())),
                    random.nextBoolean() ? bytes(valid) : bytes("<" + valid + ">"), false);
            case 8 -> new Hostile("empty body", random.nextInt(3) == 0 ? null : json,
                    random.nextBoolean() ? new byte[0] : bytes(List.of(" ", "\n", "null", "\"\"", "0", "{}").get(
                            random.nextInt(6))), random.nextBoolean());
            case 9 -> new Hostile("array instead of object", json,
                    bytes(random.nextBoolean() ? "[" + valid + "]" : "[]"), false);
            case 10 -> {
                String field = fields.get(random.nextInt(fields.size()));
                String duplicate = "\"" + field + "\": " + wrongType(random, template.json().get(field)) + ", ";
                yield new Hostile("duplicate key " + field, json, bytes(valid.replaceFirst("\\{",
                        java.util.regex.Matcher.quoteReplacement("{" + duplicate))), false);
            }
            default -> new Hostile("not an object", json,
                    bytes(List.of("42", "true", "\"a string\"", "-1e999", "NaN", "undefined").get(random.nextInt(6))),
                    false);
        };
    }

    /**
     * Sends one hostile body with {@code Authorization: Bearer <token>} (chunked when it says so) and returns the
     * status; a connection the server closed on a huge body counts as the 413 it answered before closing, if it did.
     */
    public static int send(HttpClient http, String method, URI uri, @Nullable String bearerToken, Hostile hostile)
            throws InterruptedException {
        HttpRequest.BodyPublisher publisher = hostile.chunked()
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(hostile.body()))
                : HttpRequest.BodyPublishers.ofByteArray(hostile.body());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).method(method, publisher);
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        if (hostile.contentType() != null) {
            request.header("Content-Type", hostile.contentType());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("no answer to " + method + " " + uri + " with " + hostile, e);
        }
    }

    /** Counts answers by status; {@link #fiveHundreds()} lists what drew a 5xx, or anything but a 4xx. */
    public static final class Tally {
        private final Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
        private final List<String> notRefused = new ArrayList<>();

        public void add(int status, String what) {
            byStatus.merge(status, 1, Integer::sum);
            if (status < 400 || status >= 500) {
                notRefused.add(status + " for " + what);
            }
        }

        public Map<Integer, Integer> byStatus() {
            return Map.copyOf(byStatus);
        }

        public int total() {
            return byStatus.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int refused() {
            return byStatus.entrySet().stream().filter(e -> e.getKey() >= 400 && e.getKey() < 500)
                    .mapToInt(Map.Entry::getValue).sum();
        }

        public List<String> notRefused() {
            return List.copyOf(notRefused);
        }

        @Override
        public String toString() {
            return total() + " hostile requests, by status " + byStatus;
        }
    }

    private static String badJson(Random random, String valid) {
        return switch (random.nextInt(8)) {
            case 0 -> valid.replace("\"", "'");
            case 1 -> valid.replaceFirst(":", "");
            case 2 -> valid.substring(0, valid.length() - 1) + ",}";
            case 3 -> valid + valid;
            case 4 -> valid.replace("{", "{{");
            case 5 -> valid + " trailing";
            case 6 -> "{" + HexFormat.of().formatHex(randomBytes(random, 32)) + "}";
            default -> valid.replaceFirst("\"(\\w+)\":", "$1:");
        };
    }

    private static JsonNode wrongType(Random random, @Nullable JsonNode current) {
        Map<String, JsonNode> choices = new LinkedHashMap<>();
        choices.put("number", JSON.getNodeFactory().numberNode(random.nextBoolean() ? -1 : 1e300));
        choices.put("boolean", JSON.getNodeFactory().booleanNode(random.nextBoolean()));
        choices.put("array", JSON.createArrayNode().add(1).add("two"));
        choices.put("object", JSON.createObjectNode().put("nested", "object"));
        choices.put("string", JSON.getNodeFactory().stringNode("not-what-you-expected"));
        String own = current == null ? "" : current.isNumber() ? "number" : current.isBoolean() ? "boolean"
                : current.isArray() ? "array" : current.isObject() ? "object" : current.isString() ? "string" : "";
        choices.remove(own);
        List<JsonNode> values = new ArrayList<>(choices.values());
        return values.get(random.nextInt(values.size()));
    }

    /** NUL or invalid UTF-8 where the JSON cannot absorb it: between tokens, or raw inside a string. */
    private static byte[] badBytes(Random random, String valid) {
        byte[][] bad = {{0}, {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xED, (byte) 0xA0,
                (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xC0, (byte) 0x80}};
        byte[] chosen = bad[random.nextInt(bad.length)];
        byte[] text = bytes(valid);
        int at = random.nextBoolean() ? 1 : Math.max(1, valid.indexOf(':') + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(text, 0, at);
        out.writeBytes(chosen);
        out.write(text, at, text.length - at);
        return out.toByteArray();
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
