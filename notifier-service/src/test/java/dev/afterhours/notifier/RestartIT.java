package dev.afterhours.notifier;

import static dev.afterhours.notifier.TestEvents.WAIT;
import static dev.afterhours.notifier.TestEvents.awaitEvents;
import static dev.afterhours.notifier.TestEvents.client;
import static dev.afterhours.notifier.TestEvents.ensureTopics;
import static dev.afterhours.notifier.TestEvents.escalation;
import static dev.afterhours.notifier.TestEvents.freePort;
import static dev.afterhours.notifier.TestEvents.ofEscalation;
import static dev.afterhours.notifier.TestEvents.send;
import static dev.afterhours.notifier.TestEvents.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.NotificationChannel;
import dev.afterhours.contracts.NotificationDelivered;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.notifier.paging.NotificationIds;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A restart: an earlier instance paged an escalation and recorded the deliveries, then died before committing its
 * offset, so the escalation is consumed again. Everything is on the topics before this instance starts; its
 * delivered-set, rebuilt from the notifications topic at startup, must stop the second page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class RestartIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String CLIENT = "restart-" + RUN;
    static final String MANAGER = "rs-am-" + RUN;

    static final WebhookReceiver webhooks = WebhookReceiver.start();
    static final int SMTP_PORT = freePort();
    static final GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static final EscalationRequested ALREADY_PAGED = escalation("esc-paged-" + RUN, CLIENT, "paged before the restart " + RUN);
    static final EscalationRequested NEW = escalation("esc-new-" + RUN, CLIENT, "new after the restart " + RUN);

    static {
        smtp.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AfterhoursTestEnvironment.springProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("afterhours.notifier.webhook-secret", () -> "restart-it-secret");
        registry.add("afterhours.notifier.outbound-allow", () -> "127.0.0.1:" + webhooks.port());
    }

    /** Runs before the application context exists (events as earlier versions wrote them: no dedupKey, name-based ids): this is the world the restarted instance finds. */
    @BeforeAll
    static void anEarlierInstancePagedAndDied() {
        ensureTopics();
        try (DirectoryPublisher publisher = TestEvents.loopbackPublisher()) {
            publisher.publish(StaffMember.newBuilder().setStaffId(MANAGER).setName(MANAGER).setZone("UTC")
                    .setEmail(MANAGER + "@agency.test").setWebhookUrl(webhooks.url("/hooks/" + MANAGER)).build());
            publisher.publish(client(CLIENT, "Restart Ltd", MANAGER, null));
        }
        for (NotificationChannel channel : new NotificationChannel[] {NotificationChannel.WEBHOOK, NotificationChannel.EMAIL}) {
            String id = NotificationIds.dedupKey(ALREADY_PAGED.getEscalationId(), 1, MANAGER, channel);
            send(Topics.NOTIFICATIONS.name(), CLIENT, new NotificationEvent(NotificationIds.eventId(id, "delivered"), id,
                    ALREADY_PAGED.getEscalationId(), CLIENT, Instant.now(), new NotificationDelivered(MANAGER, channel,
                    "earlier", 1, ALREADY_PAGED.getReason(), ALREADY_PAGED.getSummary()), null));
        }
        // Redelivered to the new instance, followed on the same partition by an escalation nobody paged yet.
        send(Topics.ESCALATIONS.name(), CLIENT, ALREADY_PAGED);
        send(Topics.ESCALATIONS.name(), CLIENT, NEW);
    }

    @AfterAll
    static void stop() {
        smtp.stop();
        webhooks.close();
    }

    @Test
    void anEscalationPagedBeforeTheRestartIsNotPagedAgain() {
        String path = "/hooks/" + MANAGER;
        await().atMost(WAIT).until(() -> webhooks.to(path).stream().anyMatch(r -> r.body().contains(NEW.getEscalationId()))
                && smtp.findReceivedMessages(u -> true, m -> subject(m).contains(NEW.getSummary())).count() == 1);

        assertThat(webhooks.to(path)).as("only the new escalation is paged")
                .allMatch(r -> r.body().contains(NEW.getEscalationId())).hasSize(1);
        assertThat(smtp.findReceivedMessages(u -> true, m -> subject(m).contains(ALREADY_PAGED.getSummary()))).isEmpty();
        List<NotificationEvent> events = awaitEvents(e -> ofEscalation(e, NEW.getEscalationId(), NotificationDelivered.class).size() == 2);
        assertThat(ofEscalation(events, ALREADY_PAGED.getEscalationId(), NotificationDelivered.class))
                .as("still only the two deliveries of the earlier instance").hasSize(2)
                .allSatisfy(e -> assertThat(((NotificationDelivered) e.getPayload()).getDestination()).isEqualTo("earlier"));
    }
}
