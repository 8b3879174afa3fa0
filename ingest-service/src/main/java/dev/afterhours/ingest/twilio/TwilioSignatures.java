package dev.afterhours.ingest.twilio;

import com.twilio.security.RequestValidator;
import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@code X-Twilio-Signature} with Twilio's own {@link RequestValidator}: an HMAC-SHA1, keyed with the account's
 * auth token, of the full URL Twilio called followed by the POST parameters sorted by name. Behind a reverse proxy
 * the URL this service received differs from the one Twilio called (scheme, host, a path prefix), so the public base
 * URL, when configured, replaces everything before the path.
 */
public final class TwilioSignatures {

    private final @Nullable RequestValidator validator;
    private final @Nullable String publicBaseUrl;

    /** @param authToken null: nothing verifies, every webhook is refused */
    public TwilioSignatures(@Nullable String authToken, @Nullable URI publicBaseUrl) {
        this.validator = authToken == null ? null : new RequestValidator(authToken);
        String base = publicBaseUrl == null ? null : publicBaseUrl.toString();
        this.publicBaseUrl = base != null && base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public boolean configured() {
        return validator != null;
    }

    /**
     * @param receivedUrl  the URL as this service received it, scheme to path ({@code HttpServletRequest#getRequestURL})
     * @param path         the path as received ({@code getRequestURI})
     * @param query        the raw query string, or null
     * @param formParams   the POST body parameters (not those of the query string, which are part of the URL)
     * @param signature    the {@code X-Twilio-Signature} header, or null if absent
     */
    public boolean verify(String receivedUrl, String path, @Nullable String query, Map<String, String> formParams,
            @Nullable String signature) {
        if (validator == null || signature == null || signature.isBlank()) {
            return false;
        }
        return validator.validate(signedUrl(receivedUrl, path, query), formParams, signature.strip());
    }

    /**
     * The public URL of another path of this service, for the callbacks a TwiML answer names (Twilio calls them, so
     * they must be what Twilio can reach, and what it will sign).
     */
    public String publicUrl(String receivedUrl, String receivedPath, String otherPath) {
        if (publicBaseUrl != null) {
            return publicBaseUrl + otherPath;
        }
        String origin = receivedUrl.endsWith(receivedPath)
                ? receivedUrl.substring(0, receivedUrl.length() - receivedPath.length()) : receivedUrl;
        return origin + otherPath;
    }

    /** The URL Twilio called, as far as this service can know it. */
    String signedUrl(String receivedUrl, String path, @Nullable String query) {
        String url = publicBaseUrl == null ? receivedUrl : publicBaseUrl + path;
        return query == null ? url : url + "?" + query;
    }
}
