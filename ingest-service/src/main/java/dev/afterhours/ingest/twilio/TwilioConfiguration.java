package dev.afterhours.ingest.twilio;

import dev.afterhours.directory.DirectoryView;
import dev.afterhours.ingest.message.MessageIntake;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** SMS and voice in: the signature check, the line lookup, the intake and the voicemail sweeper. */
@Configuration(proxyBeanMethods = false)
public class TwilioConfiguration {

    @Bean
    TwilioSignatures twilioSignatures(TwilioProperties properties) {
        return new TwilioSignatures(properties.authToken(), properties.publicBaseUrl());
    }

    @Bean
    TwilioMetrics twilioMetrics(MeterRegistry meters, PendingVoicemails pending) {
        return new TwilioMetrics(meters, pending);
    }

    @Bean
    TwilioIntake twilioIntake(MessageIntake intake, DirectoryView directory, PendingVoicemails pending,
            TwilioMetrics metrics, TwilioProperties properties, Clock clock) {
        return new TwilioIntake(intake, new PhoneLines(directory::clients), pending,
                new CallerAnswers(properties.maxVoicemailLength()), metrics, properties.voicemailTimeout(), clock);
    }

    @Bean(destroyMethod = "close")
    VoicemailSweeper voicemailSweeper(TwilioIntake intake, TwilioProperties properties) {
        return new VoicemailSweeper(intake, properties.sweepInterval());
    }
}
