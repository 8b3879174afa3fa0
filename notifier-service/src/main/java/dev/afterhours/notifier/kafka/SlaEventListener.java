package dev.afterhours.notifier.kafka;

import dev.afterhours.contracts.SlaBreached;
import dev.afterhours.contracts.SlaDeferred;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.SlaMet;
import dev.afterhours.contracts.SlaStarted;
import dev.afterhours.contracts.SlaWarned;
import dev.afterhours.notifier.paging.Pager;
import dev.afterhours.notifier.slawarning.SlaWarnings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** SLA steps: a breach pages someone; a warning reaches whoever owns the SLA now ({@link SlaWarnings}). */
@Component
public class SlaEventListener {

    public static final String ID = "sla-events";

    private static final Logger log = LoggerFactory.getLogger(SlaEventListener.class);

    private final Pager pager;
    private final SlaWarnings warnings;

    public SlaEventListener(Pager pager, SlaWarnings warnings) {
        this.pager = pager;
        this.warnings = warnings;
    }

    @KafkaListener(id = ID, idIsGroup = false, autoStartup = "false",
            topics = "#{T(dev.afterhours.contracts.Topics).SLA_EVENTS.name()}")
    public void on(SlaEvent event) {
        switch (event.getPayload()) {
            case SlaBreached breached -> pager.breach(event, breached);
            case SlaStarted ignored -> log.debug("SLA {} started; nothing to page", event.getSlaId());
            case SlaDeferred ignored -> log.debug("SLA {} deferred; nothing to page", event.getSlaId());
            case SlaWarned warned -> warnings.warned(event, warned);
            case SlaMet ignored -> log.debug("SLA {} met; nothing to page", event.getSlaId());
            // A payload this build does not know: fail, so the record is parked in the dead-letter topic.
            default -> throw new IllegalArgumentException("Unknown SLA event payload "
                    + event.getPayload().getClass().getName() + " in event " + event.getEventId());
        }
    }
}
