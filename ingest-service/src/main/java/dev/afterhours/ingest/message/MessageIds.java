package dev.afterhours.ingest.message;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Our message id: a name-based UUID of provider and provider message id, so a provider retry gets the same id. */
public final class MessageIds {

    private MessageIds() {
    }

    public static String messageId(String provider, String providerMessageId) {
        // The length prefix keeps ("a:b", "c") and ("a", "b:c") apart.
        String name = "afterhours.message:" + provider.length() + ":" + provider + ":" + providerMessageId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
