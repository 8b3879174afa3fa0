package dev.afterhours.directory;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;

/**
 * Converts between directory records and plain maps (parsed YAML or JSON), driven by the Avro schema, so the
 * YAML seed, the admin API and the topics share one shape. Field names are the schema's; instants are ISO-8601
 * strings; enums their symbol names. Every problem found is reported with its path.
 */
public final class DirectoryRecords {

    private DirectoryRecords() {
    }

    /**
     * @throws InvalidDirectoryRecordException naming every bad or unknown field, or failing validation
     */
    public static <T extends SpecificRecord> T fromMap(Map<?, ?> map, Class<T> type) {
        return fromMap(map, type, DirectoryValidator.shapeOnly());
    }

    /**
     * @param validator judges the record once converted, e.g. with the deployment's outbound allow-list
     * @throws InvalidDirectoryRecordException naming every bad or unknown field, or failing validation
     */
    public static <T extends SpecificRecord> T fromMap(Map<?, ?> map, Class<T> type, DirectoryValidator validator) {
        return convert(map, type, validator, false);
    }

    /**
     * As {@link #fromMap}, for a body parsed from JSON, where every value has its type: text must be a JSON string,
     * a flag a JSON boolean, a number a JSON number. (YAML leaves the type to the reader, so {@code fromMap} lets
     * {@code phone: 5550100} be text and {@code "true"} a flag; JSON that says {@code "name": true} is a mistake.)
     */
    public static <T extends SpecificRecord> T fromJson(Map<?, ?> map, Class<T> type, DirectoryValidator validator) {
        return convert(map, type, validator, true);
    }

    private static <T extends SpecificRecord> T convert(Map<?, ?> map, Class<T> type, DirectoryValidator validator,
            boolean strict) {
        Schema schema = SpecificData.get().getSchema(type);
        List<String> problems = new ArrayList<>();
        Object record = convert(map, schema, "", problems, strict);
        if (!problems.isEmpty()) {
            throw new InvalidDirectoryRecordException(problems);
        }
        T typed = type.cast(record);
        validator.check(typed);
        return typed;
    }

    /** The record as a map of plain values, the inverse of {@link #fromMap}. */
    public static Map<String, Object> toMap(SpecificRecord record) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) toPlain(record, record.getSchema());
        return map;
    }

    private static @Nullable Object toPlain(@Nullable Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        return switch (schema.getType()) {
            case RECORD -> {
                SpecificRecord record = (SpecificRecord) value;
                Map<String, Object> map = new LinkedHashMap<>();
                for (Schema.Field field : schema.getFields()) {
                    map.put(field.name(), toPlain(record.get(field.pos()), field.schema()));
                }
                yield map;
            }
            case UNION -> toPlain(value, schema.getTypes().get(SpecificData.get().resolveUnion(schema, value)));
            case ARRAY -> ((List<?>) value).stream().map(v -> toPlain(v, schema.getElementType())).toList();
            case MAP -> {
                Map<String, Object> map = new LinkedHashMap<>();
                ((Map<?, ?>) value).forEach((k, v) -> map.put(k.toString(), toPlain(v, schema.getValueType())));
                yield map;
            }
            case ENUM -> value.toString();
            case LONG -> value instanceof Instant instant ? instant.toString() : value;
            default -> value;
        };
    }

    /** Four-digit years: what every consumer's date library, and Avro's timestamp-millis, can hold. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private static @Nullable Object convert(@Nullable Object value, Schema schema, String path, List<String> problems,
            boolean strict) {
        switch (schema.getType()) {
            case UNION -> {
                boolean nullable = schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
                if (value == null || (nullable && !strict && "null".equals(value))) {
                    if (!nullable) {
                        problems.add(path + ": must not be null");
                    }
                    return null;
                }
                Schema branch = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
                return convert(value, branch, path, problems, strict);
            }
            case RECORD -> {
                if (!(value instanceof Map<?, ?> map)) {
                    problems.add(path(path) + ": expected an object, got " + describe(value));
                    return null;
                }
                SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
                for (Object key : map.keySet()) {
                    if (schema.getField(String.valueOf(key)) == null) {
                        problems.add(join(path, String.valueOf(key)) + ": unknown field (known: "
                                + schema.getFields().stream().map(Schema.Field::name).toList() + ")");
                    }
                }
                for (Schema.Field field : schema.getFields()) {
                    String fieldPath = join(path, field.name());
                    Object fieldValue = map.get(field.name());
                    if (fieldValue == null && !map.containsKey(field.name())) {
                        if (field.hasDefaultValue()) {
                            record.put(field.pos(), SpecificData.get().deepCopy(field.schema(), SpecificData.get().getDefaultValue(field)));
                        } else {
                            problems.add(fieldPath + ": missing");
                        }
                        continue;
                    }
                    record.put(field.pos(), convert(fieldValue, field.schema(), fieldPath, problems, strict));
                }
                return record;
            }
            case ARRAY -> {
                if (!(value instanceof List<?> list)) {
                    problems.add(path + ": expected a list, got " + describe(value));
                    return List.of();
                }
                List<Object> converted = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    converted.add(convert(list.get(i), schema.getElementType(), path + "[" + i + "]", problems, strict));
                }
                return converted;
            }
            case MAP -> {
                if (!(value instanceof Map<?, ?> map)) {
                    problems.add(path + ": expected an object, got " + describe(value));
                    return Map.of();
                }
                Map<String, Object> converted = new LinkedHashMap<>();
                map.forEach((k, v) -> converted.put(String.valueOf(k), convert(v, schema.getValueType(), join(path, String.valueOf(k)), problems, strict)));
                return converted;
            }
            case ENUM -> {
                if (strict && !(value instanceof String)) {
                    problems.add(path + ": expected one of " + schema.getEnumSymbols() + " as text, got " + describe(value));
                    return null;
                }
                String symbol = value == null ? null : value.toString().trim().toUpperCase(java.util.Locale.ROOT);
                if (symbol == null || !schema.getEnumSymbols().contains(symbol)) {
                    problems.add(path + ": '" + value + "' is not one of " + schema.getEnumSymbols());
                    return null;
                }
                return SpecificData.get().createEnum(symbol, schema);
            }
            case STRING -> {
                if (value == null || value instanceof Map || value instanceof List || (strict && !(value instanceof String))) {
                    problems.add(path + ": expected text, got " + describe(value));
                    return null;
                }
                return value.toString();
            }
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    return b;
                }
                if (!strict && ("true".equalsIgnoreCase(String.valueOf(value)) || "false".equalsIgnoreCase(String.valueOf(value)))) {
                    return Boolean.parseBoolean(String.valueOf(value));
                }
                problems.add(path + ": expected true or false, got " + describe(value));
                return false;
            }
            case INT, LONG -> {
                LogicalType logicalType = schema.getLogicalType();
                if (logicalType instanceof LogicalTypes.TimestampMillis) {
                    try {
                        if (strict && !(value instanceof String)) {
                            throw new DateTimeParseException("not text", String.valueOf(value), 0);
                        }
                        Instant instant = Instant.parse(String.valueOf(value));
                        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                            problems.add(path + ": must be between " + EARLIEST + " and " + LATEST + ", was " + value);
                            return Instant.EPOCH;
                        }
                        return instant;
                    } catch (DateTimeParseException e) {
                        problems.add(path + ": '" + value + "' is not an ISO-8601 instant like 2026-11-23T22:14:05Z");
                        return Instant.EPOCH;
                    }
                }
                if (strict && !(value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger)) {
                    problems.add(path + ": expected a whole number, got " + describe(value));
                    return 0;
                }
                try {
                    if (value instanceof java.math.BigInteger big) {
                        value = big.longValueExact();
                    }
                    long number = value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value).trim());
                    return schema.getType() == Schema.Type.INT ? (Object) Math.toIntExact(number) : (Object) number;
                } catch (NumberFormatException | ArithmeticException e) {
                    problems.add(path + ": expected a whole number, got " + describe(value));
                    return 0;
                }
            }
            case DOUBLE, FLOAT -> {
                if (strict && !(value instanceof Number)) {
                    problems.add(path + ": expected a number, got " + describe(value));
                    return 0.0;
                }
                try {
                    double number = value instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(value).trim());
                    return schema.getType() == Schema.Type.FLOAT ? (Object) (float) number : (Object) number;
                } catch (NumberFormatException e) {
                    problems.add(path + ": expected a number, got " + describe(value));
                    return 0.0;
                }
            }
            default -> {
                problems.add(path + ": unsupported schema type " + schema.getType());
                return null;
            }
        }
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static String path(String path) {
        return path.isEmpty() ? "record" : path;
    }

    private static String describe(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "'" + value + "'";
    }
}
