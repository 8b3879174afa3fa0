package dev.afterhours.notifier.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.businesstime.SupportHours;
import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.AutoReplyKind;
import dev.afterhours.contracts.AutoReplyOutcome;
import dev.afterhours.contracts.AutoReplyRecorded;
import dev.afterhours.contracts.AutoReplyRequested;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.DayOfWeek;
import dev.afterhours.contracts.SlaClock;
import dev.afterhours.contracts.SlaDeferred;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.SlaMet;
import dev.afterhours.contracts.SlaStarted;
import dev.afterhours.contracts.SupportCalendar;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.contracts.WeeklyWindow;
import dev.afterhours.directory.Calendars;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * When a digest is due and what it lists, on Acme Shop's calendar (New York, Mon-Fri 09:00-17:30). The Friday is the
 * next one after the real clock's today, so the test holds on any date.
 */
class DigestsTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static SupportHours acmeHours() {
        List<WeeklyWindow> windows = new ArrayList<>();
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            windows.add(new WeeklyWindow(day, "09:00", "17:30"));
        }
        return Calendars.supportHours(SupportCalendar.newBuilder().setZone("America/New_York").setWindows(windows).build());
    }

    static ZonedDateTime nextFriday(LocalTime time) {
        LocalDate date = LocalDate.now(Clock.systemUTC().withZone(NEW_YORK)).plusDays(1)
                .with(TemporalAdjusters.nextOrSame(java.time.DayOfWeek.FRIDAY));
        return date.atTime(time).atZone(NEW_YORK);
    }

    static SlaEvent event(String slaId, String clientId, Urgency urgency, Instant at, Object payload) {
        return SlaEvent.newBuilder().setEventId(slaId + ":" + payload.getClass().getSimpleName()).setSlaId(slaId)
                .setClientId(clientId).setConversationId("c-" + slaId).setUrgency(urgency).setOccurredAt(at)
                .setPayload(payload).build();
    }

    static void started(DigestBook book, String slaId, String clientId, Urgency urgency, Instant received, Instant due) {
        book.apply(event(slaId, clientId, urgency, received, new SlaStarted(received, SlaClock.BUSINESS, "PT2H", due)));
    }

    @Test
    void mondaysDigestIsDueAtTheOpeningAndCoversFridaysClosingUntilThen() {
        ZonedDateTime friday = nextFriday(LocalTime.of(17, 0));
        ZonedDateTime monday = friday.plusDays(3);
        SupportHours hours = acmeHours();

        assertThat(Digests.due(hours, monday.withHour(8).withMinute(59).toInstant())).as("before the opening").isEmpty();
        assertThat(Digests.due(hours, friday.plusDays(1).withHour(10).toInstant())).as("Saturday: no working day").isEmpty();
        Digests.Window window = Digests.due(hours, monday.withHour(9).toInstant()).orElseThrow();
        assertThat(window.day()).isEqualTo(monday.toLocalDate());
        assertThat(window.dayStart()).isEqualTo(monday.withHour(9).toInstant());
        assertThat(window.since()).as("Friday's closing").isEqualTo(friday.withHour(17).withMinute(30).toInstant());
        assertThat(Digests.due(hours, monday.withHour(11).toInstant())).as("later the same day: the same digest")
                .contains(window);
    }

    @Test
    void theDigestListsWhatArrivedOvernightSoonestDueFirstWithWhatEachClientWasTold() {
        ZonedDateTime friday = nextFriday(LocalTime.of(17, 0));
        ZonedDateTime monday = friday.plusDays(3);
        DigestBook book = new DigestBook();
        // In hours on Friday, still open: listed (due Monday 10:30). Another, answered on Friday: not listed.
        started(book, "m-fri", "acme", Urgency.HIGH, friday.toInstant(), monday.withHour(10).withMinute(30).toInstant());
        started(book, "m-fri-met", "acme", Urgency.HIGH, friday.toInstant(), monday.withHour(10).withMinute(30).toInstant());
        book.apply(event("m-fri-met", "acme", Urgency.HIGH, friday.plusMinutes(10).toInstant(),
                new SlaMet(monday.withHour(10).withMinute(30).toInstant(), friday.plusMinutes(10).toInstant(), "r-0")));
        // Saturday, NORMAL: deferred to Monday 09:00, due 13:00, acknowledged by e-mail.
        Instant saturday = friday.plusDays(1).withHour(11).toInstant();
        started(book, "m-sat", "acme", Urgency.NORMAL, saturday, monday.withHour(13).toInstant());
        book.apply(event("m-sat", "acme", Urgency.NORMAL, saturday,
                new SlaDeferred(monday.withHour(9).toInstant(), AfterHoursStatus.WEEKEND)));
        book.apply(AutoReplyRequested.newBuilder().setRequestId("m-sat:ack").setClientId("acme").setConversationId("c-m-sat")
                .setMessageId("m-sat").setChannel(Channel.EMAIL).setTo("dana@acme.example")
                .setExpectedAnswerBy(monday.withHour(13).toInstant())
                .setText("Thanks, we have your message. Expect an answer by Monday 13:00.").setRequestedAt(saturday).build());
        book.apply(new AutoReplyRecorded("m-sat:ack", "acme", "m-sat", Channel.EMAIL, "dana@acme.example",
                AutoReplyOutcome.SENT, null, saturday.plusSeconds(2), AutoReplyKind.ACKNOWLEDGEMENT));
        // An update about the same message (its SLA breached) is not what the client was told overnight.
        book.apply(AutoReplyRequested.newBuilder().setRequestId("m-sat:update").setKind(AutoReplyKind.SLA_UPDATE)
                .setClientId("acme").setConversationId("c-sat").setMessageId("m-sat").setChannel(Channel.EMAIL)
                .setTo("dana@acme.example").setExpectedAnswerBy(monday.withHour(17).toInstant())
                .setText("We have not answered your message yet.").setRequestedAt(saturday.plusSeconds(5)).build());
        book.apply(new AutoReplyRecorded("m-sat:update", "acme", "m-sat", Channel.EMAIL, "dana@acme.example",
                AutoReplyOutcome.FAILED, "refused", saturday.plusSeconds(6), AutoReplyKind.SLA_UPDATE));
        // Sunday, LOW for another client of the same person: due later.
        Instant sunday = friday.plusDays(2).withHour(20).toInstant();
        started(book, "m-sun", "bolt", Urgency.LOW, sunday, monday.withHour(17).toInstant());
        // Sunday, HIGH: due first; answered already on Sunday evening.
        started(book, "m-sun-high", "acme", Urgency.HIGH, sunday.plusSeconds(60), monday.withHour(11).toInstant());
        book.apply(event("m-sun-high", "acme", Urgency.HIGH, sunday.plusSeconds(600),
                new SlaMet(monday.withHour(11).toInstant(), sunday.plusSeconds(600), "r-1")));
        // Someone else's client: not listed.
        started(book, "m-other", "zeta", Urgency.HIGH, saturday, monday.withHour(10).toInstant());

        Digests.Window window = Digests.due(acmeHours(), monday.withHour(9).toInstant()).orElseThrow();
        List<DigestBook.Entry> entries = book.forDigest(Set.of("acme", "bolt"), window.since(), window.dayStart());
        assertThat(entries).extracting(DigestBook.Entry::slaId).containsExactly("m-fri", "m-sun-high", "m-sat", "m-sun");

        String body = Digests.body("Alice", window, entries, Map.of("acme", "Acme Shop", "bolt", "Bolt Ltd"), NEW_YORK);
        assertThat(body).contains("1. Acme Shop: HIGH, received Fri", "2. Acme Shop: HIGH, received Sun",
                        "3. Acme Shop: NORMAL", "4. Bolt Ltd: LOW")
                .contains("Status: answered " + "Sun")
                .contains("waited for the opening at Mon")
                .contains("\"Thanks, we have your message. Expect an answer by Monday 13:00.\" (EMAIL to dana@acme.example, sent Sat")
                .contains("Client told: nothing (no acknowledgement was asked for");
        assertThat(body.indexOf("m-sun-high")).isLessThan(body.indexOf("m-sat")).isLessThan(body.indexOf("SLA m-sun\n"));
        assertThat(Digests.subject(window, entries.size())).startsWith("[Overnight] 4 messages for your clients, Monday");
    }
}
