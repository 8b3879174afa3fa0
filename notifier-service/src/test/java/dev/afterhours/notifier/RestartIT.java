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
import dev.afterhours.contracts.NotificationAcknowledged;
import dev.afterhours.contracts.NotificationChannel;
import dev.afterhours.contracts.NotificationDelivered;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.NotificationResolved;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.notifier.acklink.AckLinkProperties;
import dev.afterhours.notifier.acklink.AckLinks;
import dev.afterhours.notifier.paging.NotificationIds;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
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
    static final AckLinkProperties.Key KEY = new AckLinkProperties.Key("restart", "restart-" + UUID.randomUUID() + UUID.randomUUID());
    /** The earlier instance's links, signed with the key both instances hold. */
    static final AckLinks EARLIER_LINKS = new AckLinks(List.of(KEY), Duration.ofHours(4), Clock.systemUTC(),
            URI.create("http://notifier.test"));

    static final EscalationRequested NEW = escalation("esc-new-" + RUN, CLIENT, "new after the restart " + RUN);
    /** An incident an earlier instance paged and someone resolved, with a handover note. */
    static final String RESOLVED_BEFORE = "esc-resolved-" + RUN;

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
        registry.add("afterhours.notifier.public-base-url", () -> "http://notifier.test");
        registry.add("afterhours.notifier.ack-links.keys[0].id", KEY::id);
        registry.add("afterhours.notifier.ack-links.keys[0].secret", KEY::secret);
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
        // The earlier instance's webhook page was acknowledged through its link: that link is spent for good.
        String acked = NotificationIds.dedupKey(ALREADY_PAGED.getEscalationId(), 1, MANAGER, NotificationChannel.WEBHOOK);
        send(Topics.NOTIFICATIONS.name(), CLIENT, new NotificationEvent(NotificationIds.eventId(acked, "acknowledged"), acked,
                ALREADY_PAGED.getEscalationId(), CLIENT, Instant.now(), new NotificationAcknowledged(MANAGER, "before the restart"), null));
        // Another incident was resolved, with its handover note, before the restart.
        Instant earlier = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String resolvedPage = NotificationIds.dedupKey(RESOLVED_BEFORE, 1, MANAGER, NotificationChannel.WEBHOOK);
        send(Topics.NOTIFICATIONS.name(), CLIENT, new NotificationEvent(NotificationIds.eventId(resolvedPage, "delivered"),
                resolvedPage, RESOLVED_BEFORE, CLIENT, earlier.minusSeconds(600), new NotificationDelivered(MANAGER,
                NotificationChannel.WEBHOOK, "earlier", 1, ALREADY_PAGED.getReason(), "resolved before " + RUN), null));
        send(Topics.NOTIFICATIONS.name(), CLIENT, new NotificationEvent(NotificationIds.eventId(RESOLVED_BEFORE, "resolved"),
                RESOLVED_BEFORE, RESOLVED_BEFORE, CLIENT, earlier.minusSeconds(60), NotificationResolved.newBuilder()
                .setStaffId(MANAGER).setNote("cache flushed before the restart").setAcknowledgedImplicitly(true).build(), null));
        // Redelivered to the new instance, followed on the same partition by an escalation nobody paged yet.
        send(Topics.ESCALATIONS.name(), CLIENT, ALREADY_PAGED);
        send(Topics.ESCALATIONS.name(), CLIENT, NEW);
    }

    @LocalServerPort
    int port;

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

    @Test
    void aLinkUsedBeforeTheRestartStaysUsedAndAnUnusedOneStillWorks() throws Exception {
        await().atMost(WAIT).until(() -> call(link(NotificationChannel.EMAIL), "GET").statusCode() == 200);

        HttpResponse<String> spent = call(link(NotificationChannel.WEBHOOK), "POST");
        assertThat(spent.statusCode()).as(spent.body()).isEqualTo(410);
        assertThat(spent.body()).contains("\"reason\":\"used\"", "acknowledged by " + MANAGER);
        assertThat(call(link(NotificationChannel.EMAIL), "POST").statusCode()).isEqualTo(200);
        List<NotificationEvent> events = awaitEvents(e -> ofEscalation(e, ALREADY_PAGED.getEscalationId(), NotificationAcknowledged.class).size() >= 2);
        assertThat(ofEscalation(events, ALREADY_PAGED.getEscalationId(), NotificationAcknowledged.class))
                .extracting(e -> ((NotificationAcknowledged) e.getPayload()).getNote()).containsExactlyInAnyOrder("before the restart", null);
    }

    @Test
    void anIncidentResolvedBeforeTheRestartStaysResolvedWithItsHandoverNote() throws Exception {
        TestApi api = new TestApi(port);
        String incident = "/api/v1/incidents/" + RESOLVED_BEFORE;
        await().atMost(WAIT).until(() -> api.call("GET", incident, TestApi.viewer(), null).statusCode() == 200);

        HttpResponse<String> again = api.call("POST", incident + "/resolve", TestApi.staff(MANAGER), "{\"note\": \"again\"}");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("\"resolvedBy\":\"" + MANAGER + "\"");
        String history = api.call("GET", incident, TestApi.viewer(), null).body();
        assertThat(history).contains("\"status\":\"RESOLVED\"", "\"handoverNote\":\"cache flushed before the restart\"",
                "\"acknowledgedByResolving\":true", "\"timeToResolveSeconds\":540.0");
    }

    /** The link the earlier instance sent for the page on this channel, pointed at this instance. */
    String link(NotificationChannel channel) {
        String id = NotificationIds.dedupKey(ALREADY_PAGED.getEscalationId(), 1, MANAGER, channel);
        return "http://localhost:" + port + EARLIER_LINKS.issue(id, MANAGER).url().substring("http://notifier.test".length());
    }

    HttpResponse<String> call(String url, String method) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
