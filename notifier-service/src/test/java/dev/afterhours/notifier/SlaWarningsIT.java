package dev.afterhours.notifier;

import static dev.afterhours.notifier.TestEvents.WAIT;
import static dev.afterhours.notifier.TestEvents.awaitEvents;
import static dev.afterhours.notifier.TestEvents.client;
import static dev.afterhours.notifier.TestEvents.ensureTopics;
import static dev.afterhours.notifier.TestEvents.freePort;
import static dev.afterhours.notifier.TestEvents.level;
import static dev.afterhours.notifier.TestEvents.ofEscalation;
import static dev.afterhours.notifier.TestEvents.policy;
import static dev.afterhours.notifier.TestEvents.recipient;
import static dev.afterhours.notifier.TestEvents.send;
import static dev.afterhours.notifier.TestEvents.slaEvent;
import static dev.afterhours.notifier.TestEvents.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.afterhours.contracts.DayOfWeek;
import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.NotificationAttempted;
import dev.afterhours.contracts.NotificationDelivered;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.contracts.SlaWarned;
import dev.afterhours.contracts.SlaWarningLevel;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.WorkingWindow;
import dev.afterhours.directory.DirectoryPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * SLA warnings through the running notifier, on the real broker, to a GreenMail server and a webhook receiver. Ann
 * works every day around the clock, so she owns her client's SLAs now: the NOTIFY warning reaches her by e-mail only,
 * once however often it is delivered, and the PAGE warning on her webhook too. Ben works only on a day two days
 * from today, so outside his hours the warning goes to the person on call in his client's policy, Cat.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SlaWarningsIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String ANN = "ann-" + RUN;
    static final String BEN = "ben-" + RUN;
    static final String CAT = "cat-" + RUN;
    static final String ANNS_CLIENT = "anns-" + RUN;
    static final String BENS_CLIENT = "bens-" + RUN;
    static final WebhookReceiver webhooks = WebhookReceiver.start();
    static final int SMTP_PORT = freePort();
    static final GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        smtp.start();
    }

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEvents.notifierProperties(registry, SMTP_PORT, webhooks);
    }

    @BeforeAll
    static void directory() {
        ensureTopics();
        List<WorkingWindow> always = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            always.add(new WorkingWindow(day, "00:00", "24:00"));
        }
        DayOfWeek notToday = DayOfWeek.valueOf(Instant.now().atZone(ZoneOffset.UTC).getDayOfWeek().plus(2).name());
        try (DirectoryPublisher publisher = TestEvents.loopbackPublisher()) {
            publisher.publish(staff(ANN).setWorkingHours(always).build());
            publisher.publish(staff(BEN).setWorkingHours(List.of(new WorkingWindow(notToday, "09:00", "17:00"))).build());
            publisher.publish(staff(CAT).build());
            publisher.publish(Rotation.newBuilder().setRotationId("rot-" + RUN).setName("warnings IT").setMembers(List.of(CAT))
                    .setStartsAt(Instant.now().minus(Duration.ofHours(1))).setShiftLength("P1D").build());
            publisher.publish(policy("pol-" + RUN, level("rot-" + RUN, List.of(), "PT1H")));
            publisher.publish(client(ANNS_CLIENT, "Ann's Client", ANN, "pol-" + RUN));
            publisher.publish(client(BENS_CLIENT, "Ben's Client", BEN, "pol-" + RUN));
        }
    }

    @AfterAll
    static void stop() {
        smtp.stop();
        webhooks.close();
    }

    static StaffMember.Builder staff(String id) {
        return StaffMember.newBuilder().setStaffId(id).setName(id).setZone("UTC").setEmail(id + "@agency.test")
                .setWebhookUrl(webhooks.url("/hooks/" + id));
    }

    @Test
    void aWarningReachesTheAccountManagerInTheirHoursQuietlyOnceAndAPageOnEveryChannel() throws Exception {
        String slaId = "sla-ann-" + RUN;
        SlaWarned notify = SlaWarned.newBuilder().setDueAt(Instant.now().plus(Duration.ofMinutes(30))).setRemaining("PT30M")
                .setPercent(75).setLevel(SlaWarningLevel.NOTIFY).build();
        send(Topics.SLA_EVENTS.name(), ANNS_CLIENT, slaEvent(slaId + ":warned", ANNS_CLIENT, slaId, notify));
        await().atMost(WAIT).until(() -> mailTo(ANN).size() == 1);
        assertThat(subject(mailTo(ANN).getFirst())).startsWith("[SLA warning] Ann's Client: HIGH message due soon");
        assertThat(mailTo(ANN).getFirst().getContent().toString()).contains("75% of the SLA used");

        // Delivered again (a redelivery): nothing more. Then the PAGE threshold: her webhook as well.
        send(Topics.SLA_EVENTS.name(), ANNS_CLIENT, slaEvent(slaId + ":warned", ANNS_CLIENT, slaId, notify));
        SlaWarned page = SlaWarned.newBuilder(notify).setRemaining("PT12M").setPercent(90).setLevel(SlaWarningLevel.PAGE).build();
        send(Topics.SLA_EVENTS.name(), ANNS_CLIENT, slaEvent(slaId + ":warned-page", ANNS_CLIENT, slaId, page));
        await().atMost(WAIT).until(() -> webhooks.to("/hooks/" + ANN).stream().anyMatch(r -> r.body().contains(slaId)));
        await().atMost(WAIT).until(() -> mailTo(ANN).size() == 2);
        assertThat(webhooks.to("/hooks/" + ANN).stream().filter(r -> r.body().contains(slaId)).toList())
                .as("the NOTIFY warning never pushed; the PAGE once").hasSize(1)
                .allSatisfy(r -> assertThat(r.body()).contains("\"reason\":\"SLA_WARNING\"", "sla-warning:" + slaId + ":warned-page"));

        List<NotificationEvent> events = awaitEvents(e -> ofEscalation(e, "sla-warning:" + slaId + ":warned-page",
                NotificationDelivered.class).size() >= 2);
        assertThat(ofEscalation(events, "sla-warning:" + slaId + ":warned", NotificationDelivered.class))
                .as("in the notification history, once").hasSize(1)
                .allSatisfy(e -> assertThat(((NotificationDelivered) e.getPayload()).getReason()).isEqualTo(EscalationReason.SLA_WARNING));
        assertThat(ofEscalation(events, "sla-warning:" + slaId + ":warned", NotificationAttempted.class))
                .allSatisfy(e -> assertThat(((NotificationAttempted) e.getPayload()).getStaffId()).isEqualTo(ANN));
        assertThat(meters.counter("afterhours.notifier.sla.warnings", "level", "notify", "outcome", "delivered").count()).isGreaterThanOrEqualTo(1);
        assertThat(meters.counter("afterhours.notifier.sla.warnings", "level", "page", "outcome", "delivered").count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void outsideTheAccountManagersHoursTheWarningGoesToWhoeverIsOnCall() throws Exception {
        String slaId = "sla-ben-" + RUN;
        send(Topics.SLA_EVENTS.name(), BENS_CLIENT, slaEvent(slaId + ":warned", BENS_CLIENT, slaId, SlaWarned.newBuilder()
                .setDueAt(Instant.now().plus(Duration.ofMinutes(30))).setRemaining("PT30M").setPercent(75).build()));
        await().atMost(WAIT).until(() -> mailTo(CAT).stream().anyMatch(m -> subject(m).startsWith("[SLA warning] Ben's Client")));
        assertThat(mailTo(BEN)).isEmpty();
        assertThat(webhooks.to("/hooks/" + CAT).stream().filter(r -> r.body().contains(slaId)).toList())
                .as("a NOTIFY warning goes by e-mail").isEmpty();
    }

    private static List<MimeMessage> mailTo(String staffId) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).equals(staffId + "@agency.test")).toList();
    }
}
