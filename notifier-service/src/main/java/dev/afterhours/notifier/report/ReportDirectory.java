package dev.afterhours.notifier.report;

import dev.afterhours.businesstime.schedule.Entry;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.notifier.oncall.FinalSchedules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
                        FinalSchedules.of(rotation, from, to)
                                .forEach(e -> shifts.computeIfAbsent(e.staffId(), k -> new ArrayList<>()).add(e));
                    } catch (RuntimeException e) {
                        // a rotation the validator let through but the schedule cannot compute: leave it out, say so
                        LoggerFactory.getLogger(ReportDirectory.class).warn("Reports: no schedule for rotation {}: {}",
                                rotation.getRotationId(), e.toString());
                    }
                }
                Map<String, Duration> onCall = new HashMap<>();
                shifts.forEach((staffId, entries) -> onCall.put(staffId, FinalSchedules.timeCovered(entries)));
                return onCall;
            }
        };
    }
}
