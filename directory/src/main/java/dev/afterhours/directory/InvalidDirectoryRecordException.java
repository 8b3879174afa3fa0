package dev.afterhours.directory;

import java.util.List;

/** A directory record was rejected; each problem names the field, e.g. {@code calendar.zone: unknown zone 'Mars/Base'}. */
public class InvalidDirectoryRecordException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidDirectoryRecordException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
