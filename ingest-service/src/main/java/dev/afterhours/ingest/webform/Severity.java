package dev.afterhours.ingest.webform;

import java.util.Locale;
import java.util.Optional;

/**
 * How bad the sender says it is: the form's choice, carried on the message as the header
 * {@value #HEADER} ({@code critical}, {@code high}, {@code normal}, {@code low}) for the classifier to weigh. It is a
 * stranger's word, so it is a hint only: it does not mark the message {@code Priority: urgent} (which would also take
 * it past backpressure).
 */
public enum Severity {
    CRITICAL, HIGH, NORMAL, LOW;

    public static final String HEADER = "x-afterhours-severity";

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Severity> of(String value) {
        for (Severity severity : values()) {
            if (severity.value().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(severity);
            }
        }
        return Optional.empty();
    }
}
