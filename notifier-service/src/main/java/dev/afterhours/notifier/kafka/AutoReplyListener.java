package dev.afterhours.notifier.kafka;

import dev.afterhours.contracts.AutoReplyRequested;
import dev.afterhours.notifier.acknowledgement.AcknowledgementSender;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A client is owed an acknowledgement. Its own container ({@code acknowledgementListenerContainerFactory}), started by
 * {@link ListenerStarter} once the directory and the record of sent acknowledgements are loaded.
 */
@Component
public class AutoReplyListener {

    public static final String ID = "auto-replies";

    private final AcknowledgementSender sender;

    public AutoReplyListener(AcknowledgementSender sender) {
        this.sender = sender;
    }

    @KafkaListener(id = ID, idIsGroup = false, autoStartup = "false",
            containerFactory = "acknowledgementListenerContainerFactory",
            topics = "#{T(dev.afterhours.contracts.Topics).AUTO_REPLIES.name()}")
    public void on(AutoReplyRequested request) {
        sender.handle(request);
    }
}
