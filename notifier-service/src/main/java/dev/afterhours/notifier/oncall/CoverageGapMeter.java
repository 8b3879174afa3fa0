package dev.afterhours.notifier.oncall;

import dev.afterhours.businesstime.schedule.CoverageGaps;
import dev.afterhours.businesstime.schedule.Gap;
import dev.afterhours.contracts.EscalationLevel;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.directory.RotationSchedules;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code afterhours_oncall_coverage_gap_seconds{rotation}}: for every rotation an escalation policy pages, how long
 * in the next {@link #AHEAD} nobody is on call (0 for a simple rotation with members). Recomputed every 15 s from
 * the live directory, so a gap shows (and alerts, rule {@code AfterhoursOnCallCoverageGap}) well before the night
 * it falls in. One series per rotation in use: bounded by the directory, not by traffic.
 */
public final class CoverageGapMeter implements MeterBinder, AutoCloseable {

    public static final Duration AHEAD = Duration.ofDays(7);
    private static final Logger log = LoggerFactory.getLogger(CoverageGapMeter.class);

    private final DirectoryView directory;
    private final Clock clock;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("coverage-gaps").unstarted(r));
    private volatile MultiGauge gauge;

    public CoverageGapMeter(DirectoryView directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge = MultiGauge.builder("afterhours.oncall.coverage.gap").baseUnit("seconds")
                .description("Time in the next 7 days when nobody is on call in a rotation an escalation policy pages")
                .register(registry);
        refresher.scheduleWithFixedDelay(this::refresh, 0, 15, TimeUnit.SECONDS);
    }

    /** Public for tests: recomputes every rotation's gaps now. */
    public void refresh() {
        try {
            MultiGauge current = gauge;
            if (current == null || !directory.isLoaded()) {
                return;
            }
            Instant now = clock.instant();
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (String rotationId : rotationsInUse()) {
                directory.rotation(rotationId).ifPresent(rotation ->
                        rows.add(MultiGauge.Row.of(Tags.of("rotation", rotationId), gapSeconds(rotation, now))));
            }
            current.register(rows, true);
        } catch (RuntimeException e) {
            log.warn("Could not compute the coverage gaps; the metric keeps its last values", e);
        }
    }

    static double gapSeconds(Rotation rotation, Instant now) {
        if (!RotationSchedules.isLayered(rotation)) {
            return rotation.getMembers().isEmpty() ? AHEAD.toSeconds() : 0;
        }
        return CoverageGaps.find(RotationSchedules.schedule(rotation), now, now.plus(AHEAD)).stream()
                .map(Gap::duration).mapToLong(Duration::toSeconds).sum();
    }

    private Set<String> rotationsInUse() {
        Set<String> ids = new LinkedHashSet<>();
        directory.escalationPolicies().forEach(policy -> policy.getLevels().stream()
                .map(EscalationLevel::getRotationId).filter(id -> id != null).forEach(ids::add));
        return ids;
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
