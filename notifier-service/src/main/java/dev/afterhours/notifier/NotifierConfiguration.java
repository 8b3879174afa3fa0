package dev.afterhours.notifier;

import dev.afterhours.contracts.AutoReplyRecorded;
import dev.afterhours.contracts.CrmNoteAdded;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.notifier.acklink.AckLinkProperties;
import dev.afterhours.notifier.acklink.AckLinks;
import dev.afterhours.notifier.acknowledgement.AcknowledgementLedger;
import dev.afterhours.notifier.acknowledgement.AcknowledgementMetrics;
import dev.afterhours.notifier.acknowledgement.AcknowledgementProperties;
import dev.afterhours.notifier.acknowledgement.AcknowledgementSender;
import dev.afterhours.notifier.clientchannel.ClientChannels;
import dev.afterhours.notifier.crm.CrmNotes;
import dev.afterhours.notifier.crm.CrmNoteWriter;
import dev.afterhours.notifier.delivery.EmailSender;
import dev.afterhours.notifier.delivery.SlackPoster;
import dev.afterhours.notifier.delivery.SlackProperties;
import dev.afterhours.notifier.delivery.TwilioProperties;
import dev.afterhours.notifier.delivery.TwilioSender;
import dev.afterhours.notifier.delivery.WebhookSender;
import dev.afterhours.notifier.escalation.AckTimeouts;
import dev.afterhours.notifier.incident.IncidentMetrics;
import dev.afterhours.notifier.incident.Resolutions;
import dev.afterhours.notifier.kafka.ListenerStarter;
import dev.afterhours.notifier.kafka.PartitionOwnership;
import dev.afterhours.notifier.kafka.TopicFollower;
import dev.afterhours.notifier.ledger.Acknowledgements;
import dev.afterhours.notifier.ledger.NotificationLedger;
import dev.afterhours.notifier.ledger.NotificationRecorder;
import dev.afterhours.notifier.oncall.RecipientResolver;
import dev.afterhours.notifier.oncall.StaffDirectory;
import dev.afterhours.notifier.paging.PageRenderer;
import dev.afterhours.notifier.paging.Pager;
import dev.afterhours.notifier.paging.PagingMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import tools.jackson.databind.json.JsonMapper;

/** Wires the paging core, which itself knows nothing of Spring. */
@Configuration(proxyBeanMethods = false)
public class NotifierConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotifierConfiguration.class);

    @Bean
    NotificationLedger notificationLedger(NotifierProperties properties) {
        return new NotificationLedger(properties.historyPerClient());
    }

    @Bean
    NotificationRecorder notificationRecorder(KafkaTemplate<String, SpecificRecord> avroKafkaTemplate, NotificationLedger ledger) {
        return new NotificationRecorder(avroKafkaTemplate, ledger);
    }

    @Bean
    CrmNotes crmNotes(NotifierProperties properties) {
        return new CrmNotes(properties.crmNotesPerPage());
    }

    @Bean
    CrmNoteWriter crmNoteWriter(KafkaTemplate<String, SpecificRecord> avroKafkaTemplate, CrmNotes crmNotes,
            TopicFollower<CrmNoteAdded> crmNotesFollower, Clock clock) {
        return new CrmNoteWriter(avroKafkaTemplate, crmNotes, crmNotesFollower, clock);
    }

    @Bean
    RecipientResolver recipientResolver(StaffDirectory directory, NotifierProperties properties) {
        return new RecipientResolver(directory, properties.triageStaffId());
    }

    @Bean
    WebhookSender webhookSender(NotifierProperties properties, Clock clock) {
        return new WebhookSender(properties.webhookSecret(), properties.webhookTimeout(), properties.deliveryAttempts(),
                properties.retryBackoff(), clock, properties.outboundPolicy());
    }

    @Bean
    EmailSender emailSender(JavaMailSender mail, NotifierProperties properties) {
        return new EmailSender(mail, properties.mailFrom(), properties.deliveryAttempts(), properties.retryBackoff());
    }

    @Bean
    TwilioSender twilioSender(TwilioProperties twilio, NotifierProperties properties) {
        return new TwilioSender(twilio, properties.publicBaseUrl(), properties.deliveryAttempts(), properties.retryBackoff());
    }

    @Bean
    SlackPoster slackPoster(SlackProperties slack, NotifierProperties properties) {
        return new SlackPoster(slack, properties.deliveryAttempts(), properties.retryBackoff());
    }

    @Bean
    AcknowledgementLedger acknowledgementLedger() {
        return new AcknowledgementLedger();
    }

    @Bean
    ClientChannels clientChannels(EmailSender email, TwilioSender twilio, SlackPoster slack) {
        return new ClientChannels(email, twilio, slack);
    }

    @Bean
    AcknowledgementSender acknowledgementSender(DirectoryView directory, ClientChannels clientChannels,
            KafkaTemplate<String, SpecificRecord> avroKafkaTemplate,
            AcknowledgementLedger acknowledgementLedger, MeterRegistry registry,
            AcknowledgementProperties acknowledgements, Clock clock) {
        return new AcknowledgementSender(directory, clientChannels, avroKafkaTemplate, acknowledgementLedger,
                new AcknowledgementMetrics(registry), acknowledgements, clock);
    }

    @Bean
    PagingMetrics pagingMetrics(MeterRegistry registry) {
        return new PagingMetrics(registry);
    }

    /**
     * The signed ack links of every page. Refuses to start without a key: a generated one would die with the process
     * and differ between instances, so links would fail at random at 3 a.m.
     */
    @Bean
    AckLinks ackLinks(AckLinkProperties ackLinkProperties, NotifierProperties properties, Clock clock) {
        if (ackLinkProperties.ttl().compareTo(properties.ledgerWindow()) > 0) {
            // A link's use is known from the ledger; past the ledger window a restarted instance would forget it.
            throw new IllegalArgumentException("afterhours.notifier.ack-links.ttl (" + ackLinkProperties.ttl()
                    + ") must not exceed afterhours.notifier.ledger-window (" + properties.ledgerWindow() + ")");
        }
        AckLinks links = AckLinks.from(ackLinkProperties, clock, properties.publicBaseUrl());
        log.info("Ack links signed with key '{}', verified with {}, valid for {}", links.signingKeyId(), links.keyIds(),
                links.ttl());
        return links;
    }

    @Bean
    Pager pager(StaffDirectory directory, RecipientResolver recipients, WebhookSender webhooks, EmailSender email,
            TwilioSender twilio, SlackPoster slack, NotificationRecorder recorder, NotificationLedger ledger,
            CrmNotes crmNotes, JsonMapper json, AckLinks ackLinks, PagingMetrics metrics, NotifierProperties properties,
            Clock clock) {
        return new Pager(directory, recipients, webhooks, email, twilio, slack, recorder, ledger, crmNotes,
                new PageRenderer(json), ackLinks, metrics, properties, clock);
    }

    @Bean
    IncidentMetrics incidentMetrics(MeterRegistry registry, NotificationLedger ledger) {
        return new IncidentMetrics(registry, ledger);
    }

    @Bean
    Acknowledgements acknowledgements(NotificationLedger ledger, NotificationRecorder recorder, Clock clock,
            IncidentMetrics incidentMetrics) {
        return new Acknowledgements(ledger, recorder, clock, incidentMetrics::acknowledged);
    }

    @Bean
    Resolutions resolutions(NotificationLedger ledger, NotificationRecorder recorder, CrmNoteWriter crmNoteWriter,
            Acknowledgements acknowledgements, IncidentMetrics incidentMetrics, Clock clock) {
        return new Resolutions(ledger, recorder, crmNoteWriter, acknowledgements, incidentMetrics, clock);
    }

    @Bean
    AckTimeouts ackTimeouts(NotificationLedger ledger, Pager pager, RecipientResolver recipients,
            PartitionOwnership ownership, NotifierProperties properties, Clock clock) {
        return new AckTimeouts(ledger, pager, recipients, clientId -> ownership.ownsKey(Topics.ESCALATIONS.name(), clientId),
                properties, clock);
    }

    /**
     * "paging" in /actuator/health: UP once the notifications ledger, CRM notes and sent acknowledgements are loaded
     * and the listeners consume, and DOWN while any of those followers restarts after an error (details per follower:
     * caughtUp, restarts, lastError). Part of the readiness group with "directory".
     */
    @Bean
    HealthIndicator pagingHealthIndicator(ListenerStarter starter, TopicFollower<NotificationEvent> notificationsFollower,
            TopicFollower<CrmNoteAdded> crmNotesFollower, TopicFollower<AutoReplyRecorded> acknowledgementsFollower,
            WebhookSender webhooks, TwilioSender twilio, SlackPoster slack) {
        return () -> (starter.isListening() && notificationsFollower.isCaughtUp() && crmNotesFollower.isCaughtUp()
                        && acknowledgementsFollower.isCaughtUp() ? Health.up() : Health.down())
                .withDetail("notificationsFollower", notificationsFollower.status().details())
                .withDetail("crmNotesFollower", crmNotesFollower.status().details())
                .withDetail("acknowledgementsFollower", acknowledgementsFollower.status().details())
                .withDetail("notificationsLedgerLoaded", notificationsFollower.isLoaded())
                .withDetail("crmNotesLoaded", crmNotesFollower.isLoaded())
                .withDetail("consuming", starter.isListening())
                .withDetail("webhooksEnabled", webhooks.enabled())
                .withDetail("twilioEnabled", twilio.enabled())
                .withDetail("slackEnabled", slack.enabled())
                .withDetail("outboundAllowList", webhooks.allowList())
                .withDetail("undecodableRecordsSkipped", notificationsFollower.skipped() + crmNotesFollower.skipped()
                        + acknowledgementsFollower.skipped())
                .build();
    }
}
