package dev.afterhours.contracts.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.Attachment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class SchemaInstanceDatumProviderTest {

    private final SchemaInstanceDatumProvider<SpecificRecord> provider = new SchemaInstanceDatumProvider<>();
    private final Attachment attachment = new Attachment("invoice.pdf", "application/pdf", 48_213L, null);

    SchemaInstanceDatumProviderTest() {
        provider.setUseSpecificAvroReader(true);
    }

    @Test
    void theSameSchemaObjectGetsTheSameReaderAndWriterWithoutBeingFingerprintedAgain() {
        Schema schema = Attachment.getClassSchema();

        assertThat(provider.createDatumReader(schema)).isSameAs(provider.createDatumReader(schema));
        assertThat(provider.createDatumWriter(attachment, schema)).isSameAs(provider.createDatumWriter(attachment, schema));
    }

    @Test
    void whatItHandsOutWritesAndReadsTheRecordBack() throws IOException {
        Schema schema = Attachment.getClassSchema();

        assertThat(roundTrip(provider.createDatumWriter(attachment, schema), provider.createDatumReader(schema)))
                .isEqualTo(attachment);
    }

    @Test
    void anEqualSchemaParsedAgainIsAnotherObjectAndStillGetsAWorkingReader() throws IOException {
        Schema parsedAgain = new Schema.Parser().parse(Attachment.getClassSchema().toString());
        DatumReader<SpecificRecord> reader = provider.createDatumReader(parsedAgain);

        assertThat(reader).isSameAs(provider.createDatumReader(parsedAgain));
        assertThat(roundTrip(provider.createDatumWriter(attachment, Attachment.getClassSchema()), reader))
                .isEqualTo(attachment);
    }

    @Test
    void everySerializerAndDeserializerTheProjectConfiguresUsesIt() throws IllegalAccessException {
        // configure() only reads the settings; nothing is asked of the registry until a record is handled
        String registry = "http://127.0.0.1:9/apis/registry/v3";

        assertThat(datumProviderIn(RegistrySerdes.valueSerializer(registry), 4))
                .isInstanceOf(SchemaInstanceDatumProvider.class);
        assertThat(datumProviderIn(RegistrySerdes.valueDeserializer(registry), 4))
                .isInstanceOf(SchemaInstanceDatumProvider.class);
    }

    /** The AvroDatumProvider held somewhere in the fields of {@code holder}, at most {@code depth} objects down. */
    private static Object datumProviderIn(Object holder, int depth) throws IllegalAccessException {
        for (Class<?> type = holder.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (java.lang.reflect.Field field : type.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                field.setAccessible(true);
                Object value = field.get(holder);
                if (value instanceof io.apicurio.registry.serde.avro.AvroDatumProvider<?>) {
                    return value;
                }
                if (value != null && depth > 1 && value.getClass().getName().startsWith("io.apicurio.registry.serde")) {
                    Object found = datumProviderIn(value, depth - 1);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }

    private static SpecificRecord roundTrip(DatumWriter<SpecificRecord> writer, DatumReader<SpecificRecord> reader)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        var encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        writer.write(new Attachment("invoice.pdf", "application/pdf", 48_213L, null), encoder);
        encoder.flush();
        return reader.read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    }
}
