package dev.afterhours.scheduler;

import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.DayOfWeek;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.SlaClock;
import dev.afterhours.contracts.SlaPolicy;
import dev.afterhours.contracts.SlaTarget;
import dev.afterhours.contracts.SupportCalendar;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.contracts.WeeklyWindow;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Directory clients and classified messages for tests. */
public final class Fixtures {

    private Fixtures() {
    }

    /** Acme Shop as in deploy/local/directory.yml: New York, Mon-Fri 09:00-17:30, Thanksgiving off, NORMAL PT4H. */
    public static ClientProfile acmeShop() {
        List<WeeklyWindow> windows = new ArrayList<>();
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            windows.add(new WeeklyWindow(day, "09:00", "17:30"));
        }
        return client("acme-shop", "Acme Shop", SupportCalendar.newBuilder()
                        .setZone("America/New_York")
                        .setWindows(windows)
                        .setHolidays(List.of("2026-11-26", "2026-12-25", "2027-01-01"))
                        .build(), 75,
                target(Urgency.EMERGENCY, "PT15M", SlaClock.CALENDAR),
                target(Urgency.HIGH, "PT2H", SlaClock.BUSINESS),
                target(Urgency.NORMAL, "PT4H", SlaClock.BUSINESS),
                target(Urgency.LOW, "PT16H", SlaClock.BUSINESS));
    }

    /**
     * The first Monday 18:14:05 in {@code zone} at least a day after the clock's now: an after-hours moment whose next
     * opening and due time both lie ahead of the wall clock, so no timer fires while a test reads.
     */
    public static ZonedDateTime nextMondayEvening(Clock clock, ZoneId zone) {
        return nextAfterHours(clock, zone, java.time.DayOfWeek.MONDAY, LocalTime.of(18, 14, 5));
    }

    /**
     * The first {@code day} at {@code time} in {@code zone} at least a day after the clock's now, in a week where
     * neither that day nor the three after it is one of {@link #acmeShop()}'s holidays.
     */
    public static ZonedDateTime nextAfterHours(Clock clock, ZoneId zone, java.time.DayOfWeek day, LocalTime time) {
        Set<LocalDate> holidays = acmeShop().getCalendar().getHolidays().stream().map(LocalDate::parse)
                .collect(Collectors.toSet());
        LocalDate date = LocalDate.now(clock.withZone(zone)).plusDays(1).with(TemporalAdjusters.nextOrSame(day));
        while (date.datesUntil(date.plusDays(4)).anyMatch(holidays::contains)) {
            date = date.plusWeeks(1);
        }
        return date.atTime(time).atZone(zone);
    }

    /** A client served around the clock, with the given targets. */
    public static ClientProfile allDayClient(String clientId, int warnAtPercent, SlaTarget... targets) {
        List<WeeklyWindow> windows = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            windows.add(new WeeklyWindow(day, "00:00", "24:00"));
        }
        return client(clientId, "Client " + clientId,
                SupportCalendar.newBuilder().setZone("UTC").setWindows(windows).build(), warnAtPercent, targets);
    }

    public static ClientProfile client(String clientId, String name, SupportCalendar calendar, int warnAtPercent,
            SlaTarget... targets) {
        return ClientProfile.newBuilder()
                .setClientId(clientId)
                .setName(name)
                .setAccountManagerId("alice")
                .setCalendar(calendar)
                .setSlaPolicy(SlaPolicy.newBuilder().setTargets(List.of(targets)).setWarnAtPercent(warnAtPercent).build())
                .build();
    }

    public static SlaTarget target(Urgency urgency, String target, SlaClock clock) {
        return SlaTarget.newBuilder().setUrgency(urgency).setTarget(target).setClock(clock).build();
    }

    /** An inbound client message that needs an answer. */
    public static MessageClassified inbound(String clientId, String messageId, String conversationId, Urgency urgency,
            AfterHoursStatus status, Instant receivedAt) {
        return classified(clientId, messageId, conversationId, urgency, status, receivedAt, Direction.INBOUND, true,
                false);
    }

    /** A staff reply in a conversation. */
    public static MessageClassified reply(String clientId, String messageId, String conversationId, Instant sentAt) {
        return classified(clientId, messageId, conversationId, Urgency.LOW, AfterHoursStatus.IN_HOURS, sentAt,
                Direction.OUTBOUND, false, false);
    }

    public static MessageClassified classified(String clientId, String messageId, String conversationId,
            Urgency urgency, AfterHoursStatus status, Instant receivedAt, Direction direction, boolean needsResponse,
            boolean autoReply) {
        MessageReceived message = MessageReceived.newBuilder()
                .setMessageId(messageId)
                .setClientId(clientId)
                .setConversationId(conversationId)
                .setChannel(Channel.EMAIL)
                .setDirection(direction)
                .setProvider("api")
                .setProviderMessageId("p-" + messageId)
                .setFrom(direction == Direction.INBOUND ? "dana@acme-shop.example" : "alice@agency.example")
                .setTo(List.of(direction == Direction.INBOUND ? "support@agency.example" : "dana@acme-shop.example"))
                .setSubject(urgency == Urgency.EMERGENCY ? "Checkout is broken" : "Question about invoice " + messageId)
                .setBody(urgency == Urgency.EMERGENCY
                        ? "Customers cannot pay since 21:40, the checkout page shows an error."
                        : "Hello, could you look at this when you have a moment?")
                .setReceivedAt(receivedAt)
                .build();
        return MessageClassified.newBuilder()
                .setMessageId(messageId)
                .setClientId(clientId)
                .setConversationId(conversationId)
                .setUrgency(urgency)
                .setConfidence(0.9)
                .setReasons(urgency == Urgency.EMERGENCY ? List.of("matched 'checkout is broken'") : List.of())
                .setNeedsResponse(needsResponse)
                .setAutoReply(autoReply)
                .setAfterHoursStatus(status)
                .setClientLocalTime(receivedAt.toString())
                .setClassifiedAt(receivedAt)
                .setMessage(message)
                .build();
    }
}
