package dev.afterhours.scheduler.sla.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Plain Avro binary of generated records, without a registry, for {@code TopologyTestDriver}: the topology is
 * the same, only the wire format around it differs from production.
 */
final class TestAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final Schema readerSchema;

    private TestAvroSerde(Schema readerSchema) {
        this.readerSchema = readerSchema;
    }

    static <T extends SpecificRecord> TestAvroSerde<T> of(Class<T> type) {
        return new TestAvroSerde<>(SpecificData.get().getSchema(type));
    }

    /** Writes any generated record with its own schema; reading is not supported. */
    static TestAvroSerde<SpecificRecord> anyRecord() {
        return new TestAvroSerde<>(Schema.create(Schema.Type.NULL));
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> {
            if (record == null) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            try {
                new SpecificDatumWriter<T>(record.getSchema()).write(record, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new SerializationException(e);
            }
            return out.toByteArray();
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return new SpecificDatumReader<T>(readerSchema).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("Not a " + readerSchema.getName() + ": " + e, e);
            }
        };
    }
}
