package dev.afterhours.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * Decodes a record the way any Confluent-format consumer would, knowing nothing of Afterhours: read the magic
 * byte and the 4-byte schema id, fetch the writer schema from {@code /schemas/ids/{id}} of a
 * Confluent-compatible registry API, and read the rest with plain Avro into a {@link GenericRecord}.
 */
public final class ConfluentWireFormat {

    private final String confluentCompatibleUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

    /** @param confluentCompatibleUrl e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7} */
    public ConfluentWireFormat(String confluentCompatibleUrl) {
        this.confluentCompatibleUrl = confluentCompatibleUrl;
    }

    public record Decoded(int schemaId, Schema writerSchema, GenericRecord record) {
    }

    public Decoded decode(byte[] payload) {
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        byte magic = buffer.get();
        if (magic != 0) {
            throw new IllegalArgumentException("Not the Confluent wire format: magic byte " + magic);
        }
        int schemaId = buffer.getInt();
        Schema schema = schemas.computeIfAbsent(schemaId, this::fetchSchema);
        try {
            GenericRecord record = new GenericDatumReader<GenericRecord>(schema).read(null,
                    DecoderFactory.get().binaryDecoder(payload, buffer.position(), buffer.remaining(), null));
            return new Decoded(schemaId, schema, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Schema fetchSchema(int id) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(confluentCompatibleUrl + "/schemas/ids/" + id)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Registry answered " + response.statusCode() + " for schema id " + id
                        + ": " + response.body());
            }
            JsonNode body = json.readTree(response.body());
            return new Schema.Parser().parse(body.get("schema").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
