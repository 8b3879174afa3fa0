package dev.afterhours.notifier.digest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The morning digests, under {@code afterhours.notifier.digest}.
 *
 * @param enabled       send them at all
 * @param checkInterval how often each person's working day is checked for a digest due
 * @param from          the address they come from
 * @param window        how far back SLA events and acknowledgements are read at startup (and kept): at least the
 *                      longest stretch between two working days
 */
@ConfigurationProperties(prefix = "afterhours.notifier.digest")
public record DigestProperties(@DefaultValue("true") boolean enabled, @DefaultValue("PT1M") Duration checkInterval,
                               @DefaultValue("afterhours@localhost") String from, @DefaultValue("P15D") Duration window) {

    public DigestProperties {
        if (!checkInterval.isPositive()) {
            throw new IllegalArgumentException("afterhours.notifier.digest.check-interval: must be positive, was " + checkInterval);
        }
        if (window.compareTo(Duration.ofDays(Digests.LOOK_BACK_DAYS)) < 0) {
            throw new IllegalArgumentException("afterhours.notifier.digest.window: must be at least "
                    + Digests.LOOK_BACK_DAYS + " days (the longest stretch a digest covers), was " + window);
        }
        if (from.isBlank()) {
            throw new IllegalArgumentException("afterhours.notifier.digest.from: must not be blank");
        }
    }
}
