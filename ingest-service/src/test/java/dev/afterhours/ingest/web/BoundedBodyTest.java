package dev.afterhours.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import dev.afterhours.security.web.BodyTooLargeException;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class BoundedBodyTest {

    @Test
    void readsUpToTheLimit() throws IOException {
        assertThat(BoundedBody.read(new ByteArrayInputStream(new byte[1024]), DataSize.ofKilobytes(1))).hasSize(1024);
    }

    @Test
    void stopsReadingOnceTheLimitIsPassed() {
        CountingStream endless = new CountingStream();

        assertThatThrownBy(() -> BoundedBody.read(endless, DataSize.ofKilobytes(1)))
                .isInstanceOf(BodyTooLargeException.class)
                .hasMessageContaining("1024 bytes (1KB)");
        assertThat(endless.served).isLessThan(1024 + 8192 + 1);
    }

    /** An endless body, as a chunked upload without Content-Length may be. */
    private static final class CountingStream extends InputStream {
        long served;

        @Override
        public int read() {
            served++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            served += len;
            return len;
        }
    }
}
