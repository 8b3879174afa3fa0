package dev.afterhours.ingest.email;

import dev.afterhours.ingest.email.smtp.SmtpListener;
import dev.afterhours.ingest.email.smtp.SmtpProperties;
import dev.afterhours.ingest.message.IngestMetrics;
import dev.afterhours.ingest.message.MessageIntake;
import dev.afterhours.ingest.message.StaffIdentities;
import dev.afterhours.directory.DirectoryView;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** E-mail in: the parser in front of message intake, and the SMTP listener (which stays off unless configured). */
@Configuration(proxyBeanMethods = false)
public class EmailConfiguration {

    @Bean
    EmailIntake emailIntake(MessageIntake intake, IngestMetrics metrics, DirectoryView directory, EmailProperties email) {
        return new EmailIntake(intake, metrics, new StaffIdentities(directory::staffMembers),
                directory::clientIdForSender, email.bccAddress());
    }

    @Bean
    SmtpListener smtpListener(SmtpProperties smtp, EmailProperties email, EmailIntake intake, MeterRegistry meters) {
        return new SmtpListener(smtp, email.maxMessageSize(), intake, meters);
    }
}
