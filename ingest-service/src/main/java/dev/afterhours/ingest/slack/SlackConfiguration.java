package dev.afterhours.ingest.slack;

import dev.afterhours.directory.DirectoryView;
import dev.afterhours.ingest.message.MessageIntake;
import dev.afterhours.ingest.message.StaffIdentities;
import dev.afterhours.security.slack.SlackSignatures;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chat in through Slack: the signature check, the channel lookup, the intake and the metrics. */
@Configuration(proxyBeanMethods = false)
public class SlackConfiguration {

    @Bean
    SlackSignatures slackSignatures(SlackProperties properties, Clock clock) {
        return new SlackSignatures(properties.signingSecret(), clock);
    }

    @Bean
    SlackMetrics slackMetrics(MeterRegistry meters) {
        return new SlackMetrics(meters);
    }

    @Bean
    SlackIntake slackIntake(MessageIntake intake, DirectoryView directory, SlackMetrics metrics) {
        return new SlackIntake(intake, new SlackChannels(directory::clients),
                new StaffIdentities(directory::staffMembers), metrics);
    }
}
