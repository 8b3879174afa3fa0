package dev.afterhours.classifier;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The value of a metric's {@code client} label: the client's own id for the first {@code limit} clients seen, then
 * {@value #OTHER}, so an agency with thousands of clients cannot turn one counter into thousands of series. First
 * come is enough here: the notifier's {@code afterhours_report_*} series rank the top clients by load, and the
 * reporting API has every client.
 */
public final class ClientLabels {

    public static final String OTHER = "other";
    /** Enough for a demo directory and a small agency; {@code afterhours.classifier.metrics.client-labels}. */
    public static final int DEFAULT_LIMIT = 20;

    private final int limit;
    private final Set<String> named = ConcurrentHashMap.newKeySet();

    public ClientLabels(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("afterhours.classifier.metrics.client-labels must be 0 or more, not " + limit);
        }
        this.limit = limit;
    }

    public String of(String clientId) {
        if (named.contains(clientId)) {
            return clientId;
        }
        synchronized (named) {
            if (named.size() < limit) {
                named.add(clientId);
                return clientId;
            }
        }
        return OTHER;
    }
}
