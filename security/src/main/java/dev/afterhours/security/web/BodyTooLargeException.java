package dev.afterhours.security.web;

import java.io.IOException;
import org.springframework.util.unit.DataSize;

/**
 * A request body passed its limit while it was read. An {@link IOException} because it is thrown from the body's
 * input stream, whoever reads it; answered with 413 and the limit as {@code limitBytes}.
 */
public class BodyTooLargeException extends IOException {

    private final DataSize limit;

    public BodyTooLargeException(DataSize limit) {
        super("request body is larger than the limit of " + limit.toBytes() + " bytes (" + describe(limit) + ")");
        this.limit = limit;
    }

    public DataSize limit() {
        return limit;
    }

    static String describe(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % (1024 * 1024) == 0) {
            return size.toMegabytes() + "MB";
        }
        if (bytes % 1024 == 0) {
            return size.toKilobytes() + "KB";
        }
        return bytes + "B";
    }
}
