package dev.afterhours.classifier.triage;

import static dev.afterhours.classifier.support.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.classifier.ClassifierProperties;
import dev.afterhours.classifier.classification.ContactHistory;
import dev.afterhours.classifier.classification.RuleBasedClassifier;
import dev.afterhours.classifier.hours.AfterHoursClock;
import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.Urgency;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTriageTest {

    private static final Instant NOW = Instant.parse("2026-11-24T03:00:01Z");

    private final ClientDirectory directory = new DemoClientDirectory();

    private final ClassifierProperties.DefaultCalendar agencyHours = new ClassifierProperties.DefaultCalendar(
            "America/New_York", List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY), "09:00", "17:00", List.of());

    private final MessageTriage triage = new MessageTriage(new RuleBasedClassifier(),
            new AfterHoursClock(TriageConfiguration.agencyCalendar(agencyHours)), directory, new ContactHistory());

    @Test
    void embedsTheMessageAndItsVerdict() {
        MessageReceived message = message("acme-shop", "Help", "Sorry to bother you, but our checkout is broken")
                .setReceivedAt(Instant.parse("2026-11-24T03:00:00Z")).build();

        MessageClassified classified = triage.classify(message, NOW);

        assertThat(classified.getMessageId()).isEqualTo(message.getMessageId());
        assertThat(classified.getClientId()).isEqualTo("acme-shop");
        assertThat(classified.getConversationId()).isEqualTo(message.getConversationId());
        assertThat(classified.getUrgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(classified.getReasons()).containsExactly("matched 'checkout is broken' (client's emergency phrase)");
        assertThat(classified.getAfterHoursStatus()).isEqualTo(AfterHoursStatus.AFTER_HOURS);
        assertThat(classified.getClientLocalTime()).isEqualTo("2026-11-23T22:00-05:00[America/New_York]");
        assertThat(classified.getClassifiedAt()).isEqualTo(NOW);
        assertThat(classified.getMessage()).isEqualTo(message);
    }

    @Test
    void anUnresolvedCallerOnAClientsEmergencyLineIsThatClientsEmergency() {
        MessageReceived call = message(Topics.UNRESOLVED_CLIENT, null, "Hello? Please call me back.")
                .setChannel(Channel.VOICE).setFrom("+15559990000").setTo(List.of("+15550199911"))
                .setReceivedAt(Instant.parse("2026-11-23T22:14:05Z")).build();

        MessageClassified classified = triage.classify(call, NOW);

        assertThat(classified.getClientId()).isEqualTo(Topics.UNRESOLVED_CLIENT);
        assertThat(classified.getUrgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(classified.getReasons()).containsExactly("dedicated emergency line +15550199911");
        // acme-shop's hours (until 17:30), not the agency's (until 17:00)
        assertThat(classified.getAfterHoursStatus()).isEqualTo(AfterHoursStatus.IN_HOURS);
    }

    @Test
    void anUnknownClientIsJudgedAgainstTheAgencyDefaultCalendar() {
        MessageReceived message = message(Topics.UNRESOLVED_CLIENT, null, "Can you send me a quote?")
                .setReceivedAt(Instant.parse("2026-11-23T22:14:05Z")).build();

        MessageClassified classified = triage.classify(message, NOW);

        assertThat(classified.getUrgency()).isEqualTo(Urgency.NORMAL);
        assertThat(classified.getAfterHoursStatus()).isEqualTo(AfterHoursStatus.AFTER_HOURS);
        assertThat(classified.getClientLocalTime()).isEqualTo("2026-11-23T17:14:05-05:00[America/New_York]");
    }
}
