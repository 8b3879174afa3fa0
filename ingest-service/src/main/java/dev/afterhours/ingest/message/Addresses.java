package dev.afterhours.ingest.message;

import dev.afterhours.directory.DirectoryView;

/** Normal forms of addresses and message references, so lookups ignore case, display names and brackets. */
public final class Addresses {

    private Addresses() {
    }

    /**
     * An email address lower-cased without its display name ({@code "Dana <dana@x>"} is {@code dana@x}); a phone
     * number without spaces, dashes, dots or brackets. The same rule the directory uses for its sender index.
     */
    public static String normalise(String address) {
        return DirectoryView.normalise(address);
    }

    /** A provider message id as mail headers quote it ({@code <abc@mail>}) and as APIs do ({@code abc@mail}). */
    public static String messageRef(String reference) {
        String trimmed = reference.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("<") && trimmed.endsWith(">")) {
            return trimmed.substring(1, trimmed.length() - 1).trim();
        }
        return trimmed;
    }
}
