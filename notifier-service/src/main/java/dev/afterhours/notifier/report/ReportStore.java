package dev.afterhours.notifier.report;

import dev.afterhours.businesstime.SupportHours;
import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.NotificationChannel;
import dev.afterhours.contracts.NotificationDelivered;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.SlaBreached;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.SlaMet;
import dev.afterhours.contracts.SlaStarted;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.contracts.UrgencyCorrected;
import dev.afterhours.directory.Calendars;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.notifier.incident.Incident;
import dev.afterhours.notifier.oncall.QuietHours;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The reports' state, folded from the events and answered from for any range. Bounded by design:
 *
 * <ul>
 *   <li>inbound messages are counts per UTC hour x client x channel x urgency x after-hours status;</li>
 *   <li>closed SLAs are counts and {@link DurationHistogram}s per UTC hour of arrival x client x urgency x channel;
 *       an SLA is kept by id only while it is open;</li>
 *   <li>the latest staff correction per corrected message, and the after-hours messages that came in the urgent
 *       lane (emergency line, or {@code Priority: urgent}): few, and needed because a correction can come days
 *       later;</li>
 *   <li>incidents (the notification events of each escalation), as the incidents API keeps them: pages are rare.</li>
 * </ul>
 *
 * Everything older than {@code retention} is dropped. Thread-safe: followers fold in on their threads while the
 * API reads.
 */
public final class ReportStore {

    /** The channel of an SLA whose message the store never saw (e.g. gone from the topic by retention). */
    public static final String UNKNOWN = "UNKNOWN";
    /** A night: from 18:00 to 08:00 on the responder's wall clock, named by the date of its evening. */
    public static final LocalTime NIGHT_STARTS = LocalTime.of(18, 0);
    public static final LocalTime NIGHT_ENDS = LocalTime.of(8, 0);
    private static final Duration ARRIVAL_KEPT = Duration.ofDays(1);
    private static final int PRUNE_EVERY = 10_000;
    /** The longest range planned on-call time is computed for: the on-call API's maximum. */
    static final Duration MAX_PLANNED_SPAN = Duration.ofDays(92);

    /** A dimension a table can be grouped by. */
    public enum Dimension { CLIENT, URGENCY, CHANNEL, STATUS }

    private record MessageKey(Instant hour, String clientId, String channel, Urgency urgency, AfterHoursStatus status) {
    }

    private record SlaKey(Instant hour, String clientId, Urgency urgency, String channel) {
    }

    private static final class SlaTally {
        long met;
        long breached;
        final DurationHistogram wall = new DurationHistogram();
        final DurationHistogram business = new DurationHistogram();
    }

    private record OpenSla(String clientId, Urgency urgency, @Nullable String channel, Instant receivedAt) {
    }

    private record Arrival(String channel, Instant seenAt) {
    }

    private record Correction(String clientId, Instant receivedAt, Urgency previous, Urgency corrected, Instant correctedAt) {
        boolean falseEmergency() {
            return previous == Urgency.EMERGENCY && corrected != Urgency.EMERGENCY;
        }

        boolean raisedToEmergency() {
            return previous != Urgency.EMERGENCY && corrected == Urgency.EMERGENCY;
        }
    }

    private record UrgentLane(String clientId, Instant receivedAt, Urgency classified) {
    }

    private record CachedHours(ClientProfile profile, @Nullable SupportHours hours) {
    }

    /** One person paged at one step of an incident: the first delivery to them at that step. */
    public record PageTaken(String clientId, String staffId, int level, Instant at, String urgency, boolean inQuietHours,
                            boolean wokeInQuietHours) {
    }

    private final ReportDirectory directory;
    private final Duration retention;
    private final Clock clock;
    private final ReportListener listener;

    private final Map<MessageKey, Long> messages = new HashMap<>();
    private final Map<SlaKey, SlaTally> closed = new HashMap<>();
    private final Map<String, OpenSla> open = new HashMap<>();
    private final Map<String, Arrival> arrivals = new HashMap<>();
    private final Map<String, Correction> corrections = new HashMap<>();
    private final Map<String, UrgentLane> urgentLane = new HashMap<>();
    private final Map<String, List<NotificationEvent>> incidents = new LinkedHashMap<>();
    private final Map<String, CachedHours> hours = new HashMap<>();
    /** Open SLAs per urgency, kept beside {@link #open} so the gauge reads it without the store's lock. */
    private final java.util.concurrent.atomic.AtomicLongArray openByUrgency =
            new java.util.concurrent.atomic.AtomicLongArray(Urgency.values().length);
    private long unmatchedSlaOutcomes;
    private long applied;
    private Instant lastPrune = Instant.MIN;

    public ReportStore(ReportDirectory directory, Duration retention, Clock clock, ReportListener listener) {
        this.directory = directory;
        this.retention = retention;
        this.clock = clock;
        this.listener = listener;
    }

    // ---------------------------------------------------------------------------------------------- folding in

    /** An inbound message: counted, and remembered for its SLA's channel and, if in the urgent lane after hours, for corrections. */
    public synchronized void apply(MessageClassified classified) {
        MessageReceived message = classified.getMessage();
        if (message.getDirection() != Direction.INBOUND) {
            return; // staff replies close SLAs (the scheduler says so); they are no load
        }
        tick();
        Instant at = message.getReceivedAt();
        String clientId = classified.getClientId();
        String channel = message.getChannel().name();
        messages.merge(new MessageKey(hour(at), clientId, channel, classified.getUrgency(),
                classified.getAfterHoursStatus()), 1L, Long::sum);
        String messageId = message.getMessageId();
        if (classified.getNeedsResponse() && !classified.getAutoReply()) {
            OpenSla sla = open.get(messageId);
            if (sla == null) {
                arrivals.put(messageId, new Arrival(channel, clock.instant()));
            } else if (sla.channel() == null) {
                open.put(messageId, new OpenSla(sla.clientId(), sla.urgency(), channel, sla.receivedAt()));
            }
        }
        if (classified.getAfterHoursStatus() != AfterHoursStatus.IN_HOURS && inUrgentLane(message, clientId)) {
            urgentLane.put(messageId, new UrgentLane(clientId, at, classified.getUrgency()));
        }
        listener.messageArrived(clientId, classified.getAfterHoursStatus(), at);
    }

    /** A staff correction; the latest per message wins, as the contract says. */
    public synchronized void apply(UrgencyCorrected correction) {
        tick();
        Correction next = new Correction(correction.getClientId(), correction.getMessage().getReceivedAt(),
                correction.getPreviousUrgency(), correction.getCorrectedUrgency(), correction.getCorrectedAt());
        Correction prior = corrections.get(correction.getMessageId());
        if (prior != null && prior.correctedAt().isAfter(next.correctedAt())) {
            return;
        }
        corrections.put(correction.getMessageId(), next);
        if (next.falseEmergency() && (prior == null || !prior.falseEmergency())) {
            listener.falseEmergency(next.clientId(), next.correctedAt());
        }
    }

    public synchronized void apply(SlaEvent event) {
        tick();
        String slaId = event.getSlaId();
        switch (event.getPayload()) {
            case SlaStarted started -> {
                if (!open.containsKey(slaId)) {
                    Arrival arrival = arrivals.remove(slaId);
                    open.put(slaId, new OpenSla(event.getClientId(), event.getUrgency(),
                            arrival == null ? null : arrival.channel(), started.getReceivedAt()));
                    openByUrgency.incrementAndGet(event.getUrgency().ordinal());
                }
            }
            case SlaMet met -> close(event, met.getRespondedAt());
            case SlaBreached breached -> close(event, null);
            default -> {
                // deferred and warned change no outcome
            }
        }
    }

    private void close(SlaEvent event, @Nullable Instant respondedAt) {
        OpenSla sla = open.remove(event.getSlaId());
        if (sla == null) {
            unmatchedSlaOutcomes++; // its start is older than the topic keeps, or was read by no one
            return;
        }
        openByUrgency.decrementAndGet(sla.urgency().ordinal());
        String channel = sla.channel() == null ? UNKNOWN : sla.channel();
        SlaTally tally = closed.computeIfAbsent(new SlaKey(hour(sla.receivedAt()), sla.clientId(), sla.urgency(), channel),
                k -> new SlaTally());
        Duration wall = null;
        Duration business = null;
        if (respondedAt == null) {
            tally.breached++;
        } else {
            tally.met++;
            wall = nonNegative(Duration.between(sla.receivedAt(), respondedAt));
            tally.wall.add(wall);
            business = businessTime(sla.clientId(), sla.receivedAt(), respondedAt);
            if (business != null) {
                tally.business.add(business);
            }
        }
        listener.slaClosed(sla.clientId(), sla.urgency(), channel, respondedAt != null, wall, business,
                event.getOccurredAt());
    }

    public synchronized void apply(NotificationEvent event) {
        tick();
        List<NotificationEvent> events = incidents.computeIfAbsent(event.getEscalationId(), k -> new ArrayList<>());
        String eventId = event.getEventId();
        if (events.stream().anyMatch(e -> e.getEventId().equals(eventId))) {
            return;
        }
        events.add(event);
        if (event.getPayload() instanceof NotificationDelivered delivered) {
            String staffId = delivered.getStaffId();
            List<NotificationEvent> earlier = events.subList(0, events.size() - 1);
            boolean firstOfStep = earlier.stream().noneMatch(e -> e.getPayload() instanceof NotificationDelivered d
                    && d.getStaffId().equals(staffId) && d.getLevel() == delivered.getLevel());
            String urgency = urgency(Incident.of(events).orElseThrow());
            if (firstOfStep) {
                listener.paged(staffId, urgency, event.getOccurredAt());
            }
            boolean wokeBefore = earlier.stream().anyMatch(e -> e.getPayload() instanceof NotificationDelivered d
                    && d.getStaffId().equals(staffId) && d.getLevel() == delivered.getLevel() && wakes(d.getChannel())
                    && quiet(staffId, e.getOccurredAt()));
            if (!wokeBefore && wakes(delivered.getChannel()) && quiet(staffId, event.getOccurredAt())) {
                listener.wokeInQuietHours(staffId, urgency, event.getOccurredAt());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- reading

    /** SLAs that arrived in the range, by the chosen dimensions (of client, urgency, channel). */
    public synchronized ReportTable sla(ReportRange range, Set<Dimension> groupBy, @Nullable String clientId) {
        prune();
        record Figures(long[] counts, DurationHistogram wall, DurationHistogram business) {
        }
        Map<List<String>, Figures> groups = new TreeMap<>(ReportStore::compareKeys);
        Function<List<String>, Figures> fresh = k -> new Figures(new long[3], new DurationHistogram(), new DurationHistogram());
        closed.forEach((key, tally) -> {
            if (range.contains(key.hour()) && matches(clientId, key.clientId())) {
                Figures f = groups.computeIfAbsent(slaKey(groupBy, key.clientId(), key.urgency(), key.channel()), fresh);
                f.counts()[0] += tally.met;
                f.counts()[1] += tally.breached;
                f.wall().addAll(tally.wall);
                f.business().addAll(tally.business);
            }
        });
        open.values().forEach(sla -> {
            if (range.contains(sla.receivedAt()) && matches(clientId, sla.clientId())) {
                String channel = sla.channel() == null ? UNKNOWN : sla.channel();
                groups.computeIfAbsent(slaKey(groupBy, sla.clientId(), sla.urgency(), channel), fresh).counts()[2]++;
            }
        });
        List<String> columns = new ArrayList<>(names(groupBy, List.of(Dimension.CLIENT, Dimension.URGENCY, Dimension.CHANNEL)));
        columns.addAll(List.of("started", "met", "breached", "open", "attainment", "medianWallSeconds",
                "p90WallSeconds", "medianBusinessSeconds", "p90BusinessSeconds"));
        List<List<@Nullable Object>> rows = new ArrayList<>();
        groups.forEach((key, f) -> {
            List<@Nullable Object> row = new ArrayList<>(key);
            long met = f.counts()[0];
            long breached = f.counts()[1];
            row.addAll(Arrays.asList(met + breached + f.counts()[2], met, breached, f.counts()[2],
                    ReportTable.ratio(met, met + breached), f.wall().quantileSeconds(0.5), f.wall().quantileSeconds(0.9),
                    f.business().quantileSeconds(0.5), f.business().quantileSeconds(0.9)));
            rows.add(row);
        });
        return new ReportTable(columns, rows);
    }

    /** Inbound messages that arrived in the range, by the chosen dimensions (of client, channel, urgency, status). */
    public synchronized ReportTable messages(ReportRange range, Set<Dimension> groupBy, @Nullable String clientId) {
        prune();
        Map<List<String>, Long> groups = new TreeMap<>(ReportStore::compareKeys);
        messages.forEach((key, count) -> {
            if (range.contains(key.hour()) && matches(clientId, key.clientId())) {
                List<String> group = new ArrayList<>();
                if (groupBy.contains(Dimension.CLIENT)) {
                    group.add(key.clientId());
                }
                if (groupBy.contains(Dimension.CHANNEL)) {
                    group.add(key.channel());
                }
                if (groupBy.contains(Dimension.URGENCY)) {
                    group.add(key.urgency().name());
                }
                if (groupBy.contains(Dimension.STATUS)) {
                    group.add(key.status().name());
                }
                groups.merge(group, count, Long::sum);
            }
        });
        List<String> columns = new ArrayList<>(names(groupBy,
                List.of(Dimension.CLIENT, Dimension.CHANNEL, Dimension.URGENCY, Dimension.STATUS)));
        columns.add("messages");
        List<List<@Nullable Object>> rows = new ArrayList<>();
        groups.forEach((key, count) -> {
            List<@Nullable Object> row = new ArrayList<>(key);
            row.add(count);
            rows.add(row);
        });
        return new ReportTable(columns, rows);
    }

    /**
     * Per person paged in the range: pages by urgency, in quiet hours (any delivery) and woken in quiet hours (a
     * channel other than email), nights, responder minutes, and pages by hour of the day on their own wall clock.
     */
    public synchronized ReportTable responders(ReportRange range) {
        prune();
        List<PageTaken> pages = pages(range, null);
        Map<String, List<PageTaken>> byStaff = new TreeMap<>();
        pages.forEach(p -> byStaff.computeIfAbsent(p.staffId(), k -> new ArrayList<>()).add(p));
        Map<String, Long> minutes = responderMinutes(range, null, true);
        minutes.keySet().forEach(staffId -> byStaff.computeIfAbsent(staffId, k -> new ArrayList<>()));
        // as the rotations are planned now (the directory keeps no history); over a long range, not at all
        boolean planned = !Duration.between(range.from(), range.to()).minus(MAX_PLANNED_SPAN).isPositive();
        Map<String, Duration> onCall = planned ? directory.plannedOnCall(range.from(), range.to()) : Map.of();
        onCall.keySet().forEach(staffId -> byStaff.computeIfAbsent(staffId, k -> new ArrayList<>()));
        List<String> columns = new ArrayList<>(List.of("staffId", "zone", "pages", "pagesEmergency", "pagesHigh",
                "pagesNormal", "pagesLow", "pagesUnknownUrgency", "inQuietHours", "wokeInQuietHours",
                "wokeInQuietHoursBelowEmergency", "nights", "responderMinutes", "plannedOnCallMinutes"));
        for (int h = 0; h < 24; h++) {
            columns.add("h%02d".formatted(h));
        }
        List<List<@Nullable Object>> rows = new ArrayList<>();
        byStaff.forEach((staffId, taken) -> {
            ZoneId zone = zone(staffId);
            Map<String, Long> byUrgency = new HashMap<>();
            long[] byHour = new long[24];
            Set<LocalDate> nights = new HashSet<>();
            long inQuiet = 0;
            long woke = 0;
            long wokeBelow = 0;
            for (PageTaken p : taken) {
                byUrgency.merge(p.urgency(), 1L, Long::sum);
                byHour[p.at().atZone(zone).getHour()]++;
                night(p.at(), zone).ifPresent(nights::add);
                inQuiet += p.inQuietHours() ? 1 : 0;
                woke += p.wokeInQuietHours() ? 1 : 0;
                wokeBelow += p.wokeInQuietHours() && !p.urgency().equals(Urgency.EMERGENCY.name()) ? 1 : 0;
            }
            List<@Nullable Object> row = new ArrayList<>(Arrays.asList(staffId, zone.getId(), (long) taken.size(),
                    byUrgency.getOrDefault("EMERGENCY", 0L), byUrgency.getOrDefault("HIGH", 0L),
                    byUrgency.getOrDefault("NORMAL", 0L), byUrgency.getOrDefault("LOW", 0L),
                    byUrgency.getOrDefault(UNKNOWN, 0L), inQuiet, woke, wokeBelow, (long) nights.size(),
                    minutes.getOrDefault(staffId, 0L),
                    planned ? onCall.getOrDefault(staffId, Duration.ZERO).toMinutes() : null));
            for (long n : byHour) {
                row.add(n);
            }
            rows.add(row);
        });
        return new ReportTable(columns, rows);
    }

    /** Per person, the pages they received in the range (each step of an incident once, whatever the channels). */
    public synchronized Map<String, Long> pagesByStaff(ReportRange range) {
        prune();
        Map<String, Long> pages = new TreeMap<>();
        pages(range, null).forEach(p -> pages.merge(p.staffId(), 1L, Long::sum));
        return pages;
    }

    /**
     * Per client, for "is this client worth it": its load after hours, its true and false 911s, its 411s sent in
     * the urgent lane, the pages and responder minutes it caused, and its share of the team's nights.
     */
    public synchronized ReportTable clientBurden(ReportRange range, @Nullable String clientId) {
        prune();
        final class Burden {
            long inbound;
            long afterHours;
            long classifiedEmergencies;
            long falseEmergencies;
            long raisedToEmergency;
            long urgentLane411;
            long pages;
            long incidents;
            long minutes;
            final Set<LocalDate> nights = new HashSet<>();
        }
        Map<String, Burden> burdens = new TreeMap<>();
        Function<String, Burden> of = id -> burdens.computeIfAbsent(id, k -> new Burden());
        messages.forEach((key, count) -> {
            if (range.contains(key.hour()) && matches(clientId, key.clientId())) {
                Burden b = of.apply(key.clientId());
                b.inbound += count;
                b.afterHours += key.status() == AfterHoursStatus.IN_HOURS ? 0 : count;
                b.classifiedEmergencies += key.urgency() == Urgency.EMERGENCY ? count : 0;
            }
        });
        corrections.values().forEach(c -> {
            if (range.contains(c.receivedAt()) && matches(clientId, c.clientId())) {
                of.apply(c.clientId()).falseEmergencies += c.falseEmergency() ? 1 : 0;
                of.apply(c.clientId()).raisedToEmergency += c.raisedToEmergency() ? 1 : 0;
            }
        });
        urgentLane.forEach((messageId, lane) -> {
            if (range.contains(lane.receivedAt()) && matches(clientId, lane.clientId())) {
                Correction c = corrections.get(messageId);
                Urgency finalUrgency = c == null ? lane.classified() : c.corrected();
                if (finalUrgency == Urgency.NORMAL || finalUrgency == Urgency.LOW) {
                    of.apply(lane.clientId()).urgentLane411++;
                }
            }
        });
        Set<LocalDate> teamNights = new HashSet<>();
        for (PageTaken p : pages(range, null)) {
            Optional<LocalDate> night = night(p.at(), zone(p.staffId()));
            night.ifPresent(teamNights::add);
            if (matches(clientId, p.clientId())) {
                Burden b = of.apply(p.clientId());
                b.pages++;
                night.ifPresent(b.nights::add);
            }
        }
        incidentsIn(range, clientId).forEach(i -> of.apply(i.clientId()).incidents++);
        responderMinutes(range, clientId, false).forEach((id, m) -> of.apply(id).minutes += m);
        List<String> columns = List.of("clientId", "clientName", "inboundMessages", "afterHoursMessages",
                "true911s", "false911s", "raisedTo911", "urgentLane411s", "pages", "incidents", "responderMinutes",
                "nights", "teamNights", "nightShare");
        List<List<@Nullable Object>> rows = new ArrayList<>();
        burdens.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Burden>>comparingLong(e -> -e.getValue().pages)
                        .thenComparingLong(e -> -e.getValue().afterHours)
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> {
                    Burden b = e.getValue();
                    String name = directory.client(e.getKey()).map(ClientProfile::getName).orElse(null);
                    long true911 = Math.max(0, b.classifiedEmergencies - b.falseEmergencies + b.raisedToEmergency);
                    rows.add(Arrays.asList(e.getKey(), name, b.inbound, b.afterHours, true911, b.falseEmergencies,
                            b.raisedToEmergency, b.urgentLane411, b.pages, b.incidents, b.minutes,
                            (long) b.nights.size(), (long) teamNights.size(),
                            ReportTable.ratio(b.nights.size(), teamNights.size())));
                });
        return new ReportTable(columns, rows);
    }

    /** Incidents opened in the range, per level reached and in all: how many, acknowledged, resolved, MTTA, MTTR. */
    public synchronized ReportTable incidents(ReportRange range, @Nullable String clientId) {
        prune();
        List<Incident> opened = incidentsIn(range, clientId);
        Map<String, List<Incident>> byLevel = new TreeMap<>(Comparator.comparing((String level) -> level.equals("all"))
                .thenComparing(level -> level.equals("all") ? 0 : Integer.parseInt(level)));
        for (Incident incident : opened) {
            byLevel.computeIfAbsent(Integer.toString(incident.levelReached()), k -> new ArrayList<>()).add(incident);
        }
        byLevel.put("all", opened);
        List<String> columns = List.of("levelReached", "incidents", "acknowledged", "resolved", "open", "mttaSeconds",
                "mttrSeconds", "medianTtaSeconds", "medianTtrSeconds");
        List<List<@Nullable Object>> rows = new ArrayList<>();
        byLevel.forEach((level, list) -> {
            List<Duration> tta = list.stream().flatMap(i -> i.timeToAcknowledge().stream()).toList();
            List<Duration> ttr = list.stream().flatMap(i -> i.timeToResolve().stream()).toList();
            long stillOpen = list.stream().filter(i -> i.status() == Incident.Status.OPEN).count();
            rows.add(Arrays.asList(level, (long) list.size(), (long) tta.size(), (long) ttr.size(), stillOpen,
                    meanSeconds(tta), meanSeconds(ttr), medianSeconds(tta), medianSeconds(ttr)));
        });
        return new ReportTable(columns, rows);
    }

    /** Open SLAs now, by urgency (for the gauge; without the store's lock, so a scrape never waits for a fold). */
    public Map<Urgency, Long> openSlas() {
        Map<Urgency, Long> counts = new EnumMap<>(Urgency.class);
        for (Urgency u : Urgency.values()) {
            counts.put(u, openByUrgency.get(u.ordinal()));
        }
        return counts;
    }

    /** The clients with the most after-hours messages since {@code since}, then the most pages; at most {@code n}. */
    public synchronized List<String> topClients(Instant since, int n) {
        Map<String, long[]> load = new HashMap<>();
        messages.forEach((key, count) -> {
            if (!key.hour().isBefore(since.truncatedTo(ChronoUnit.HOURS)) && key.status() != AfterHoursStatus.IN_HOURS) {
                load.computeIfAbsent(key.clientId(), k -> new long[2])[0] += count;
            }
        });
        pages(new ReportRange(since, Instant.MAX), null)
                .forEach(p -> load.computeIfAbsent(p.clientId(), k -> new long[2])[1]++);
        return load.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                        .thenComparingLong(e -> -e.getValue()[1]).thenComparing(Map.Entry::getKey))
                .limit(n).map(Map.Entry::getKey).toList();
    }

    /** SLA outcomes whose start this store never saw (older than the topic keeps). */
    public synchronized long unmatchedSlaOutcomes() {
        return unmatchedSlaOutcomes;
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private List<Incident> incidentsIn(ReportRange range, @Nullable String clientId) {
        return incidents.values().stream().flatMap(events -> Incident.of(events).stream())
                .filter(i -> range.contains(i.openedAt()) && matches(clientId, i.clientId())).toList();
    }

    /**
     * Minutes from the first acknowledgement to the resolution of the incidents opened in the range and resolved,
     * per client or per person who acknowledged (an incident acknowledged by resolving it counts 0).
     */
    private Map<String, Long> responderMinutes(ReportRange range, @Nullable String clientId, boolean byStaff) {
        Map<String, Long> minutes = new TreeMap<>();
        for (Incident i : incidentsIn(range, clientId)) {
            Incident.Acknowledgement ack = i.acknowledged();
            Incident.Resolution resolution = i.resolved();
            if (ack != null && resolution != null) {
                long m = nonNegative(Duration.between(ack.at(), resolution.at())).toMinutes();
                minutes.merge(byStaff ? ack.staffId() : i.clientId(), m, Long::sum);
            }
        }
        return minutes;
    }

    /** Every person paged at every step of every incident, first delivery in the range. */
    private List<PageTaken> pages(ReportRange range, @Nullable String clientId) {
        List<PageTaken> taken = new ArrayList<>();
        for (List<NotificationEvent> events : incidents.values()) {
            Incident incident = Incident.of(events).orElseThrow();
            if (!matches(clientId, incident.clientId())) {
                continue;
            }
            Map<String, List<Incident.PageSent>> steps = new LinkedHashMap<>();
            for (Incident.PageSent page : incident.pages()) {
                if (page.outcome() == Incident.Outcome.DELIVERED) {
                    steps.computeIfAbsent(page.staffId() + "\u0000" + page.level(), k -> new ArrayList<>()).add(page);
                }
            }
            String urgency = urgency(incident);
            for (List<Incident.PageSent> step : steps.values()) {
                Incident.PageSent first = step.stream().min(Comparator.comparing(Incident.PageSent::at)).orElseThrow();
                if (!range.contains(first.at())) {
                    continue;
                }
                String staffId = first.staffId();
                boolean woke = step.stream().anyMatch(p -> wakes(p.channel()) && quiet(staffId, p.at()));
                taken.add(new PageTaken(incident.clientId(), staffId, first.level(), first.at(), urgency,
                        quiet(staffId, first.at()), woke));
            }
        }
        return taken;
    }

    /** The urgency paged for; older events lack it, and then only an emergency's reason says it. */
    static String urgency(Incident incident) {
        if (incident.urgency() != null) {
            return incident.urgency().name();
        }
        return incident.reason() == EscalationReason.EMERGENCY ? Urgency.EMERGENCY.name() : UNKNOWN;
    }

    /** Email is the silent channel: in quiet hours below EMERGENCY it is all the notifier sends. */
    private static boolean wakes(NotificationChannel channel) {
        return channel != NotificationChannel.EMAIL;
    }

    private boolean quiet(String staffId, Instant at) {
        Optional<StaffMember> staff = directory.staff(staffId);
        try {
            return staff.isPresent() && QuietHours.isQuiet(staff.get(), at);
        } catch (DateTimeException | IllegalArgumentException e) {
            return false; // a zone or time the directory validator would have refused
        }
    }

    /** The person's zone (the directory's, now), or UTC for someone no longer in it. */
    ZoneId zone(String staffId) {
        try {
            return directory.staff(staffId).map(s -> ZoneId.of(s.getZone())).orElse(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** The night an instant falls in on a wall clock (named by its evening's date), or empty in the day. */
    public static Optional<LocalDate> night(Instant at, ZoneId zone) {
        LocalDateTime local = at.atZone(zone).toLocalDateTime();
        if (!local.toLocalTime().isBefore(NIGHT_STARTS)) {
            return Optional.of(local.toLocalDate());
        }
        if (local.toLocalTime().isBefore(NIGHT_ENDS)) {
            return Optional.of(local.toLocalDate().minusDays(1));
        }
        return Optional.empty();
    }

    private boolean inUrgentLane(MessageReceived message, String clientId) {
        String priority = message.getHeaders().get("Priority");
        if (priority != null && priority.strip().equalsIgnoreCase("urgent")) {
            return true;
        }
        Optional<ClientProfile> client = directory.client(clientId);
        if (client.isEmpty()) {
            return false;
        }
        Set<String> lines = new HashSet<>();
        client.get().getEmergencyLines().forEach(line -> lines.add(DirectoryView.normalise(line)));
        return Stream.concat(Stream.of(message.getFrom()), message.getTo().stream())
                .anyMatch(address -> lines.contains(DirectoryView.normalise(address)));
    }

    /** Open time of the client's calendar (as the directory has it now) between the two instants, or null if unknown. */
    private @Nullable Duration businessTime(String clientId, Instant from, Instant to) {
        Optional<ClientProfile> client = directory.client(clientId);
        if (client.isEmpty()) {
            return null;
        }
        CachedHours cached = hours.get(clientId);
        if (cached == null || !cached.profile().equals(client.get())) {
            SupportHours compiled;
            try {
                compiled = Calendars.supportHours(client.get().getCalendar());
            } catch (IllegalArgumentException | DateTimeException e) {
                compiled = null;
            }
            cached = new CachedHours(client.get(), compiled);
            hours.put(clientId, cached);
        }
        if (cached.hours() == null) {
            return null;
        }
        try {
            return cached.hours().openTimeBetween(from, to.isBefore(from) ? from : to);
        } catch (IllegalArgumentException | DateTimeException e) {
            return null;
        }
    }

    private static List<String> slaKey(Set<Dimension> groupBy, String clientId, Urgency urgency, String channel) {
        List<String> key = new ArrayList<>();
        if (groupBy.contains(Dimension.CLIENT)) {
            key.add(clientId);
        }
        if (groupBy.contains(Dimension.URGENCY)) {
            key.add(urgency.name());
        }
        if (groupBy.contains(Dimension.CHANNEL)) {
            key.add(channel);
        }
        return key;
    }

    private static List<String> names(Set<Dimension> groupBy, List<Dimension> order) {
        return order.stream().filter(groupBy::contains).map(d -> switch (d) {
            case CLIENT -> "clientId";
            case URGENCY -> "urgency";
            case CHANNEL -> "channel";
            case STATUS -> "afterHoursStatus";
        }).toList();
    }

    /** Keys in a stable order; urgencies in their own order (EMERGENCY first), the rest alphabetically. */
    private static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(rank(a.get(i)), rank(b.get(i)));
            if (c == 0) {
                c = a.get(i).compareTo(b.get(i));
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int rank(String value) {
        for (Urgency u : Urgency.values()) {
            if (u.name().equals(value)) {
                return u.ordinal();
            }
        }
        return Urgency.values().length;
    }

    private static boolean matches(@Nullable String wanted, String clientId) {
        return wanted == null || wanted.equals(clientId);
    }

    private static @Nullable Long meanSeconds(List<Duration> durations) {
        return durations.isEmpty() ? null
                : Math.round(durations.stream().mapToLong(Duration::toMillis).average().orElseThrow() / 1000.0);
    }

    private static @Nullable Long medianSeconds(List<Duration> durations) {
        if (durations.isEmpty()) {
            return null;
        }
        List<Duration> sorted = durations.stream().sorted().toList();
        return Math.round(sorted.get((int) Math.ceil(0.5 * sorted.size()) - 1).toMillis() / 1000.0);
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Instant hour(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }

    private void tick() {
        if (++applied % PRUNE_EVERY == 0) {
            prune();
        }
    }

    /** Drops what is older than the retention (at most once an hour, or every {@value #PRUNE_EVERY} events). */
    private void prune() {
        Instant now = clock.instant();
        if (applied % PRUNE_EVERY != 0 && lastPrune.isAfter(now.minus(Duration.ofHours(1)))) {
            return;
        }
        lastPrune = now;
        Instant horizon = now.minus(retention);
        messages.keySet().removeIf(k -> k.hour().isBefore(horizon));
        closed.keySet().removeIf(k -> k.hour().isBefore(horizon));
        open.values().removeIf(sla -> {
            boolean old = sla.receivedAt().isBefore(horizon);
            if (old) {
                openByUrgency.decrementAndGet(sla.urgency().ordinal());
            }
            return old;
        });
        arrivals.values().removeIf(a -> a.seenAt().isBefore(now.minus(ARRIVAL_KEPT)));
        corrections.values().removeIf(c -> c.receivedAt().isBefore(horizon));
        urgentLane.values().removeIf(u -> u.receivedAt().isBefore(horizon));
        incidents.values().removeIf(events -> events.stream().map(NotificationEvent::getOccurredAt)
                .max(Comparator.naturalOrder()).orElse(Instant.MIN).isBefore(horizon));
        hours.keySet().removeIf(id -> directory.client(id).isEmpty());
    }
}
