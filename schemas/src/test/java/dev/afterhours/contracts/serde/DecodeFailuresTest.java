package dev.afterhours.contracts.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.kiota.ApiException;
import java.io.EOFException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class DecodeFailuresTest {

    /** What the registry client throws for an HTTP error answer (ApiException's status setter is protected). */
    private static final class RegistryAnswer extends ApiException {
        RegistryAnswer(int code) {
            super("registry answered " + code);
            setResponseStatusCode(code);
        }
    }

    private static ApiException status(int code) {
        return new RegistryAnswer(code);
    }

    @Test
    void theRegistryUnreachableOrFailingIsTransient() {
        assertThat(DecodeFailures.isTransient(new IllegalStateException(
                new ExecutionException(new ConnectException("Connection refused"))))).isTrue();
        assertThat(DecodeFailures.isTransient(new SerializationException(new CompletionException(
                new HttpConnectTimeoutException("connect timed out"))))).isTrue();
        assertThat(DecodeFailures.isTransient(new UncheckedIOException(new SocketTimeoutException("read")))).isTrue();
        assertThat(DecodeFailures.isTransient(new RuntimeException(new UnknownHostException("registry")))).isTrue();
        assertThat(DecodeFailures.isTransient(new SerializationException(status(503)))).isTrue();
        assertThat(DecodeFailures.isTransient(new SerializationException(status(500)))).isTrue();
        assertThat(DecodeFailures.isTransient(new SerializationException(status(429)))).isTrue();
    }

    @Test
    void aRecordThatCanNeverBeDecodedIsPermanent() {
        assertThat(DecodeFailures.isTransient(new SerializationException("Unknown magic byte!"))).isFalse();
        assertThat(DecodeFailures.isTransient(new SerializationException(status(404)))).isFalse();
        assertThat(DecodeFailures.isTransient(new SerializationException(status(400)))).isFalse();
        assertThat(DecodeFailures.isTransient(new AvroRuntimeException(new EOFException()))).isFalse();
        assertThat(DecodeFailures.isTransient(new AvroRuntimeException("Malformed data. Length is negative: -40")))
                .isFalse();
        assertThat(DecodeFailures.isTransient(new ArrayIndexOutOfBoundsException(7))).isFalse();
    }
}
