package dev.afterhours.contracts.serde;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;

/**
 * Apicurio's datum provider with a cache in front that is keyed by the schema object itself. Apicurio's own cache is
 * keyed by the schema's parsing fingerprint, which it computes again for every record it reads or writes (the
 * canonical form built as a string, then hashed): 8 % of the classifier's CPU under load (JFR, 2026-12-08), spent
 * finding a reader it already had. The schemas seen are few and long-lived: a generated class's {@code SCHEMA$} when
 * writing, the registry client's cached schema per id when reading. A schema object not seen before falls through to
 * Apicurio, so what is created is exactly what Apicurio would create.
 */
public class SchemaInstanceDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    /** Far above the number of schema objects a service meets; reached only if something creates them per record. */
    static final int MAX_CACHED = 1_000;

    private final Map<SchemaInstance, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private final Map<SchemaInstance, DatumWriter<T>> writers = new ConcurrentHashMap<>();

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        return cached(readers, schema, () -> super.createDatumReader(schema));
    }

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        return cached(writers, schema, () -> super.createDatumWriter(data, schema));
    }

    private static <V> V cached(Map<SchemaInstance, V> cache, Schema schema, java.util.function.Supplier<V> create) {
        SchemaInstance key = new SchemaInstance(schema);
        V found = cache.get(key);
        if (found != null) {
            return found;
        }
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        V created = create.get();
        cache.putIfAbsent(key, created);
        return created;
    }

    /** A schema compared by identity: no deep comparison, no hashing of its contents. */
    private record SchemaInstance(Schema schema) {

        @Override
        public boolean equals(Object other) {
            return other instanceof SchemaInstance that && that.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }
}
