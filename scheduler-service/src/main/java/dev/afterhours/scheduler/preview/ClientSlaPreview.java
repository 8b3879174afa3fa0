package dev.afterhours.scheduler.preview;

import dev.afterhours.businesstime.OpeningStatus;
import dev.afterhours.businesstime.SupportHours;
import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.SlaClock;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.directory.Calendars;
import dev.afterhours.scheduler.sla.ClientLookup;
import dev.afterhours.scheduler.sla.SlaPlan;
import dev.afterhours.scheduler.sla.SlaPlanner;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A client's own SLA for a message received at a given moment, planned by the pipeline's {@link SlaPlanner} (same
 * calendar, policy and default targets), so the preview and the scheduler cannot disagree.
 */
public final class ClientSlaPreview {

    /**
     * The answer. {@code nextOpenAt} and {@code status} are null when the client's calendar cannot be used
     * ({@code fallback} then says why and the default target applies on the CALENDAR clock).
     */
    public record Answer(String clientId, Urgency urgency, Duration target, SlaClock clock, Instant receivedAt,
                         Instant dueAt, @Nullable Instant nextOpenAt, @Nullable OpeningStatus status,
                         @Nullable String fallback) {
    }

    private final ClientLookup clients;
    private final BooleanSupplier directoryLoaded;
    private final SlaPlanner planner;

    public ClientSlaPreview(ClientLookup clients, BooleanSupplier directoryLoaded, SlaPlanner planner) {
        this.clients = clients;
        this.directoryLoaded = directoryLoaded;
        this.planner = planner;
    }

    /** Whether the directory has been read to its end (before that, "unknown client" may just mean "not yet"). */
    public boolean ready() {
        return directoryLoaded.getAsBoolean();
    }

    /** Empty when the directory does not know the client. */
    public Optional<Answer> preview(String clientId, Urgency urgency, Instant receivedAt) {
        Optional<ClientProfile> client = clients.client(clientId);
        if (client.isEmpty()) {
            return Optional.empty();
        }
        SupportHours hours = null;
        OpeningStatus status = null;
        Instant nextOpenAt = null;
        try {
            hours = Calendars.supportHours(client.get().getCalendar());
            status = hours.status(receivedAt);
            nextOpenAt = hours.nextOpenAt(receivedAt);
        } catch (IllegalArgumentException e) {
            // The planner falls back to the default targets and reports why; there is no opening to show.
            status = null;
            nextOpenAt = null;
        }
        SlaPlan plan = planner.plan(message(clientId, urgency, receivedAt, status), client);
        return Optional.of(new Answer(clientId, urgency, plan.target(), plan.clock(), receivedAt, plan.dueAt(),
                nextOpenAt, status, plan.fallbackReason()));
    }

    /** The classified message the pipeline would see, with the status the classifier derives from the same calendar. */
    private static MessageClassified message(String clientId, Urgency urgency, Instant receivedAt,
            @Nullable OpeningStatus status) {
        MessageReceived message = MessageReceived.newBuilder()
                .setMessageId("preview").setClientId(clientId).setConversationId("preview").setChannel(Channel.API)
                .setDirection(Direction.INBOUND).setProvider("preview").setProviderMessageId("preview")
                .setFrom("preview").setBody("").setReceivedAt(receivedAt).build();
        return MessageClassified.newBuilder()
                .setMessageId("preview").setClientId(clientId).setConversationId("preview").setUrgency(urgency)
                .setConfidence(1.0).setNeedsResponse(true).setAutoReply(false)
                .setAfterHoursStatus(status == null ? AfterHoursStatus.IN_HOURS : AfterHoursStatus.valueOf(status.name()))
                .setClientLocalTime("").setClassifiedAt(receivedAt).setMessage(message).build();
    }
}
