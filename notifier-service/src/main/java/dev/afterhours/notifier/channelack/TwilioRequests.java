package dev.afterhours.notifier.channelack;

import com.twilio.security.RequestValidator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@code X-Twilio-Signature} with Twilio's own {@link RequestValidator} (as ingest's Twilio webhooks do): an
 * HMAC-SHA1, under the account's auth token, of the full URL Twilio called followed by the POST parameters sorted by
 * name. The URL Twilio called is the public one ({@code afterhours.notifier.twilio.public-base-url}, else
 * {@code afterhours.notifier.public-base-url}), not the one this service received behind a proxy: the public base
 * replaces everything before the path.
 */
public final class TwilioRequests {

    public static final String SIGNATURE_HEADER = "X-Twilio-Signature";

    private final @Nullable RequestValidator validator;
    private final String publicBaseUrl;

    /** @param authToken null: nothing verifies, every callback is refused */
    public TwilioRequests(@Nullable String authToken, String publicBaseUrl) {
        this.validator = authToken == null ? null : new RequestValidator(authToken);
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    public boolean configured() {
        return validator != null;
    }

    /**
     * @param path      the request's path as received
     * @param rawQuery  its raw query string, or null; part of the signed URL
     * @param form      the POST body's parameters alone (not the query's)
     * @param signature the header, or null when absent
     */
    public boolean verify(String path, @Nullable String rawQuery, Map<String, String> form, @Nullable String signature) {
        RequestValidator check = validator;
        if (check == null || signature == null || signature.isBlank()) {
            return false;
        }
        return check.validate(signedUrl(path, rawQuery), form, signature.strip());
    }

    /** The URL Twilio called and signed. */
    public String signedUrl(String path, @Nullable String rawQuery) {
        return publicBaseUrl + path + (rawQuery == null ? "" : "?" + rawQuery);
    }
}
