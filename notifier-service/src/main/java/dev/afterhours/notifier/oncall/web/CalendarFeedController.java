package dev.afterhours.notifier.oncall.web;

import dev.afterhours.businesstime.schedule.Entry;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.notifier.NotifierProperties;
import dev.afterhours.notifier.acklink.AckLinks;
import dev.afterhours.notifier.oncall.FinalSchedules;
import dev.afterhours.notifier.web.RequestProblems.NotFound;
import dev.afterhours.security.Roles;
import dev.afterhours.security.web.Problems;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The final schedule as an iCalendar feed (RFC 5545) that a calendar app subscribes to, for a rotation and for a
 * person (their shifts in every rotation). Calendar apps cannot send a bearer token, so the feed's URL carries a
 * token signed with the ack-link keys ({@link AckLinks#feedToken}), handed out by the signed-in
 * {@code .../calendar-link} endpoints; the {@code .ics} paths are in {@code afterhours.security.public-paths}. The
 * token reveals only what a viewer reads from {@code /schedule}; removing the key it was signed with revokes it.
 *
 * <p>A feed covers {@link #PAST} before the start of today (UTC) to {@link #AHEAD} after it, so it changes once a
 * day; a shift's UID is derived from the rotation, the person and the shift's start, so it is the same on every
 * fetch (only the shift cut at the feed's start changes with the day).
 */
@RestController
public class CalendarFeedController {

    static final Duration PAST = Duration.ofDays(7);
    static final Duration AHEAD = Duration.ofDays(60);
    static final String ROTATION = "rotation";
    static final String STAFF = "staff";
    private static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);
    private static final String FORGED = "A missing, changed or revoked feed token: ask for the link again "
            + "(GET .../calendar-link, signed in)";

    private final DirectoryView directory;
    private final AckLinks signer;
    private final NotifierProperties properties;
    private final Clock clock;

    public CalendarFeedController(DirectoryView directory, AckLinks signer, NotifierProperties properties, Clock clock) {
        this.directory = directory;
        this.signer = signer;
        this.properties = properties;
        this.clock = clock;
    }

    @PreAuthorize(Roles.IS_VIEWER)
    @GetMapping("/api/v1/rotations/{rotationId}/calendar-link")
    @ApiResponse(responseCode = "200", description = "The URL of the rotation's iCalendar feed, to subscribe to in a "
            + "calendar app; it carries a signed token instead of a sign-in")
    @ApiResponse(responseCode = "404", description = "No rotation with this id")
    public Map<String, String> rotationLink(@PathVariable String rotationId) {
        rotation(rotationId);
        return Map.of("rotationId", rotationId, "url", url("/api/v1/rotations/", rotationId, ROTATION));
    }

    @PreAuthorize(Roles.IS_VIEWER)
    @GetMapping("/api/v1/staff/{staffId}/calendar-link")
    @ApiResponse(responseCode = "200", description = "The URL of a person's iCalendar feed (their shifts in every "
            + "rotation); it carries a signed token instead of a sign-in")
    @ApiResponse(responseCode = "404", description = "No staff member with this id")
    public Map<String, String> staffLink(@PathVariable String staffId) {
        person(staffId);
        return Map.of("staffId", staffId, "url", url("/api/v1/staff/", staffId, STAFF));
    }

    /** Public (signed token): the rotation's final schedule as text/calendar. */
    @GetMapping("/api/v1/rotations/{rotationId}/schedule.ics")
    @ApiResponse(responseCode = "200", description = "The rotation's final schedule, one VEVENT per shift (text/calendar)")
    @ApiResponse(responseCode = "403", description = FORGED)
    @ApiResponse(responseCode = "404", description = "No rotation with this id (any more)")
    public ResponseEntity<?> rotationFeed(@PathVariable String rotationId, @RequestParam(required = false) @Nullable String token) {
        if (!signer.verifyFeedToken(ROTATION, rotationId, token)) {
            return forbidden();
        }
        Rotation rotation = rotation(rotationId);
        return calendar("On call: " + rotation.getName(), shifts(rotation, window(), null));
    }

    /** Public (signed token): a person's shifts in every rotation as text/calendar. */
    @GetMapping("/api/v1/staff/{staffId}/schedule.ics")
    @ApiResponse(responseCode = "200", description = "The person's shifts in every rotation, one VEVENT per shift "
            + "(text/calendar)")
    @ApiResponse(responseCode = "403", description = FORGED)
    @ApiResponse(responseCode = "404", description = "No staff member with this id (any more)")
    public ResponseEntity<?> staffFeed(@PathVariable String staffId, @RequestParam(required = false) @Nullable String token) {
        if (!signer.verifyFeedToken(STAFF, staffId, token)) {
            return forbidden();
        }
        StaffMember person = person(staffId);
        Window window = window();
        return calendar("On call: " + person.getName(), directory.rotations().stream()
                .flatMap(rotation -> shifts(rotation, window, staffId).stream())
                .sorted(Comparator.comparing(ICalendar.Event::start)).toList());
    }

    /** The rotation's shifts in the window, of everyone, or only of {@code staffId}. */
    private List<ICalendar.Event> shifts(Rotation rotation, Window window, @Nullable String staffId) {
        List<ICalendar.Event> events = new ArrayList<>();
        for (Entry entry : FinalSchedules.of(rotation, window.from(), window.to())) {
            if (staffId == null || entry.staffId().equals(staffId)) {
                events.add(event(rotation, entry));
            }
        }
        return events;
    }

    private ICalendar.Event event(Rotation rotation, Entry entry) {
        String name = directory.staff(entry.staffId()).map(StaffMember::getName).orElse(entry.staffId());
        String uid = UUID.nameUUIDFromBytes(("shift|" + rotation.getRotationId() + "|" + entry.staffId() + "|"
                + entry.start().toEpochMilli()).getBytes(StandardCharsets.UTF_8)) + "@afterhours";
        return new ICalendar.Event(uid, entry.start(), entry.end(), "On call: " + name,
                "Rotation " + rotation.getName() + " (" + OnCallController.sourceOf(rotation, entry) + ")");
    }

    record Window(Instant from, Instant to) {
    }

    private Window window() {
        Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
        return new Window(today.minus(PAST), today.plus(AHEAD));
    }

    private String url(String prefix, String id, String kind) {
        String base = properties.publicBaseUrl().toString().replaceAll("/+$", "");
        return base + prefix + encode(id) + "/schedule.ics?token=" + encode(signer.feedToken(kind, id));
    }

    private Rotation rotation(String rotationId) {
        return directory.rotation(rotationId).orElseThrow(() -> new NotFound("no rotation '" + rotationId + "' in the directory"));
    }

    private StaffMember person(String staffId) {
        return directory.staff(staffId).orElseThrow(() -> new NotFound("no staff member '" + staffId + "' in the directory"));
    }

    private static ResponseEntity<ProblemDetail> forbidden() {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.FORBIDDEN, "token", FORGED));
    }

    private ResponseEntity<String> calendar(String name, List<ICalendar.Event> events) {
        String body = ICalendar.render(name, clock.instant(), events);
        return ResponseEntity.ok().contentType(TEXT_CALENDAR).header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "noindex, nofollow").body(body);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
