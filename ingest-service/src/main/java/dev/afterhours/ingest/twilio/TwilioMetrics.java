package dev.afterhours.ingest.twilio;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/** {@code afterhours_ingest_twilio_webhooks_total{webhook,outcome}} and the voicemails waiting for their text. */
public final class TwilioMetrics {

    public static final String WEBHOOKS = "afterhours.ingest.twilio.webhooks";
    public static final String PENDING_VOICEMAILS = "afterhours.ingest.twilio.pending.voicemails";

    public enum Webhook { SMS, VOICE, RECORDING, TRANSCRIPTION, STATUS }

    public enum Outcome {
        /** A message was published. */
        ACCEPTED,
        /** Twilio sent it again; the message was published before, nothing now. */
        DUPLICATE,
        /** A voicemail kept until its transcription comes (or the timeout). */
        PENDING,
        /** Answered in TwiML, nothing to publish yet (a call on a routine line: the voicemail will follow). */
        ANSWERED,
        /** Nothing to publish: a call still going on, a call that left a voicemail, an empty recording. */
        IGNORED,
        /** Bad or missing signature (403), nothing written. */
        FORBIDDEN,
        /** A signed request without a parameter Twilio always sends (400). */
        INVALID,
        /** Could not be written (503, or the caller heard the fallback words), or a routine message while the
         *  pipeline is behind (429). */
        FAILED
    }

    private final MeterRegistry registry;

    public TwilioMetrics(MeterRegistry registry, PendingVoicemails pending) {
        this.registry = registry;
        Gauge.builder(PENDING_VOICEMAILS, pending, PendingVoicemails::size)
                .description("Voicemails recorded and waiting for their transcription (or a publish retry)")
                .register(registry);
    }

    public void webhook(Webhook webhook, Outcome outcome) {
        Counter.builder(WEBHOOKS)
                .description("Twilio webhooks by what became of them")
                .tag("webhook", webhook.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }
}
