package dev.afterhours.notifier.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Twilio and Slack senders against a local server: what they retry, and what they never send twice. */
class ProviderSendersTest {

    private static final String MESSAGES = "/2010-04-01/Accounts/AC1/Messages.json";

    private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeEach
    void start() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private TwilioSender twilio(Duration timeout) {
        return new TwilioSender(new TwilioProperties("AC1", "token", "+15550100999", URI.create(server.baseUrl()), null,
                timeout), URI.create("https://notifier.example"), 3, Duration.ofMillis(10));
    }

    private SlackPoster slack() {
        return new SlackPoster(new SlackProperties("xoxb-1", "secret", URI.create(server.baseUrl() + "/api"),
                Duration.ofSeconds(2)), 3, Duration.ofMillis(10));
    }

    @Test
    void aLongSlackListIsPackedIntoSectionsWithinSlacksLimitsAndSaysWhatItLeftOut() {
        server.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(aResponse().withStatus(200)
                .withBody("{\"ok\": true}")));
        List<String> lines = IntStream.rangeClosed(1, 2_000).mapToObj(i -> i + ". " + "x".repeat(90)).toList();
        assertThat(slack().lines("U1", "headline", "intro", lines, "d-1")).isEqualTo(new DeliveryResult.Delivered(1));

        JsonNode body = JsonMapper.builder().build().readTree(
                server.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage"))).getFirst().getBodyAsString());
        List<String> sections = new ArrayList<>();
        body.path("blocks").forEach(block -> sections.add(block.path("text").path("text").asString()));
        assertThat(sections).hasSize(50).allSatisfy(text -> assertThat(text.length()).isLessThanOrEqualTo(3_000));
        assertThat(sections.getFirst()).isEqualTo("intro");
        List<String> shown = sections.subList(1, 49).stream().flatMap(String::lines).toList();
        assertThat(shown).as("whole lines, in order, from the first").hasSizeLessThan(2_000)
                .isEqualTo(lines.subList(0, shown.size()));
        assertThat(sections.getLast()).isEqualTo("_…and " + (2_000 - shown.size()) + " more that one Slack message cannot hold._");
    }

    @Test
    void twilioBusyOnceIsRetriedAndTheTextGoesOutOnce() {
        server.stubFor(post(urlEqualTo(MESSAGES)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        server.stubFor(post(urlEqualTo(MESSAGES)).inScenario("busy").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(201).withBody("{\"sid\": \"SM1\"}")));
        assertThat(twilio(Duration.ofSeconds(2)).sms("+4930555010", "page", "n-1")).isEqualTo(new DeliveryResult.Delivered(2));
        assertThat(server.findAll(postRequestedFor(urlEqualTo(MESSAGES)))).hasSize(2);
    }

    @Test
    void aNumberTwilioRefusesIsRecordedWithItsErrorCodeAndNotRetried() {
        server.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400)
                .withBody("{\"code\": 21211, \"message\": \"The 'To' number +4930 is not a valid phone number.\"}")));
        DeliveryResult result = twilio(Duration.ofSeconds(2)).sms("+4930", "page", "n-1");
        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Failed.class, f -> assertThat(f.error())
                .contains("HTTP 400", "Twilio error 21211", "not retried").doesNotContain("not a valid phone number"));
        assertThat(server.findAll(postRequestedFor(urlEqualTo(MESSAGES)))).hasSize(1);
    }

    @Test
    void aRequestTwilioTookButDidNotAnswerInTimeIsNotSentAgain() {
        server.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201).withFixedDelay(1500)));
        DeliveryResult result = twilio(Duration.ofMillis(300)).sms("+4930555010", "page", "n-1");
        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Failed.class,
                f -> assertThat(f.error()).contains("did not answer in time", "could send it twice"));
        assertThat(server.findAll(postRequestedFor(urlEqualTo(MESSAGES)))).hasSize(1);
    }

    @Test
    void withoutTwilioConfiguredNothingIsCalled() {
        TwilioSender off = new TwilioSender(new TwilioProperties(null, null, null, URI.create(server.baseUrl()), null,
                Duration.ofSeconds(1)), URI.create("https://notifier.example"), 3, Duration.ofMillis(10));
        assertThat(off.enabled()).isFalse();
        assertThat(off.sms("+4930555010", "page", "n-1")).isInstanceOf(DeliveryResult.Failed.class);
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void theCallReadsThePageAndGathersOneKeyForTheSignedAckUrl() {
        String twiml = TwilioSender.voiceTwiml("An emergency for Acme & Co.", "https://n.example/api/v1/pager/twilio/voice/n-1/ack?staff=bob&sig=x");
        assertThat(twiml).contains("<Gather", "numDigits=\"1\"", "method=\"POST\"",
                "action=\"https://n.example/api/v1/pager/twilio/voice/n-1/ack?staff=bob&amp;sig=x\"",
                "An emergency for Acme &amp; Co. Press 1 to acknowledge.", "<Hangup/>");
    }

    @Test
    void slackRefusalsAreRecordedByNameAndOnlyRateLimitsRetried() {
        server.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(aResponse().withStatus(200)
                .withBody("{\"ok\": false, \"error\": \"channel_not_found\"}")));
        assertThat(slack().page("U1", "headline", "text", "n-1?sig=x", "n-1")).isInstanceOfSatisfying(DeliveryResult.Failed.class,
                f -> assertThat(f.error()).contains("channel_not_found", "not retried"));
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage")))).hasSize(1);

        server.resetAll();
        server.stubFor(post(urlEqualTo("/api/chat.postMessage")).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withBody("{\"ok\": false, \"error\": \"ratelimited\"}")).willSetStateTo("ok"));
        server.stubFor(post(urlEqualTo("/api/chat.postMessage")).inScenario("limit").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{\"ok\": true}")));
        assertThat(slack().page("U1", "headline", "text", "n-1?sig=x", "n-1")).isEqualTo(new DeliveryResult.Delivered(2));
    }
}
