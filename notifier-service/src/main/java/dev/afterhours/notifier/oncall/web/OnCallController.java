package dev.afterhours.notifier.oncall.web;

import static dev.afterhours.notifier.web.RequestProblems.instant;

import dev.afterhours.businesstime.schedule.CoverageGaps;
import dev.afterhours.businesstime.schedule.Entry;
import dev.afterhours.businesstime.schedule.FinalSchedule;
import dev.afterhours.businesstime.schedule.Gap;
import dev.afterhours.businesstime.schedule.Source;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.directory.RotationSchedules;
import dev.afterhours.notifier.oncall.FinalSchedules;
import dev.afterhours.notifier.oncall.OnCall;
import dev.afterhours.notifier.oncall.PageCounts;
import dev.afterhours.notifier.oncall.RecipientResolver;
import dev.afterhours.notifier.oncall.Recipients;
import dev.afterhours.notifier.oncall.StaffDirectory;
import dev.afterhours.notifier.web.RequestProblems.BadRequest;
import dev.afterhours.notifier.web.RequestProblems.NotFound;
import dev.afterhours.security.Roles;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The answers people ask of the rota: who is on call now (for a rotation, or for a client: whom its emergency would
 * page first), the final schedule for a range, and the gaps in it. Computed from the live directory each time,
 * never stored.
 */
@RestController
@PreAuthorize(Roles.IS_VIEWER)
public class OnCallController {

    static final Duration DEFAULT_RANGE = Duration.ofDays(7);
    static final Duration MAX_RANGE = Duration.ofDays(92);
    static final Duration FAIRNESS_WINDOW = Duration.ofDays(30);

    private final StaffDirectory directory;
    private final RecipientResolver recipients;
    private final PageCounts pageCounts;
    private final Clock clock;

    public OnCallController(StaffDirectory directory, RecipientResolver recipients, PageCounts pageCounts, Clock clock) {
        this.directory = directory;
        this.recipients = recipients;
        this.pageCounts = pageCounts;
        this.clock = clock;
    }

    @GetMapping("/api/v1/rotations/{rotationId}/on-call")
    @ApiResponse(responseCode = "200", description = "Who is on call at 'at' (default now); staffId null in a gap")
    @ApiResponse(responseCode = "400", description = "An 'at' that is not an ISO-8601 instant")
    @ApiResponse(responseCode = "404", description = "No rotation with this id")
    public Map<String, Object> rotationOnCall(@PathVariable String rotationId, @RequestParam(required = false) @Nullable String at) {
        Rotation rotation = rotation(rotationId);
        Instant when = instant("at", at, clock.instant());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("rotationId", rotationId);
        answer.put("at", when.toString());
        if (RotationSchedules.isLayered(rotation)) {
            var onCall = FinalSchedule.onCallAt(RotationSchedules.schedule(rotation), when);
            answer.put("staffId", onCall.map(dev.afterhours.businesstime.schedule.OnCall::staffId).orElse(null));
            answer.put("source", onCall.map(o -> source(o.source())).orElse(null));
        } else {
            answer.put("staffId", OnCall.at(rotation, when).orElse(null));
            answer.put("source", "rotation");
        }
        return answer;
    }

    @GetMapping("/api/v1/rotations/{rotationId}/schedule")
    @ApiResponse(responseCode = "200", description = "The final schedule from 'from' (default now) to 'to' (default a "
            + "week later, at most 92 days): who is on call when, and which layer or override says so")
    @ApiResponse(responseCode = "400", description = "A 'from' or 'to' that is not an instant, or a range that is "
            + "empty or longer than 92 days")
    @ApiResponse(responseCode = "404", description = "No rotation with this id")
    public Map<String, Object> schedule(@PathVariable String rotationId, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to) {
        Rotation rotation = rotation(rotationId);
        Range range = range(from, to);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Entry entry : FinalSchedules.of(rotation, range.from(), range.to())) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("start", entry.start().toString());
            e.put("end", entry.end().toString());
            e.put("staffId", entry.staffId());
            e.put("source", sourceOf(rotation, entry));
            entries.add(e);
        }
        return Map.of("rotationId", rotationId, "from", range.from().toString(), "to", range.to().toString(),
                "entries", entries, "lastThirtyDays", load(rotation));
    }

    /**
     * For a fair share of the nights: each person of the rotation, the hours they were on call in it over the last 30
     * days (as it is planned now: the directory keeps no earlier versions) and the pages they received in that time
     * (from every rotation and policy, as the reports count them), most loaded first.
     */
    private Map<String, Object> load(Rotation rotation) {
        Instant to = clock.instant();
        Instant from = to.minus(FAIRNESS_WINDOW);
        Map<String, List<Entry>> shifts = new TreeMap<>();
        people(rotation).forEach(staffId -> shifts.put(staffId, new ArrayList<>()));
        // a simple rotation's turns are computed backwards from its start too; before it began nobody was on it
        Instant since = RotationSchedules.isLayered(rotation) || rotation.getStartsAt().isBefore(from)
                ? from : rotation.getStartsAt();
        FinalSchedules.of(rotation, since, to.isAfter(since) ? to : since)
                .forEach(e -> shifts.computeIfAbsent(e.staffId(), k -> new ArrayList<>()).add(e));
        Map<String, Long> pages = pageCounts.byStaff(from, to);
        List<Map<String, Object>> people = new ArrayList<>();
        shifts.forEach((staffId, entries) -> {
            Map<String, Object> person = new LinkedHashMap<>();
            person.put("staffId", staffId);
            person.put("hoursOnCall", FinalSchedules.timeCovered(entries).toMinutes() / 60.0);
            person.put("pagesReceived", pages.getOrDefault(staffId, 0L));
            people.add(person);
        });
        people.sort(Comparator.comparing((Map<String, Object> p) -> (Long) p.get("pagesReceived"))
                .thenComparing(p -> (Double) p.get("hoursOnCall")).reversed());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("from", from.toString());
        answer.put("to", to.toString());
        answer.put("complete", pageCounts.complete());
        answer.put("people", people);
        return answer;
    }

    /** Everyone the rotation names: its members, and those of each layer and override. */
    private static Set<String> people(Rotation rotation) {
        Set<String> people = new TreeSet<>(rotation.getMembers());
        rotation.getLayers().forEach(layer -> people.addAll(layer.getMembers()));
        rotation.getOverrides().forEach(override -> people.add(override.getStaffId()));
        return people;
    }

    @GetMapping("/api/v1/rotations/{rotationId}/gaps")
    @ApiResponse(responseCode = "200", description = "The windows from 'from' to 'to' (defaults: now, a week later) "
            + "where nobody is on call")
    @ApiResponse(responseCode = "400", description = "A 'from' or 'to' that is not an instant, or a bad range")
    @ApiResponse(responseCode = "404", description = "No rotation with this id")
    public Map<String, Object> gaps(@PathVariable String rotationId, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to) {
        Rotation rotation = rotation(rotationId);
        Range range = range(from, to);
        List<Gap> found = RotationSchedules.isLayered(rotation)
                ? CoverageGaps.find(RotationSchedules.schedule(rotation), range.from(), range.to())
                : rotation.getMembers().isEmpty() ? List.of(new Gap(range.from(), range.to())) : List.of();
        List<Map<String, String>> gaps = found.stream()
                .map(g -> Map.of("start", g.start().toString(), "end", g.end().toString())).toList();
        return Map.of("rotationId", rotationId, "from", range.from().toString(), "to", range.to().toString(),
                "gaps", gaps);
    }

    @GetMapping("/api/v1/clients/{clientId}/on-call")
    @ApiResponse(responseCode = "200", description = "Whom an emergency of this client would page first at 'at' "
            + "(default now), and by which rule")
    @ApiResponse(responseCode = "400", description = "An 'at' that is not an ISO-8601 instant")
    @ApiResponse(responseCode = "404", description = "No client with this id")
    public Map<String, Object> clientOnCall(@PathVariable String clientId, @RequestParam(required = false) @Nullable String at) {
        if (directory.client(clientId).isEmpty()) {
            throw new NotFound("no client '" + clientId + "' in the directory");
        }
        Instant when = instant("at", at, clock.instant());
        // As the pager would: someone on time off is skipped (paged anyway only if nobody else is there to page).
        Recipients who = recipients.withoutTimeOff(recipients.forEscalation(clientId, 1, when), Urgency.EMERGENCY, when);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("clientId", clientId);
        answer.put("at", when.toString());
        answer.put("staffIds", who.staffIds());
        answer.put("rule", who.isEmpty() ? who.problem() : who.rule());
        return answer;
    }

    /** Which layer or override put the entry there ({@code rotation} for a simple rotation). */
    static String sourceOf(Rotation rotation, Entry entry) {
        return RotationSchedules.isLayered(rotation) ? source(entry.source()) : "rotation";
    }

    private Rotation rotation(String rotationId) {
        return directory.rotation(rotationId).orElseThrow(() -> new NotFound("no rotation '" + rotationId + "' in the directory"));
    }

    private static String source(Source source) {
        return switch (source) {
            case Source.OfLayer layer -> "layer " + layer.name();
            case Source.OfOverride override -> "override " + override.index();
        };
    }

    record Range(Instant from, Instant to) {
    }

    private Range range(@Nullable String from, @Nullable String to) {
        Instant start = instant("from", from, clock.instant());
        Instant end = instant("to", to, start.plus(DEFAULT_RANGE));
        if (!end.isAfter(start)) {
            throw new BadRequest("to", "must be after from (" + start + "), was " + end);
        }
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw new BadRequest("to", "at most " + MAX_RANGE.toDays() + " days after from");
        }
        return new Range(start, end);
    }

}
