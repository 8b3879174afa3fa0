package dev.afterhours.ingest.web;

import java.io.IOException;
import org.springframework.util.unit.DataSize;

/** A request body exceeded {@code afterhours.ingest.max-body-size}. Answered with 413. */
public class PayloadTooLargeException extends IOException {

    private final DataSize limit;

    public PayloadTooLargeException(DataSize limit) {
        super("request body is larger than the limit of " + limit.toBytes() + " bytes (" + describe(limit) + ")");
        this.limit = limit;
    }

    public DataSize limit() {
        return limit;
    }

    private static String describe(DataSize size) {
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
