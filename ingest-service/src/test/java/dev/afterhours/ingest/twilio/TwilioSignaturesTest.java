package dev.afterhours.ingest.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignaturesTest {

    /** The example of Twilio's request-validation documentation: token, URL, parameters and signature. */
    private static final String DOC_TOKEN = "12345";
    private static final String DOC_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final Map<String, String> DOC_PARAMS = Map.of("CallSid", "CA1234567890ABCDE",
            "Caller", "+14158675309", "Digits", "1234", "From", "+14158675309", "To", "+18005551212");
    private static final String DOC_SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    private static final String TOKEN = "test-auth-token";
    private static final Map<String, String> SMS = Map.of("MessageSid", "SM0123", "From", "+15550100001",
            "To", "+15550100100", "Body", "Checkout is down");

    @Test
    void theLibraryAcceptsTheDocumentedExampleAndOurTestSignerReproducesIt() {
        TwilioSignatures signatures = new TwilioSignatures(DOC_TOKEN, null);

        assertThat(signatures.verify("https://mycompany.com/myapp.php", "/myapp.php", "foo=1&bar=2", DOC_PARAMS,
                DOC_SIGNATURE)).isTrue();
        assertThat(TwilioRequests.sign(DOC_TOKEN, DOC_URL, DOC_PARAMS)).isEqualTo(DOC_SIGNATURE);
    }

    @Test
    void aTamperedParameterAnotherUrlOrAnotherTokenFails() {
        TwilioSignatures signatures = new TwilioSignatures(DOC_TOKEN, null);
        Map<String, String> tampered = new HashMap<>(DOC_PARAMS);
        tampered.put("Digits", "1235");

        assertThat(signatures.verify("https://mycompany.com/myapp.php", "/myapp.php", "foo=1&bar=2", tampered,
                DOC_SIGNATURE)).isFalse();
        assertThat(signatures.verify("https://mycompany.com/myapp.php", "/myapp.php", "foo=1&bar=3", DOC_PARAMS,
                DOC_SIGNATURE)).isFalse();
        assertThat(new TwilioSignatures("54321", null).verify("https://mycompany.com/myapp.php", "/myapp.php",
                "foo=1&bar=2", DOC_PARAMS, DOC_SIGNATURE)).isFalse();
    }

    @Test
    void behindAProxyTheConfiguredPublicBaseUrlIsWhatIsSigned() {
        String publicUrl = "https://hooks.agency.example/afterhours/api/v1/inbound/twilio/sms";
        String signature = TwilioRequests.sign(TOKEN, publicUrl, SMS);
        // what the service sees behind the proxy: plain HTTP, its own host and port, the prefix stripped
        String received = "http://10.0.0.7:8180/api/v1/inbound/twilio/sms";
        String path = "/api/v1/inbound/twilio/sms";

        assertThat(new TwilioSignatures(TOKEN, null).verify(received, path, null, SMS, signature))
                .as("without the public base URL the URL Twilio signed cannot be known").isFalse();
        TwilioSignatures behindProxy = new TwilioSignatures(TOKEN, URI.create("https://hooks.agency.example/afterhours/"));
        assertThat(behindProxy.verify(received, path, null, SMS, signature)).isTrue();
        assertThat(behindProxy.publicUrl(received, path, "/api/v1/inbound/twilio/voice/recording"))
                .isEqualTo("https://hooks.agency.example/afterhours/api/v1/inbound/twilio/voice/recording");
    }

    @Test
    void noSignatureOrNoTokenNeverVerifies() {
        String url = "http://127.0.0.1:8180/api/v1/inbound/twilio/sms";
        String signature = TwilioRequests.sign(TOKEN, url, SMS);

        assertThat(new TwilioSignatures(TOKEN, null).verify(url, "/api/v1/inbound/twilio/sms", null, SMS, null)).isFalse();
        assertThat(new TwilioSignatures(TOKEN, null).verify(url, "/api/v1/inbound/twilio/sms", null, SMS, " ")).isFalse();
        TwilioSignatures unconfigured = new TwilioSignatures(null, null);
        assertThat(unconfigured.configured()).isFalse();
        assertThat(unconfigured.verify(url, "/api/v1/inbound/twilio/sms", null, SMS, signature)).isFalse();
    }

    @Test
    void thePropertiesNeverShowTheToken() {
        TwilioProperties properties = new TwilioProperties("s3cr3t-token", null, java.time.Duration.ofHours(24),
                java.time.Duration.ofMinutes(10), java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(2));

        assertThat(properties.toString()).doesNotContain("s3cr3t-token").contains("authToken=(set)");
    }
}
