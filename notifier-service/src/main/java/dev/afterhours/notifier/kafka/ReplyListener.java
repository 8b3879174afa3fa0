package dev.afterhours.notifier.kafka;

import dev.afterhours.contracts.ReplyRequested;
import dev.afterhours.notifier.reply.ReplySender;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A staff member's reply is to go out to a client. Its own container ({@code replyListenerContainerFactory}),
 * started by {@link ListenerStarter} once the directory and the record of sent replies are loaded.
 */
@Component
public class ReplyListener {

    public static final String ID = "replies";

    private final ReplySender sender;

    public ReplyListener(ReplySender sender) {
        this.sender = sender;
    }

    @KafkaListener(id = ID, idIsGroup = false, autoStartup = "false",
            containerFactory = "replyListenerContainerFactory",
            topics = "#{T(dev.afterhours.contracts.Topics).REPLIES.name()}")
    public void on(ReplyRequested request) {
        sender.handle(request);
    }
}
