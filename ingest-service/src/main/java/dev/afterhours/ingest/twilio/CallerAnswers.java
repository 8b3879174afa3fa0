package dev.afterhours.ingest.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Say;
import java.time.Duration;

/**
 * What a caller hears, as TwiML built with Twilio's own builders (the text is escaped for us). Every answer is
 * polite and complete: a caller never hears an error, whatever happened behind it.
 */
public final class CallerAnswers {

    /** Where Twilio posts the voicemail's recording and its transcription. */
    public record VoicemailCallbacks(String recording, String transcription) {
    }

    private final Duration maxVoicemailLength;

    public CallerAnswers(Duration maxVoicemailLength) {
        this.maxVoicemailLength = maxVoicemailLength;
    }

    /** An emergency line, once the message is published: the page is on its way; details may follow as voicemail. */
    public String emergencyPaged(String clientName, VoicemailCallbacks callbacks) {
        return voicemail("You have reached the emergency line for " + clientName + ". The person on call is being "
                + "paged now and will call you back. If you can, describe the problem after the tone, then hang up.",
                callbacks);
    }

    /** An emergency line when the page could not be started: no false promise, and the voicemail is the way in. */
    public String emergencyNotPaged(String clientName, VoicemailCallbacks callbacks) {
        return voicemail("You have reached the emergency line for " + clientName + ". We could not reach the person "
                + "on call automatically. Please describe the problem after the tone, and leave a number to call back.",
                callbacks);
    }

    /** A client's routine line after hours: the office is closed, leave a message. */
    public String afterHours(String clientName, VoicemailCallbacks callbacks) {
        return voicemail("Thank you for calling support for " + clientName + ". Our office is closed right now. "
                + "Please leave a message after the tone, and we will get back to you when we open.", callbacks);
    }

    /** A client's routine line in hours: nobody to put the call through to yet, so voicemail too. */
    public String inHours(String clientName, VoicemailCallbacks callbacks) {
        return voicemail("Thank you for calling support for " + clientName + ". Nobody can take your call right now. "
                + "Please leave a message after the tone, and we will get back to you shortly.", callbacks);
    }

    /** A number no client has: still a voicemail, published for triage. */
    public String unknownLine(VoicemailCallbacks callbacks) {
        return voicemail("Thank you for calling. Please leave a message after the tone, with your name and number, "
                + "and we will get back to you.", callbacks);
    }

    /** After the recording: thanks, and the call ends. */
    public String voicemailTaken() {
        return new VoiceResponse.Builder()
                .say(new Say.Builder("Thank you. We have your message. Goodbye.").build())
                .hangup(new Hangup.Builder().build())
                .build().toXml();
    }

    /** For an SMS: no reply from here; the acknowledgement is the notifier's, stating when the answer will come. */
    public String noSmsReply() {
        return new MessagingResponse.Builder().build().toXml();
    }

    /** For a status or transcription callback, where Twilio reads no instructions. */
    public String nothing() {
        return new VoiceResponse.Builder().build().toXml();
    }

    private String voicemail(String words, VoicemailCallbacks callbacks) {
        return new VoiceResponse.Builder()
                .say(new Say.Builder(words).build())
                .record(new Record.Builder()
                        .action(callbacks.recording()).method(HttpMethod.POST)
                        .maxLength((int) maxVoicemailLength.toSeconds())
                        .timeout(5)
                        .finishOnKey("#")
                        .playBeep(true)
                        .transcribe(true).transcribeCallback(callbacks.transcription())
                        .build())
                // Reached only when nothing was recorded: Twilio goes on to the next verb.
                .say(new Say.Builder("We did not hear a message. Goodbye.").build())
                .hangup(new Hangup.Builder().build())
                .build().toXml();
    }
}
