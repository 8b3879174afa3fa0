package dev.afterhours.ingest.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import dev.afterhours.ingest.IngestApplication;
import dev.afterhours.ingest.IngestITSupport;
import dev.afterhours.testkit.SettableClock;
import dev.afterhours.ingest.twilio.web.TwilioWebhookController;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Twilio's webhooks end to end: real form-encoded requests signed as Twilio signs them, against the testkit's real
 * broker and registry, every assertion on the real topic. The demo directory's acme-shop has the routine line
 * +15550100100 and the emergency line +15550199911; dana's phone is +15550100001.
 */
@TestPropertySource(properties = {"afterhours.ingest.twilio.auth-token=" + TwilioWebhooksIT.TOKEN,
        "afterhours.ingest.twilio.voicemail-timeout=PT10M", "afterhours.ingest.twilio.sweep-interval=PT0.2S"})
class TwilioWebhooksIT extends IngestITSupport {

    static final String TOKEN = "it-twilio-auth-token";
    private static final String DANA = "+15550100001";
    private static final String ACME_LINE = "+15550100100";
    private static final String ACME_EMERGENCY = "+15550199911";

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        SettableClock settableClock() {
            return new SettableClock(Instant.now());
        }
    }

    @Autowired
    private SettableClock clock;

    @Autowired
    private PendingVoicemails pending;

    record Answer(int status, String body, @Nullable String contentType) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private static String sid(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    /** Posts as Twilio does: form-encoded, signed over the URL called and the parameters. */
    private Answer twilio(String path, Map<String, String> params) {
        return post(path, params, TwilioRequests.sign(TOKEN, uri(path).toString(), params));
    }

    private Answer post(String path, Map<String, String> params, @Nullable String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TwilioRequests.form(params)));
        if (signature != null) {
            request.header(TwilioWebhookController.SIGNATURE_HEADER, signature);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> sms(String messageSid, String from, String to, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("ToCountry", "US");
        params.put("SmsMessageSid", messageSid);
        params.put("NumMedia", "0");
        params.put("SmsSid", messageSid);
        params.put("SmsStatus", "received");
        params.put("Body", body);
        params.put("To", to);
        params.put("NumSegments", "1");
        params.put("MessageSid", messageSid);
        params.put("AccountSid", "AC00000000000000000000000000000000");
        params.put("From", from);
        params.put("ApiVersion", "2010-04-01");
        return params;
    }

    private static Map<String, String> call(String callSid, String from, String to, String status) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", "AC00000000000000000000000000000000");
        params.put("ApiVersion", "2010-04-01");
        params.put("CallSid", callSid);
        params.put("CallStatus", status);
        params.put("Called", to);
        params.put("Caller", from);
        params.put("Direction", "inbound");
        params.put("From", from);
        params.put("To", to);
        return params;
    }

    private static Map<String, String> recording(Map<String, String> call, String recordingSid, String seconds) {
        Map<String, String> params = new LinkedHashMap<>(call);
        params.put("CallStatus", "in-progress");
        params.put("RecordingSid", recordingSid);
        params.put("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/" + recordingSid);
        params.put("RecordingDuration", seconds);
        params.put("Digits", "hangup");
        return params;
    }

    private static Map<String, String> transcription(Map<String, String> call, String recordingSid, String text) {
        Map<String, String> params = new LinkedHashMap<>(call);
        params.put("CallStatus", "completed");
        params.put("RecordingSid", recordingSid);
        params.put("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/" + recordingSid);
        params.put("TranscriptionSid", sid("TR"));
        params.put("TranscriptionStatus", "completed");
        params.put("TranscriptionText", text);
        params.put("TranscriptionType", "fast");
        params.put("TranscriptionUrl", "https://api.twilio.com/2010-04-01/Accounts/AC0/Transcriptions/x");
        params.put("url", "https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/" + recordingSid);
        return params;
    }

    private static MessageReceived only(String providerMessageId) {
        List<Map.Entry<String, MessageReceived>> events = received(providerMessageId);
        assertThat(events).as("events of " + providerMessageId).hasSize(1);
        return events.getFirst().getValue();
    }

    private static void assertTwiml(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/xml");
        assertThat(answer.body()).contains("<Response");
    }

    @Test
    void anSmsIsOneMessageOnChannelSmsAndTwilioSendingItAgainAddsNone() {
        String messageSid = sid("SM");
        Map<String, String> text = sms(messageSid, DANA, ACME_LINE, "Checkout shows an error since 22:00");

        Answer first = twilio(TwilioWebhookController.SMS, text);
        Answer retry = twilio(TwilioWebhookController.SMS, text);

        assertTwiml(first);
        assertThat(first.body()).as("no reply from here: the acknowledgement is the notifier's").endsWith("<Response/>");
        assertTwiml(retry);
        List<Map.Entry<String, MessageReceived>> events = received(messageSid);
        assertThat(events).singleElement().satisfies(e -> assertThat(e.getKey()).isEqualTo("acme-shop"));
        MessageReceived event = events.getFirst().getValue();
        assertThat(event.getChannel()).isEqualTo(Channel.SMS);
        assertThat(event.getProvider()).isEqualTo("twilio");
        assertThat(event.getFrom()).isEqualTo(DANA);
        assertThat(event.getTo()).containsExactly(ACME_LINE);
        assertThat(event.getBody()).isEqualTo("Checkout shows an error since 22:00");
        assertThat(event.getHeaders()).containsEntry(TwilioIntake.LINE, "normal");

        String next = sid("SM");
        twilio(TwilioWebhookController.SMS, sms(next, DANA, ACME_LINE, "Still broken"));
        assertThat(only(next).getConversationId()).as("the same number pair, within the SMS window")
                .isEqualTo(event.getConversationId());
    }

    @Test
    void aTextFromAStrangerToAClientsLineBelongsToThatClient() {
        String messageSid = sid("SM");

        assertTwiml(twilio(TwilioWebhookController.SMS, sms(messageSid, "+15559876543", ACME_LINE, "Hi, new here")));

        assertThat(received(messageSid)).singleElement().satisfies(e -> assertThat(e.getKey()).isEqualTo("acme-shop"));
    }

    @Test
    void aTextToANumberNoClientHasIsKeptForTriage() {
        String messageSid = sid("SM");

        assertTwiml(twilio(TwilioWebhookController.SMS, sms(messageSid, "+15559876543", "+15550000000", "Hello?")));

        List<Map.Entry<String, MessageReceived>> events = received(messageSid);
        assertThat(events).singleElement().satisfies(e -> assertThat(e.getKey()).isEqualTo(Topics.UNRESOLVED_CLIENT));
        assertThat(events.getFirst().getValue().getHeaders()).containsEntry(TwilioIntake.LINE, "unknown");
    }

    @Test
    void aCallerOnTheEmergencyLineHearsThatSomeoneIsPagedAndTheEmergencyIsPublishedAtOnce() {
        String callSid = sid("CA");
        Map<String, String> ringing = call(callSid, DANA, ACME_EMERGENCY, "ringing");

        Answer answer = twilio(TwilioWebhookController.VOICE, ringing);

        assertTwiml(answer);
        assertThat(answer.body()).contains("<Say>").contains("The person on call is being paged now").contains("<Record ");
        MessageReceived event = only(callSid);
        assertThat(event.getClientId()).isEqualTo("acme-shop");
        assertThat(event.getChannel()).isEqualTo(Channel.VOICE);
        assertThat(event.getTo()).containsExactly(ACME_EMERGENCY);
        assertThat(event.getHeaders()).containsEntry(TwilioIntake.LINE, "emergency").containsEntry(TwilioIntake.VOICE, "call");
        // "being paged" is true when the caller hears it: ingest requested the page before answering
        assertThat(escalations(event.getMessageId())).singleElement().satisfies(e -> {
            assertThat(e.getKey()).isEqualTo("acme-shop");
            assertThat(e.getValue().getReasons()).contains("emergency line " + ACME_EMERGENCY);
        });

        // Twilio asking again, and the call's end: still the one message, the page is not started twice
        assertTwiml(twilio(TwilioWebhookController.VOICE, ringing));
        assertTwiml(twilio(TwilioWebhookController.STATUS, call(callSid, DANA, ACME_EMERGENCY, "completed")));
        assertThat(received(callSid)).hasSize(1);
        assertThat(escalations(event.getMessageId())).hasSize(1);
    }

    @Test
    void aVoicemailIsOneMessageOnceItsTranscriptionArrives() {
        String callSid = sid("CA");
        String recordingSid = sid("RE");
        Map<String, String> ringing = call(callSid, DANA, ACME_LINE, "ringing");

        Answer offer = twilio(TwilioWebhookController.VOICE, ringing);
        assertTwiml(offer);
        assertThat(offer.body()).contains("leave a message after the tone")
                .contains("action=\"" + uri(TwilioWebhookController.RECORDING) + "\"")
                .contains("transcribeCallback=\"" + uri(TwilioWebhookController.TRANSCRIPTION) + "\"");
        assertThat(received(callSid)).as("a routine call publishes nothing until its voicemail").isEmpty();

        Answer thanks = twilio(TwilioWebhookController.RECORDING, recording(ringing, recordingSid, "14"));
        assertTwiml(thanks);
        assertThat(thanks.body()).contains("<Hangup/>");
        assertTwiml(twilio(TwilioWebhookController.STATUS, call(callSid, DANA, ACME_LINE, "completed")));
        assertThat(received(recordingSid)).as("waiting for the transcription").isEmpty();

        Map<String, String> transcribed = transcription(ringing, recordingSid, "Hi, this is Dana, refunds fail again.");
        assertTwiml(twilio(TwilioWebhookController.TRANSCRIPTION, transcribed));
        assertTwiml(twilio(TwilioWebhookController.TRANSCRIPTION, transcribed));

        MessageReceived voicemail = only(recordingSid);
        assertThat(voicemail.getChannel()).isEqualTo(Channel.VOICE);
        assertThat(voicemail.getClientId()).isEqualTo("acme-shop");
        assertThat(voicemail.getBody()).isEqualTo("Hi, this is Dana, refunds fail again.");
        assertThat(voicemail.getHeaders()).containsEntry(TwilioIntake.VOICE, "voicemail")
                .containsEntry(TwilioIntake.TRANSCRIPTION, "completed").containsEntry(TwilioIntake.CALL_SID, callSid)
                .containsEntry(TwilioIntake.RECORDING_SECONDS, "14");
        assertThat(voicemail.getAttachments()).singleElement().satisfies(a -> assertThat(a.getUrl()).endsWith(recordingSid));
        assertThat(received(callSid)).as("a call that left a voicemail is no missed call").isEmpty();
    }

    @Test
    void aVoicemailWithoutTranscriptionIsPublishedWithoutTextAfterTheTimeout() throws InterruptedException {
        String callSid = sid("CA");
        String recordingSid = sid("RE");
        Map<String, String> ringing = call(callSid, DANA, ACME_LINE, "ringing");
        twilio(TwilioWebhookController.VOICE, ringing);
        assertTwiml(twilio(TwilioWebhookController.RECORDING, recording(ringing, recordingSid, "9")));

        Thread.sleep(600); // several sweeps, none due yet
        assertThat(received(recordingSid)).isEmpty();
        clock.advance(Duration.ofMinutes(11));

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (received(recordingSid).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        MessageReceived voicemail = only(recordingSid);
        assertThat(voicemail.getBody()).isEmpty();
        assertThat(voicemail.getHeaders()).containsEntry(TwilioIntake.TRANSCRIPTION, "timeout");

        // a transcription that comes after all is a duplicate: still one message
        assertTwiml(twilio(TwilioWebhookController.TRANSCRIPTION, transcription(ringing, recordingSid, "late text")));
        assertThat(received(recordingSid)).hasSize(1);
    }

    @Test
    void aVoicemailWaitingForItsTextOutlivesTheInstanceThatTookIt() throws InterruptedException {
        String callSid = sid("CA");
        String recordingSid = sid("RE");
        Map<String, String> ringing = call(callSid, DANA, ACME_LINE, "ringing");
        twilio(TwilioWebhookController.VOICE, ringing);
        assertTwiml(twilio(TwilioWebhookController.RECORDING, recording(ringing, recordingSid, "21")));

        // A fresh instance, as after a restart: it reads the pending voicemail back, and (its timeout being zero)
        // publishes it at its first sweep; this instance's own timeout is ten minutes away on its clock.
        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(IngestApplication.class)
                .run(arguments(Map.of("afterhours.ingest.twilio.auth-token", TOKEN,
                        "afterhours.ingest.twilio.voicemail-timeout", "PT0S",
                        "afterhours.ingest.twilio.sweep-interval", "PT0.2S")))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received(recordingSid).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            MessageReceived voicemail = only(recordingSid);
            assertThat(voicemail.getClientId()).isEqualTo("acme-shop");
            assertThat(voicemail.getHeaders()).containsEntry(TwilioIntake.TRANSCRIPTION, "timeout")
                    .containsEntry(TwilioIntake.RECORDING_SECONDS, "21");
            assertThat(restarted.getBean(PendingVoicemails.class).get(recordingSid)).as("published: cleared").isEmpty();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (pending.get(recordingSid).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(pending.get(recordingSid)).as("the other instance's tombstone reached this one").isEmpty();
        assertThat(received(recordingSid)).hasSize(1);
    }

    @Test
    void aCallThatEndsWithoutVoicemailIsOneMissedCall() {
        String callSid = sid("CA");
        twilio(TwilioWebhookController.VOICE, call(callSid, DANA, ACME_LINE, "ringing"));
        assertTwiml(twilio(TwilioWebhookController.STATUS, call(callSid, DANA, ACME_LINE, "in-progress")));
        assertThat(received(callSid)).isEmpty();

        assertTwiml(twilio(TwilioWebhookController.STATUS, call(callSid, DANA, ACME_LINE, "completed")));
        assertTwiml(twilio(TwilioWebhookController.STATUS, call(callSid, DANA, ACME_LINE, "completed")));

        MessageReceived missed = only(callSid);
        assertThat(missed.getChannel()).isEqualTo(Channel.VOICE);
        assertThat(missed.getClientId()).isEqualTo("acme-shop");
        assertThat(missed.getHeaders()).containsEntry(TwilioIntake.VOICE, "missed-call");
        assertThat(missed.getBody()).startsWith("Missed call from " + DANA);
    }

    @Test
    void aForgedOrUnsignedWebhookIs403AndPublishesNothing() {
        String messageSid = sid("SM");
        Map<String, String> text = sms(messageSid, DANA, ACME_EMERGENCY, "site is down");
        Map<String, String> tampered = new LinkedHashMap<>(text);
        tampered.put("Body", "site is down, send money to ...");

        Answer forged = post(TwilioWebhookController.SMS, tampered,
                TwilioRequests.sign(TOKEN, uri(TwilioWebhookController.SMS).toString(), text));
        Answer otherToken = post(TwilioWebhookController.SMS, text,
                TwilioRequests.sign("not-the-token", uri(TwilioWebhookController.SMS).toString(), text));
        Answer unsigned = post(TwilioWebhookController.SMS, text, null);
        Answer call = post(TwilioWebhookController.VOICE, call(sid("CA"), DANA, ACME_EMERGENCY, "ringing"), "bm90IGl0");

        for (Answer answer : List.of(forged, otherToken, unsigned, call)) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(403);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().path("field").asString()).isEqualTo("X-Twilio-Signature");
        }
        assertThat(received(messageSid)).isEmpty();
    }

    @Test
    void aSignedRequestWithoutItsSidIs400NamingIt() {
        Map<String, String> text = sms(sid("SM"), DANA, ACME_LINE, "hello");
        text.remove("MessageSid");

        Answer answer = twilio(TwilioWebhookController.SMS, text);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("field").asString()).isEqualTo("MessageSid");
    }
}
