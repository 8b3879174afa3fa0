package dev.afterhours.ingest.twilio;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link TwilioIntake#sweep} every interval on a thread of its own, until closed. */
public final class VoicemailSweeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VoicemailSweeper.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("twilio-voicemail-sweeper").daemon().factory());

    public VoicemailSweeper(TwilioIntake intake, Duration interval) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                intake.sweep();
            } catch (RuntimeException e) {
                // One bad sweep must not end the schedule (an exception would cancel it).
                log.error("Voicemail sweep failed; trying again in {}", interval, e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
