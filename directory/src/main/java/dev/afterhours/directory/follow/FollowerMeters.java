package dev.afterhours.directory.follow;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;

/**
 * The meters of topic followers, the same in every service: {@code afterhours_topic_follower_restarts_total},
 * {@code afterhours_topic_follower_skipped_total} (undecodable records) and {@code afterhours_topic_follower_caught_up}
 * (1 or 0), tagged with the follower's name ({@code directory}, or the topic it follows).
 */
public final class FollowerMeters implements MeterBinder {

    private final List<FollowerStatus> followers;

    public FollowerMeters(FollowerStatus... followers) {
        this.followers = List.of(followers);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (FollowerStatus status : followers) {
            FunctionCounter.builder("afterhours.topic.follower.restarts", status, FollowerStatus::restarts)
                    .tag("follower", status.name()).description("Restarts of a topic follower after an error")
                    .register(registry);
            FunctionCounter.builder("afterhours.topic.follower.skipped", status, FollowerStatus::skipped)
                    .tag("follower", status.name()).description("Undecodable records a topic follower skipped")
                    .register(registry);
            Gauge.builder("afterhours.topic.follower.caught.up", status, s -> s.isCaughtUp() ? 1 : 0)
                    .tag("follower", status.name()).description("1 while a topic follower is caught up")
                    .register(registry);
        }
    }
}
