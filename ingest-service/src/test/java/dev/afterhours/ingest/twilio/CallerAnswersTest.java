package dev.afterhours.ingest.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallerAnswersTest {

    private final CallerAnswers answers = new CallerAnswers(Duration.ofMinutes(2));
    private final CallerAnswers.VoicemailCallbacks callbacks = new CallerAnswers.VoicemailCallbacks(
            "https://hooks.agency.example/api/v1/inbound/twilio/voice/recording",
            "https://hooks.agency.example/api/v1/inbound/twilio/voice/transcription");

    @Test
    void anEmergencyCallerHearsThePageAndMayLeaveDetails() {
        String twiml = answers.emergencyPaged("Smith & Sons <Ltd>", callbacks);

        assertThat(twiml).contains("<Say>You have reached the emergency line for Smith &amp; Sons &lt;Ltd&gt;. "
                + "The person on call is being paged now")
                .contains("action=\"https://hooks.agency.example/api/v1/inbound/twilio/voice/recording\"")
                .contains("transcribe=\"true\"")
                .contains("transcribeCallback=\"https://hooks.agency.example/api/v1/inbound/twilio/voice/transcription\"")
                .contains("maxLength=\"120\"");
    }

    @Test
    void aRoutineLineAfterHoursOffersVoicemailAndAnSmsGetsNoReply() {
        assertThat(answers.afterHours("Acme Shop", callbacks)).contains("Our office is closed right now").contains("<Record ");
        assertThat(answers.noSmsReply()).endsWith("<Response/>");
    }
}
