package dev.afterhours.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.afterhours.notifier.TestEvents.WAIT;
import static dev.afterhours.notifier.TestEvents.awaitEvents;
import static dev.afterhours.notifier.TestEvents.client;
import static dev.afterhours.notifier.TestEvents.ensureTopics;
import static dev.afterhours.notifier.TestEvents.escalation;
import static dev.afterhours.notifier.TestEvents.freePort;
import static dev.afterhours.notifier.TestEvents.ofEscalation;
import static dev.afterhours.notifier.TestEvents.policy;
import static dev.afterhours.notifier.TestEvents.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.EscalationLevel;
import dev.afterhours.contracts.EscalationPolicy;
import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.NotificationAcknowledged;
import dev.afterhours.contracts.NotificationChannel;
import dev.afterhours.contracts.NotificationEscalated;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.SupportCalendar;
import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.notifier.channelack.ChannelAcks;
import dev.afterhours.notifier.channelack.ProviderSignatures;
import dev.afterhours.security.slack.SlackSignatures;
import dev.afterhours.notifier.ledger.NotificationLedger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pages on real channels and acknowledgements from them: the notifier against a real broker and registry (testkit),
 * WireMock standing in for Twilio's and Slack's APIs (their base URLs are configuration), GreenMail for mail. The
 * test plays Twilio and Slack calling back, signing as they document. Acknowledgement timeouts run on the wall clock,
 * short, as in {@link NotifierIT}; the clients' zone is chosen so that it is 02:00-something there now.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class PagerChannelsIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String PUBLIC = "http://notifier.test";
    static final String ACCOUNT = "AC" + UUID.randomUUID().toString().replace("-", "");
    static final String AUTH_TOKEN = "twilio-token-" + UUID.randomUUID();
    static final String PAGER_NUMBER = "+15550100999";
    static final String SIGNING_SECRET = "slack-secret-" + UUID.randomUUID();
    static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    static final String CALLS = "/2010-04-01/Accounts/" + ACCOUNT + "/Calls.json";

    static final WireMockServer providers = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    static final WebhookReceiver webhooks = WebhookReceiver.start();
    static final int SMTP_PORT = freePort();
    static final GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        providers.start();
        smtp.start();
    }

    /** A zone in which it is 02:xx now: an emergency in the middle of the client's night. */
    static final Instant STARTED = Instant.now();
    static final ZoneId NIGHT_ZONE = twoAmZone(STARTED);

    // Scenario ids and phones, unique per run: the broker is shared by every test class of this JVM.
    static final String TEXTER = "texter-" + RUN;
    static final String CALLEE = "callee-" + RUN;
    static final String SLACKER = "slacker-" + RUN;
    static final String SMS_CLIENT = "sms-co-" + RUN;
    static final String VOICE_CLIENT = "voice-co-" + RUN;
    static final String SLACK_CLIENT = "slack-co-" + RUN;
    static final String FIRST = "first-" + RUN;
    static final String SECOND = "second-" + RUN;
    static final String DUTY = "duty-" + RUN;
    static final String NIGHT_CLIENT = "night-co-" + RUN;
    static final String ACK_FIRST = "ackfirst-" + RUN;
    static final String ACK_SECOND = "acksecond-" + RUN;
    static final String ACK_DUTY = "ackduty-" + RUN;
    static final String ACKED_NIGHT_CLIENT = "acked-night-co-" + RUN;
    static final Map<String, String> PHONES = new LinkedHashMap<>();
    static final String SLACK_USER = "U" + RUN.toUpperCase().replaceAll("[^A-Z0-9]", "0");

    static {
        for (String id : List.of(TEXTER, CALLEE, FIRST, SECOND, DUTY, ACK_FIRST, ACK_SECOND, ACK_DUTY)) {
            PHONES.put(id, "+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    DirectoryView directory;

    @Autowired
    NotificationLedger ledger;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEvents.notifierProperties(registry, SMTP_PORT, webhooks);
        registry.add("afterhours.notifier.public-base-url", () -> PUBLIC);
        registry.add("afterhours.notifier.retry-backoff", () -> "PT0.05S");
        registry.add("afterhours.notifier.escalation-check-interval", () -> "PT0.2S");
        TestEvents.providerProperties(registry, providers::baseUrl, ACCOUNT, AUTH_TOKEN, PAGER_NUMBER,
                "xoxb-test-" + RUN, SIGNING_SECRET);
    }

    @BeforeAll
    static void seed() {
        ensureTopics();
        providers.stubFor(post(urlPathMatching("/2010-04-01/Accounts/.+/Messages.json"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\": \"SM" + RUN + "\", \"status\": \"queued\"}")));
        providers.stubFor(post(urlPathMatching("/2010-04-01/Accounts/.+/Calls.json"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\": \"CA" + RUN + "\", \"status\": \"queued\"}")));
        providers.stubFor(post(urlEqualTo("/api/chat.postMessage"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\": true, \"channel\": \"D1\", \"ts\": \"1.2\"}")));

        try (DirectoryPublisher publisher = TestEvents.loopbackPublisher()) {
            publisher.publish(person(TEXTER).build());
            publisher.publish(person(CALLEE).build());
            publisher.publish(StaffMember.newBuilder().setStaffId(SLACKER).setName("Sam Slack").setZone("UTC")
                    .setSlackUserId(SLACK_USER).build());
            publisher.publish(client(SMS_CLIENT, "Texting Ltd", TEXTER, null));
            publisher.publish(policy("voice-pol-" + RUN, level(CALLEE, "PT1H", NotificationChannel.VOICE)));
            publisher.publish(client(VOICE_CLIENT, "Calling Ltd", TEXTER, "voice-pol-" + RUN));
            publisher.publish(client(SLACK_CLIENT, "Slacking Ltd", SLACKER, null));

            // The night: both levels asleep (22:00-07:00 on their own clock), woken only on the level's channel.
            publisher.publish(asleep(FIRST, NotificationChannel.SMS));
            publisher.publish(asleep(SECOND, NotificationChannel.VOICE));
            publisher.publish(person(DUTY).setEmail(DUTY + "@agency.example").setZone(NIGHT_ZONE.getId()).build());
            publisher.publish(nightPolicy("night-pol-" + RUN, FIRST, SECOND, DUTY, "PT3S"));
            publisher.publish(nightClient(NIGHT_CLIENT, "Night Bakery", FIRST, "night-pol-" + RUN));

            publisher.publish(asleep(ACK_FIRST, NotificationChannel.SMS));
            publisher.publish(asleep(ACK_SECOND, NotificationChannel.VOICE));
            publisher.publish(person(ACK_DUTY).setEmail(ACK_DUTY + "@agency.example").setZone(NIGHT_ZONE.getId()).build());
            publisher.publish(nightPolicy("acked-night-pol-" + RUN, ACK_FIRST, ACK_SECOND, ACK_DUTY, "PT4S"));
            publisher.publish(nightClient(ACKED_NIGHT_CLIENT, "Night Brewery", ACK_FIRST, "acked-night-pol-" + RUN));
        }
    }

    @AfterAll
    static void stop() {
        providers.stop();
        smtp.stop();
        webhooks.close();
    }

    @BeforeEach
    void directoryHasTheScenarios() {
        await().atMost(WAIT).until(() -> directory.client(SMS_CLIENT).isPresent() && directory.client(VOICE_CLIENT).isPresent()
                && directory.client(SLACK_CLIENT).isPresent() && directory.client(NIGHT_CLIENT).isPresent()
                && directory.client(ACKED_NIGHT_CLIENT).isPresent() && directory.staff(ACK_DUTY).isPresent()
                && directory.escalationPolicy("acked-night-pol-" + RUN).isPresent());
    }

    // --- SMS ----------------------------------------------------------------------------------------------------

    @Test
    void anSmsPageGoesThroughTwilioAndAReplyOf1FromThatPhoneAcknowledgesIt() throws Exception {
        EscalationRequested escalation = escalation("esc-sms-" + RUN, SMS_CLIENT, "the till is down " + RUN);
        send(Topics.ESCALATIONS.name(), SMS_CLIENT, escalation);

        await().atMost(WAIT).until(() -> texts(PHONES.get(TEXTER)).size() == 1);
        LoggedRequest request = requests(MESSAGES).stream()
                .filter(r -> form(r).get("To").equals(PHONES.get(TEXTER))).findFirst().orElseThrow();
        assertThat(request.getHeader("Authorization")).isEqualTo("Basic " + java.util.Base64.getEncoder()
                .encodeToString((ACCOUNT + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)));
        Map<String, String> text = form(request);
        assertThat(text.get("From")).isEqualTo(PAGER_NUMBER);
        assertThat(text.get("Body")).startsWith("[911] Texting Ltd: the till is down " + RUN)
                .contains("Reply 1 to acknowledge").contains(PUBLIC + "/api/v1/notifications/");

        // Unsigned, forged, or from a number that is not a staff member's: refused, nothing acknowledged.
        Map<String, String> reply = smsReply(PHONES.get(TEXTER), "1");
        HttpResponse<String> forged = postForm("/api/v1/pager/twilio/sms", null, reply, "forged");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(json.readTree(forged.body()).get("field").asString()).isEqualTo("X-Twilio-Signature");
        assertThat(postForm("/api/v1/pager/twilio/sms", null, reply, null).statusCode()).isEqualTo(403);
        HttpResponse<String> stranger = twilio("/api/v1/pager/twilio/sms", null, smsReply("+15550000001", "1"));
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(json.readTree(stranger.body()).get("field").asString()).isEqualTo("From");
        assertThat(ledger.anyAcknowledged(escalation.getEscalationId())).isFalse();

        HttpResponse<String> chatter = twilio("/api/v1/pager/twilio/sms", null, smsReply(PHONES.get(TEXTER), "on my way?"));
        assertThat(chatter.statusCode()).isEqualTo(200);
        assertThat(chatter.body()).contains("Reply 1 or ACK");
        assertThat(ledger.anyAcknowledged(escalation.getEscalationId())).isFalse();

        Map<String, String> ack = smsReply(PHONES.get(TEXTER), "  Ack ");
        HttpResponse<String> taken = twilio("/api/v1/pager/twilio/sms", null, ack);
        assertThat(taken.statusCode()).isEqualTo(200);
        assertThat(taken.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("xml"));
        assertThat(taken.body()).contains("<Message>Acknowledged: Texting Ltd: the till is down " + RUN);
        List<NotificationEvent> events = awaitEvents(e -> !ofEscalation(e, escalation.getEscalationId(), NotificationAcknowledged.class).isEmpty());
        NotificationAcknowledged acknowledged = (NotificationAcknowledged) ofEscalation(events, escalation.getEscalationId(),
                NotificationAcknowledged.class).getFirst().getPayload();
        assertThat(acknowledged.getStaffId()).isEqualTo(TEXTER);
        assertThat(acknowledged.getNote()).isEqualTo("acknowledged by SMS reply");

        assertThat(twilio("/api/v1/pager/twilio/sms", null, ack).statusCode()).as("the same message replayed").isEqualTo(409);
        HttpResponse<String> again = twilio("/api/v1/pager/twilio/sms", null, smsReply(PHONES.get(TEXTER), "1"));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("Nothing to acknowledge");
    }

    // --- voice --------------------------------------------------------------------------------------------------

    @Test
    void aVoicePageCallsThePersonAndPressing1OnThatCallAcknowledges() throws Exception {
        EscalationRequested escalation = escalation("esc-voice-" + RUN, VOICE_CLIENT, "the ovens are cold " + RUN);
        send(Topics.ESCALATIONS.name(), VOICE_CLIENT, escalation);

        await().atMost(WAIT).until(() -> calls(PHONES.get(CALLEE)).size() == 1);
        assertThat(texts(PHONES.get(CALLEE))).as("a level of VOICE only calls").isEmpty();
        Map<String, String> call = calls(PHONES.get(CALLEE)).getFirst();
        assertThat(call.get("From")).isEqualTo(PAGER_NUMBER);
        String twiml = call.get("Twiml");
        assertThat(twiml).contains("<Gather").contains("numDigits=\"1\"").contains("Calling Ltd")
                .contains("the ovens are cold " + RUN).contains("Press 1 to acknowledge.");
        URI action = URI.create(gatherAction(twiml));
        assertThat(action.toString()).startsWith(PUBLIC + "/api/v1/pager/twilio/voice/");
        String path = action.getRawPath();
        String query = action.getRawQuery();

        Map<String, String> wrongKey = keyPress("2", PHONES.get(CALLEE));
        HttpResponse<String> two = twilio(path, query, wrongKey);
        assertThat(two.statusCode()).isEqualTo(200);
        assertThat(two.body()).contains("Not acknowledged");
        assertThat(twilio(path, query, keyPress("1", PHONES.get(TEXTER))).statusCode()).as("a call to someone else").isEqualTo(403);
        assertThat(twilio(path, query.replace("staff=", "staff=x"), keyPress("1", PHONES.get(CALLEE))).statusCode())
                .as("a changed token, signed by Twilio over the changed URL").isEqualTo(403);
        assertThat(postForm(path, query, keyPress("1", PHONES.get(CALLEE)), "forged").statusCode()).isEqualTo(403);
        assertThat(ledger.anyAcknowledged(escalation.getEscalationId())).isFalse();

        HttpResponse<String> one = twilio(path, query, keyPress("1", PHONES.get(CALLEE)));
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).contains("Acknowledged. Thank you, " + CALLEE);
        List<NotificationEvent> events = awaitEvents(e -> !ofEscalation(e, escalation.getEscalationId(), NotificationAcknowledged.class).isEmpty());
        assertThat(((NotificationAcknowledged) ofEscalation(events, escalation.getEscalationId(), NotificationAcknowledged.class)
                .getFirst().getPayload()).getStaffId()).isEqualTo(CALLEE);
    }

    // --- Slack --------------------------------------------------------------------------------------------------

    @Test
    void aSlackPageHasAnAcknowledgeButtonThatOnlyThePagedPersonCanPress() throws Exception {
        EscalationRequested escalation = escalation("esc-slack-" + RUN, SLACK_CLIENT, "the website is down " + RUN);
        send(Topics.ESCALATIONS.name(), SLACK_CLIENT, escalation);

        await().atMost(WAIT).until(() -> slackPosts(SLACK_USER).size() == 1);
        LoggedRequest request = requests("/api/chat.postMessage").stream()
                .filter(r -> json.readTree(r.getBodyAsString()).path("channel").asString().equals(SLACK_USER)).findFirst().orElseThrow();
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer xoxb-test-" + RUN);
        JsonNode page = json.readTree(request.getBodyAsString());
        assertThat(page.get("text").asString()).contains("Slacking Ltd: the website is down " + RUN);
        JsonNode button = page.get("blocks").get(1).get("elements").get(0);
        assertThat(button.get("text").get("text").asString()).isEqualTo("Acknowledge");
        String value = button.get("value").asString();

        long now = Instant.now().getEpochSecond();
        byte[] byStranger = interaction("U0STRANGER", value);
        HttpResponse<String> stranger = slack(byStranger, now, SlackSignatures.sign(SIGNING_SECRET, now, byStranger));
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(json.readTree(stranger.body()).get("field").asString()).isEqualTo("user.id");
        byte[] body = interaction(SLACK_USER, value);
        long stale = now - 600;
        assertThat(slack(body, stale, SlackSignatures.sign(SIGNING_SECRET, stale, body)).statusCode()).as("stale").isEqualTo(403);
        assertThat(slack(body, now, SlackSignatures.sign("not-the-secret", now, body)).statusCode()).as("forged").isEqualTo(403);
        byte[] otherPage = interaction(SLACK_USER, value.replaceFirst("^[^?]+", UUID.randomUUID().toString()));
        assertThat(slack(otherPage, now, SlackSignatures.sign(SIGNING_SECRET, now, otherPage)).statusCode())
                .as("the token moved to another page").isEqualTo(403);
        assertThat(ledger.anyAcknowledged(escalation.getEscalationId())).isFalse();

        String signature = SlackSignatures.sign(SIGNING_SECRET, now, body);
        HttpResponse<String> pressed = slack(body, now, signature);
        assertThat(pressed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(pressed.body()).get("acknowledged").asBoolean()).isTrue();
        List<NotificationEvent> events = awaitEvents(e -> !ofEscalation(e, escalation.getEscalationId(), NotificationAcknowledged.class).isEmpty());
        assertThat(((NotificationAcknowledged) ofEscalation(events, escalation.getEscalationId(), NotificationAcknowledged.class)
                .getFirst().getPayload()).getStaffId()).isEqualTo(SLACKER);
        await().atMost(WAIT).until(() -> slackPosts(SLACK_USER).size() == 2);
        assertThat(slackPosts(SLACK_USER).get(1).path("text").asString()).startsWith("Acknowledged: Slacking Ltd");
        assertThat(slack(body, now, signature).statusCode()).as("the same request replayed").isEqualTo(409);
    }

    // --- the night, end to end ----------------------------------------------------------------------------------

    @Test
    void anEmergencyAt2amTextsLevelOneCallsLevelTwoRepeatsAndTakesTheFinalActionWhenNobodyAnswers() {
        assertThat(STARTED.atZone(NIGHT_ZONE).getHour()).as("it is the middle of the client's night").isEqualTo(2);
        EscalationRequested escalation = escalation("esc-night-" + RUN, NIGHT_CLIENT, "the bakery orders are lost " + RUN);
        send(Topics.ESCALATIONS.name(), NIGHT_CLIENT, escalation);

        await().atMost(WAIT).until(() -> texts(PHONES.get(DUTY)).size() == 1);
        List<NotificationEvent> events = awaitEvents(e -> ofEscalation(e, escalation.getEscalationId(), NotificationEscalated.class).size() == 4);
        assertThat(ofEscalation(events, escalation.getEscalationId(), NotificationEscalated.class))
                .extracting(e -> (NotificationEscalated) e.getPayload())
                .extracting(s -> s.getFromLevel() + "->" + s.getToLevel())
                .containsExactly("1->2", "2->3", "3->4", "4->5");
        // Level 1 by SMS, level 2 by a call, twice (repeat: 1), in that order; then the duty manager on every channel
        // but a call. Nobody asleep got an e-mail or a webhook: their level named one channel.
        List<String> order = twilioRequests().stream()
                .map(r -> (r.getUrl().endsWith("Calls.json") ? "call " : "text ") + form(r).get("To")).toList();
        String first = PHONES.get(FIRST);
        String second = PHONES.get(SECOND);
        assertThat(order.stream().filter(o -> o.endsWith(first) || o.endsWith(second) || o.endsWith(PHONES.get(DUTY))).toList())
                .containsExactly("text " + first, "call " + second, "text " + first, "call " + second, "text " + PHONES.get(DUTY));
        assertThat(texts(first).get(1).get("Body")).startsWith("[911] [level 3, unacknowledged] Night Bakery");
        assertThat(calls(second).get(1).get("Twiml")).contains("escalation level 4");
        assertThat(texts(PHONES.get(DUTY)).getFirst().get("Body")).contains("[level 5, unacknowledged]");
        await().atMost(WAIT).until(() -> mailsTo(DUTY + "@agency.example") == 1);
        assertThat(mailsTo(FIRST + "@agency.example") + mailsTo(SECOND + "@agency.example")).isZero();
        // The final action is the last step: nothing follows it.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8)).until(() -> texts(first).size() == 2
                && calls(second).size() == 2 && texts(PHONES.get(DUTY)).size() == 1);
    }

    @Test
    void anEmergencyAt2amThatLevelOneAcknowledgesByReplying1PagesNobodyElse() throws Exception {
        EscalationRequested escalation = escalation("esc-acked-night-" + RUN, ACKED_NIGHT_CLIENT, "the brewery alarm " + RUN);
        send(Topics.ESCALATIONS.name(), ACKED_NIGHT_CLIENT, escalation);

        String first = PHONES.get(ACK_FIRST);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> texts(first).size() == 1);
        HttpResponse<String> reply = twilio("/api/v1/pager/twilio/sms", null, smsReply(first, "1"));
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).contains("Acknowledged: Night Brewery: the brewery alarm " + RUN);
        assertThat(ledger.anyAcknowledged(escalation.getEscalationId())).isTrue();

        // Well past level 1's ack timeout (4 s), and past where level 2 would have been: nothing further is sent.
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15)).until(() -> texts(first).size() == 1
                && calls(PHONES.get(ACK_SECOND)).isEmpty() && texts(PHONES.get(ACK_DUTY)).isEmpty()
                && mailsTo(ACK_DUTY + "@agency.example") == 0);
        assertThat(ledger.track(escalation.getEscalationId())).hasValueSatisfying(track -> {
            assertThat(track.acknowledged()).isTrue();
            assertThat(track.level()).as("never moved past level 1").isEqualTo(1);
        });
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    static ZoneId twoAmZone(Instant now) {
        int hour = now.atZone(ZoneOffset.UTC).getHour();
        int offset = Math.floorMod(2 - hour, 24);
        if (offset > 14) {
            offset -= 24;
        }
        // Etc/GMT zones are named with the sign reversed: Etc/GMT-3 is UTC+3.
        return ZoneId.of(offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset));
    }

    static StaffMember.Builder person(String id) {
        return StaffMember.newBuilder().setStaffId(id).setName(id).setZone("UTC").setPhone(PHONES.get(id));
    }

    static StaffMember asleep(String id, NotificationChannel wake) {
        return person(id).setEmail(id + "@agency.example").setZone(NIGHT_ZONE.getId()).setQuietFrom("22:00").setQuietTo("07:00")
                .setWakeChannels(List.of(wake)).build();
    }

    static EscalationLevel level(String staffId, String ackTimeout, NotificationChannel... channels) {
        return EscalationLevel.newBuilder().setStaffIds(List.of(staffId)).setAckTimeout(ackTimeout)
                .setChannels(Arrays.asList(channels)).build();
    }

    static EscalationPolicy nightPolicy(String id, String first, String second, String duty, String ackTimeout) {
        return EscalationPolicy.newBuilder(policy(id, level(first, ackTimeout, NotificationChannel.SMS),
                level(second, ackTimeout, NotificationChannel.VOICE))).setRepeat(1).setFinalStaffIds(List.of(duty)).build();
    }

    static ClientProfile nightClient(String id, String name, String accountManager, String policyId) {
        return ClientProfile.newBuilder(client(id, name, accountManager, policyId))
                .setCalendar(SupportCalendar.newBuilder().setZone(NIGHT_ZONE.getId()).build()).build();
    }

    static List<LoggedRequest> requests(String path) {
        return providers.findAll(postRequestedFor(urlEqualTo(path)));
    }

    static List<LoggedRequest> twilioRequests() {
        return providers.findAll(postRequestedFor(urlPathMatching("/2010-04-01/Accounts/" + ACCOUNT + "/(Messages|Calls).json")))
                .stream().sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    static Map<String, String> form(LoggedRequest request) {
        return ChannelAcks.form(request.getBodyAsString());
    }

    static List<Map<String, String>> texts(String to) {
        return twilioRequests().stream().filter(r -> r.getUrl().endsWith("Messages.json")).map(PagerChannelsIT::form)
                .filter(f -> to.equals(f.get("To"))).toList();
    }

    static List<Map<String, String>> calls(String to) {
        return twilioRequests().stream().filter(r -> r.getUrl().endsWith("Calls.json")).map(PagerChannelsIT::form)
                .filter(f -> to.equals(f.get("To"))).toList();
    }

    List<JsonNode> slackPosts(String channel) {
        return requests("/api/chat.postMessage").stream().sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(r -> json.readTree(r.getBodyAsString())).filter(b -> channel.equals(b.path("channel").asString())).toList();
    }

    static long mailsTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).map(TestEvents::recipient).filter(address::equals).count();
    }

    static String gatherAction(String twiml) {
        Matcher matcher = Pattern.compile("<Gather[^>]* action=\"([^\"]+)\"").matcher(twiml);
        assertThat(matcher.find()).as("a Gather with an action in " + twiml).isTrue();
        return matcher.group(1).replace("&amp;", "&");
    }

    static Map<String, String> smsReply(String from, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        form.put("AccountSid", ACCOUNT);
        form.put("From", from);
        form.put("To", PAGER_NUMBER);
        form.put("Body", body);
        return form;
    }

    static Map<String, String> keyPress(String digits, String called) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("CallSid", "CA" + UUID.randomUUID().toString().replace("-", ""));
        form.put("AccountSid", ACCOUNT);
        form.put("From", PAGER_NUMBER);
        form.put("To", called);
        form.put("Digits", digits);
        return form;
    }

    /** Posts as Twilio does: the form, signed over the public URL it called. */
    HttpResponse<String> twilio(String path, String query, Map<String, String> form) throws Exception {
        String url = PUBLIC + path + (query == null ? "" : "?" + query);
        return postForm(path, query, form, ProviderSignatures.twilio(AUTH_TOKEN, url, form));
    }

    HttpResponse<String> postForm(String path, String query, Map<String, String> form, String signature) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path
                        + (query == null ? "" : "?" + query)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A block_actions payload as Slack posts it: form-encoded, the JSON in 'payload'. */
    byte[] interaction(String userId, String value) {
        Map<String, Object> payload = Map.of("type", "block_actions", "user", Map.of("id", userId, "username", "someone"),
                "actions", List.of(Map.of("action_id", "afterhours_acknowledge", "block_id", "afterhours_page",
                        "value", value, "type", "button")));
        return ("payload=" + URLEncoder.encode(json.writeValueAsString(payload), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
    }

    HttpResponse<String> slack(byte[] body, long timestamp, String signature) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/pager/slack/interactions"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(SlackSignatures.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(SlackSignatures.SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
