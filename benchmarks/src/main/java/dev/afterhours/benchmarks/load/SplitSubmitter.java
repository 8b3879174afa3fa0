package dev.afterhours.benchmarks.load;

import java.util.concurrent.CompletableFuture;

/**
 * Routine messages one way, emergencies another: {@code --mode kafka --emergencies-via http} floods the stages
 * behind ingest straight from Kafka (ingest's HTTP front door could not offer 2,000 a second on two cores) while
 * every 911 still enters through ingest's API, as a phone system's would, so its page can come from ingest's early
 * page on the emergency line rather than from the classifier.
 */
final class SplitSubmitter implements Submitter {

    private final Submitter routine;
    private final Submitter emergencies;

    SplitSubmitter(Submitter routine, Submitter emergencies) {
        this.routine = routine;
        this.emergencies = emergencies;
    }

    @Override
    public CompletableFuture<Outcome> submit(String providerMessageId, LoadMix.Sample sample) {
        return (sample.emergency() ? emergencies : routine).submit(providerMessageId, sample);
    }

    @Override
    public void close() {
        try (routine; emergencies) {
            // both closed, the second even if the first fails
        }
    }
}
