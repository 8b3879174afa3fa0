package dev.afterhours.notifier.report;

import dev.afterhours.businesstime.schedule.Entry;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.notifier.oncall.web.OnCallController;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * What the reports read from the directory: a client's calendar and emergency lines, a person's zone and quiet
 * hours, and the time each person is on call as the rotations are planned now.
 */
public interface ReportDirectory {

    Optional<ClientProfile> client(String clientId);

    Optional<StaffMember> staff(String staffId);

    /**
     * Per person, how long they are on call in {@code [from, to)} in any rotation (overlapping rotations counted
     * once), from the rotations as the directory has them now: it keeps no earlier versions.
     */
    default Map<String, Duration> plannedOnCall(Instant from, Instant to) {
        return Map.of();
    }

    static ReportDirectory of(DirectoryView view) {
        return new ReportDirectory() {
            @Override
            public Optional<ClientProfile> client(String clientId) {
                return view.client(clientId);
            }

            @Override
            public Optional<StaffMember> staff(String staffId) {
                return view.staff(staffId);
            }

            @Override
            public Map<String, Duration> plannedOnCall(Instant from, Instant to) {
                Map<String, List<Entry>> shifts = new HashMap<>();
                for (Rotation rotation : view.rotations()) {
                    try {
                        OnCallController.finalSchedule(rotation, from, to)
                                .forEach(e -> shifts.computeIfAbsent(e.staffId(), k -> new ArrayList<>()).add(e));
                    } catch (RuntimeException e) {
                        // a rotation the validator let through but the schedule cannot compute: leave it out, say so
                        LoggerFactory.getLogger(ReportDirectory.class).warn("Reports: no schedule for rotation {}: {}",
                                rotation.getRotationId(), e.toString());
                    }
                }
                Map<String, Duration> onCall = new HashMap<>();
                shifts.forEach((staffId, entries) -> onCall.put(staffId, union(entries)));
                return onCall;
            }
        };
    }

    /** The length of the union of the shifts: one person on call in two rotations at once is on call once. */
    static Duration union(List<Entry> entries) {
        List<Entry> sorted = entries.stream().sorted(Comparator.comparing(Entry::start)).toList();
        Duration total = Duration.ZERO;
        Instant start = null;
        Instant end = null;
        for (Entry e : sorted) {
            if (end == null || e.start().isAfter(end)) {
                if (end != null) {
                    total = total.plus(Duration.between(start, end));
                }
                start = e.start();
                end = e.end();
            } else if (e.end().isAfter(end)) {
                end = e.end();
            }
        }
        return end == null ? total : total.plus(Duration.between(start, end));
    }
}
