package dev.afterhours.notifier.kafka;

import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.notifier.paging.Pager;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Someone must be paged now. Started by {@link ListenerStarter} once the directory and the ledger are loaded. */
@Component
public class EscalationListener {

    public static final String ID = "escalations";

    private final Pager pager;

    public EscalationListener(Pager pager) {
        this.pager = pager;
    }

    @KafkaListener(id = ID, idIsGroup = false, autoStartup = "false",
            topics = "#{T(dev.afterhours.contracts.Topics).ESCALATIONS.name()}")
    public void on(EscalationRequested escalation) {
        pager.escalation(escalation);
    }
}
