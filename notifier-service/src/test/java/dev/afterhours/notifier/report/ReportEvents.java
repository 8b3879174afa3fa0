package dev.afterhours.notifier.report;

import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.CorrectionDirection;
import dev.afterhours.contracts.DayOfWeek;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.NotificationAcknowledged;
import dev.afterhours.contracts.NotificationAttempted;
import dev.afterhours.contracts.NotificationChannel;
import dev.afterhours.contracts.NotificationDelivered;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.NotificationResolved;
import dev.afterhours.contracts.SlaBreached;
import dev.afterhours.contracts.SlaClock;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.SlaMet;
import dev.afterhours.contracts.SlaPolicy;
import dev.afterhours.contracts.SlaStarted;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.SupportCalendar;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.contracts.UrgencyCorrected;
import dev.afterhours.contracts.WeeklyWindow;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Events as the pipeline writes them, and a directory in maps, for the report tests (unit and IT). */
public final class ReportEvents {

    private ReportEvents() {
    }

    /** A client open Monday to Friday, 09:00-17:00 in {@code zone}, with the given emergency lines. */
    public static ClientProfile client(String id, String zone, String... emergencyLines) {
        List<WeeklyWindow> windows = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY).stream().map(d -> new WeeklyWindow(d, "09:00", "17:00")).toList();
        return ClientProfile.newBuilder().setClientId(id).setName("Client " + id).setAccountManagerId("am")
                .setCalendar(SupportCalendar.newBuilder().setZone(zone).setWindows(windows).build())
                .setSlaPolicy(SlaPolicy.newBuilder().setTargets(List.of()).build())
                .setEmergencyLines(List.of(emergencyLines)).build();
    }

    public static StaffMember person(String id, String zone, String quietFrom, String quietTo) {
        return StaffMember.newBuilder().setStaffId(id).setName(id).setZone(zone).setEmail(id + "@agency.example")
                .setQuietFrom(quietFrom).setQuietTo(quietTo).build();
    }

    public static MessageClassified classified(String messageId, String clientId, Channel channel, Urgency urgency,
            AfterHoursStatus status, Instant receivedAt, String... to) {
        return classified(messageId, clientId, channel, urgency, status, receivedAt, Direction.INBOUND, to);
    }

    public static MessageClassified classified(String messageId, String clientId, Channel channel, Urgency urgency,
            AfterHoursStatus status, Instant receivedAt, Direction direction, String... to) {
        return MessageClassified.newBuilder().setMessageId(messageId).setClientId(clientId).setConversationId("c-" + messageId)
                .setUrgency(urgency).setConfidence(0.9).setNeedsResponse(true).setAutoReply(false)
                .setAfterHoursStatus(status).setClientLocalTime(receivedAt.toString()).setClassifiedAt(receivedAt)
                .setMessage(message(messageId, clientId, channel, receivedAt, direction, to)).build();
    }

    public static MessageReceived message(String messageId, String clientId, Channel channel, Instant receivedAt,
            Direction direction, String... to) {
        return MessageReceived.newBuilder().setMessageId(messageId).setClientId(clientId).setConversationId("c-" + messageId)
                .setChannel(channel).setDirection(direction).setProvider("api").setProviderMessageId("p-" + messageId)
                .setFrom("+15550001111").setTo(List.of(to)).setBody("help").setReceivedAt(receivedAt).build();
    }

    public static UrgencyCorrected correction(String messageId, String clientId, Urgency previous, Urgency corrected,
            Instant receivedAt, Instant correctedAt) {
        CorrectionDirection direction = corrected.ordinal() > previous.ordinal() ? CorrectionDirection.LOWERED
                : corrected == previous ? CorrectionDirection.UNCHANGED : CorrectionDirection.RAISED;
        return UrgencyCorrected.newBuilder().setCorrectionId(UUID.randomUUID()).setMessageId(messageId)
                .setClientId(clientId).setConversationId("c-" + messageId).setChannel(Channel.SMS)
                .setPreviousUrgency(previous).setCorrectedUrgency(corrected).setDirection(direction)
                .setCorrectedBy("alice").setReason("not an emergency").setCorrectedAt(correctedAt)
                .setMessage(message(messageId, clientId, Channel.SMS, receivedAt, Direction.INBOUND)).build();
    }

    public static SlaEvent started(String slaId, String clientId, Urgency urgency, Instant receivedAt) {
        return sla(slaId + ":started", slaId, clientId, urgency, receivedAt, SlaStarted.newBuilder().setReceivedAt(receivedAt)
                .setClock(SlaClock.BUSINESS).setTarget("PT4H").setDueAt(receivedAt.plusSeconds(4 * 3600)).build());
    }

    public static SlaEvent met(String slaId, String clientId, Urgency urgency, Instant respondedAt) {
        return sla(slaId + ":met", slaId, clientId, urgency, respondedAt, SlaMet.newBuilder().setDueAt(respondedAt)
                .setRespondedAt(respondedAt).setResponseMessageId("r-" + slaId).build());
    }

    public static SlaEvent breached(String slaId, String clientId, Urgency urgency, Instant at) {
        return sla(slaId + ":breached", slaId, clientId, urgency, at, SlaBreached.newBuilder().setDueAt(at).build());
    }

    private static SlaEvent sla(String eventId, String slaId, String clientId, Urgency urgency, Instant at, Object payload) {
        return SlaEvent.newBuilder().setEventId(eventId).setSlaId(slaId).setClientId(clientId).setConversationId("c-" + slaId)
                .setUrgency(urgency).setOccurredAt(at).setPayload(payload).build();
    }

    /** An attempt then a delivery of one page: escalation, person, channel, level, urgency, at. */
    public static List<NotificationEvent> page(String escalationId, String clientId, String staffId,
            NotificationChannel channel, int level, Urgency urgency, Instant at) {
        String notificationId = escalationId + ":" + staffId + ":" + channel + ":" + level;
        EscalationReason reason = urgency == Urgency.EMERGENCY ? EscalationReason.EMERGENCY : EscalationReason.SLA_BREACH;
        return List.of(
                notification(notificationId + ":a", notificationId, escalationId, clientId, at, NotificationAttempted.newBuilder()
                        .setStaffId(staffId).setChannel(channel).setDestination("x").setLevel(level).setReason(reason)
                        .setSummary("summary").setUrgency(urgency).build()),
                notification(notificationId + ":d", notificationId, escalationId, clientId, at, NotificationDelivered.newBuilder()
                        .setStaffId(staffId).setChannel(channel).setDestination("x").setLevel(level).setReason(reason)
                        .setSummary("summary").build()));
    }

    public static NotificationEvent acknowledged(String escalationId, String clientId, String staffId, Instant at) {
        return notification(escalationId + ":ack", escalationId + ":" + staffId, escalationId, clientId, at,
                NotificationAcknowledged.newBuilder().setStaffId(staffId).build());
    }

    public static NotificationEvent resolved(String escalationId, String clientId, String staffId, Instant at) {
        return notification(escalationId + ":resolved", escalationId, escalationId, clientId, at,
                NotificationResolved.newBuilder().setStaffId(staffId).setNote("fixed").build());
    }

    private static NotificationEvent notification(String eventId, String notificationId, String escalationId,
            String clientId, Instant at, Object payload) {
        return NotificationEvent.newBuilder().setEventId(eventId).setNotificationId(notificationId)
                .setEscalationId(escalationId).setClientId(clientId).setOccurredAt(at).setPayload(payload).build();
    }

    /** A directory in maps. */
    public static final class Directory implements ReportDirectory {
        final Map<String, ClientProfile> clients = new HashMap<>();
        final Map<String, StaffMember> staff = new HashMap<>();
        final Map<String, java.time.Duration> onCall = new HashMap<>();

        /** What {@link #plannedOnCall} answers, whatever the range. */
        public Directory onCall(String staffId, java.time.Duration duration) {
            onCall.put(staffId, duration);
            return this;
        }

        @Override
        public Map<String, java.time.Duration> plannedOnCall(Instant from, Instant to) {
            return Map.copyOf(onCall);
        }

        public Directory add(ClientProfile client) {
            clients.put(client.getClientId(), client);
            return this;
        }

        public Directory add(StaffMember person) {
            staff.put(person.getStaffId(), person);
            return this;
        }

        @Override
        public Optional<ClientProfile> client(String clientId) {
            return Optional.ofNullable(clients.get(clientId));
        }

        @Override
        public Optional<StaffMember> staff(String staffId) {
            return Optional.ofNullable(staff.get(staffId));
        }
    }
}
