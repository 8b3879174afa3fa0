package dev.afterhours.contracts.serde;

import com.microsoft.kiota.ApiException;
import java.io.EOFException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a record that cannot be decoded <em>for now</em> (the registry unreachable or failing) from one that never
 * will be (not the wire format, an unknown schema id, corrupt Avro). Consumers retry the first kind with backoff,
 * holding the partition, and park only the second on the dead-letter topic.
 */
public final class DecodeFailures {

    private DecodeFailures() {
    }

    /**
     * True when a cause is about reaching the registry: an I/O or connect failure, a timeout, or an HTTP answer
     * 5xx, 408 or 429. False for everything about the record itself, including a registry answer 404 (unknown
     * schema id) and an {@link EOFException} from truncated Avro.
     */
    public static boolean isTransient(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ApiException api) {
                int status = api.getResponseStatusCode();
                return status >= 500 || status == 408 || status == 429;
            }
            if (cause instanceof EOFException) {
                return false;
            }
            if (cause instanceof IOException || cause instanceof HttpTimeoutException
                    || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
