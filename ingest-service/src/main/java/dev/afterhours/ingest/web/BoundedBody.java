package dev.afterhours.ingest.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import dev.afterhours.security.web.BodyTooLargeException;
import org.springframework.util.unit.DataSize;

/**
 * Reads a request body up to a limit. A declared Content-Length over the limit is refused before reading; a
 * chunked body (no Content-Length) is refused as soon as the bytes read pass the limit, so neither can make the
 * service buffer more than the limit. The security module's filter caps every body at {@code afterhours.web.max-body-size}
 * as well; this is the (possibly smaller) limit of one endpoint.
 */
public final class BoundedBody {

    private BoundedBody() {
    }

    public static byte[] read(HttpServletRequest request, DataSize limit) throws IOException {
        long max = limit.toBytes();
        long declared = request.getContentLengthLong();
        if (declared > max) {
            throw new BodyTooLargeException(limit);
        }
        return read(request.getInputStream(), limit);
    }

    /** Reads a stream up to a limit; more bytes than that fail with {@link BodyTooLargeException}. */
    public static byte[] read(InputStream in, DataSize limit) throws IOException {
        long max = limit.toBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(max, 8192));
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > max) {
                throw new BodyTooLargeException(limit);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
