package dev.afterhours.benchmarks.load;

import java.util.concurrent.CompletableFuture;

/** Hands one message to the system under test and tells when, and how, it was answered. */
interface Submitter extends AutoCloseable {

    /** How a submission ended: accepted (the system owns it now), refused for load (429), or failed. */
    enum Outcome { ACCEPTED, THROTTLED, FAILED }

    CompletableFuture<Outcome> submit(String providerMessageId, LoadMix.Sample sample);

    @Override
    void close();
}
