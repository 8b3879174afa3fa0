package dev.afterhours.notifier.channelack;

import dev.afterhours.directory.DirectoryView;
import dev.afterhours.notifier.acklink.AckLinks;
import dev.afterhours.notifier.delivery.SlackProperties;
import dev.afterhours.notifier.delivery.TwilioProperties;
import dev.afterhours.notifier.delivery.TwilioSender;
import dev.afterhours.notifier.ledger.Acknowledgements;
import dev.afterhours.notifier.ledger.NotificationLedger;
import dev.afterhours.security.slack.SlackSignatures;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Acknowledgements in by SMS, voice and Slack: the signature checks, the replay memories and the core. */
@Configuration(proxyBeanMethods = false)
public class ChannelAckConfiguration {

    @Bean
    TwilioRequests twilioRequests(TwilioProperties twilio, TwilioSender sender) {
        return new TwilioRequests(twilio.authToken(), sender.publicBaseUrl());
    }

    @Bean
    SlackSignatures slackSignatures(SlackProperties slack, Clock clock) {
        return new SlackSignatures(slack.signingSecret(), clock);
    }

    @Bean
    ReplayGuards replayGuards(Clock clock) {
        return new ReplayGuards(new ReplayGuard(Duration.ofDays(1), 100_000, clock),
                new ReplayGuard(SlackSignatures.REPLAY_WINDOW.multipliedBy(2), 100_000, clock));
    }

    @Bean
    ChannelAcks channelAcks(DirectoryView directory, NotificationLedger ledger, Acknowledgements acknowledgements,
            AckLinks links, Clock clock, MeterRegistry meters) {
        return new ChannelAcks(directory, ledger, acknowledgements, links, links.ttl(), clock, meters);
    }
}
