package dev.afterhours.notifier.clientchannel;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.notifier.delivery.DeliveryResult;
import dev.afterhours.notifier.delivery.EmailSender;
import dev.afterhours.notifier.delivery.SlackPoster;
import dev.afterhours.notifier.delivery.TwilioSender;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a message to a client goes back on the channel the client wrote on, or that it cannot here: EMAIL by mail;
 * SMS by a text from the agency number the client texted; CHAT by a reply in the Slack thread; VOICE by a text to the
 * caller when their number is a full international one; WEBFORM by mail or text to the contact the sender left; API
 * never (the caller's system has its own answer). One rule for everything the notifier writes to clients
 * (acknowledgements, SLA updates, staff replies), which differ only in their wording.
 */
public final class ClientChannels {

    /**
     * Where the client's message came from and in.
     *
     * @param to     the client's address on the channel
     * @param via    the agency's number the client texted or called (SMS, VOICE), the Slack channel id (CHAT)
     * @param thread the Slack thread_ts (CHAT)
     */
    public record Route(Channel channel, String to, @Nullable String via, @Nullable String thread) {
    }

    /** The same message worded for each kind of channel. */
    public record Wording(String mailSubject, String mailBody, Map<String, String> mailHeaders, String text,
                          String chat) {
    }

    /** One send, ready to go. */
    @FunctionalInterface
    public interface Send {
        DeliveryResult deliver();
    }

    private final EmailSender email;
    private final TwilioSender twilio;
    private final SlackPoster slack;

    public ClientChannels(EmailSender email, TwilioSender twilio, SlackPoster slack) {
        this.email = email;
        this.twilio = twilio;
        this.slack = slack;
    }

    /**
     * The send of this message on the route's channel, or null when it cannot be made here (the provider is not
     * configured, or the route has no address that can take it).
     *
     * @param mailFrom the agency address mail comes from
     * @param id       the send's id, which providers get as their idempotency key or trace header
     */
    public @Nullable Send plan(Route route, @Nullable ClientProfile client, Wording wording, String mailFrom, String id) {
        String to = route.to().strip();
        return switch (route.channel()) {
            case EMAIL -> mail(to, wording, mailFrom, id);
            case SMS, VOICE -> text(route, client, wording, to, id);
            case WEBFORM -> to.contains("@") ? mail(to, wording, mailFrom, id) : text(route, client, wording, to, id);
            case CHAT -> {
                String channel = route.via();
                String thread = route.thread();
                if (!slack.enabled() || channel == null || thread == null) {
                    yield null;
                }
                yield () -> slack.reply(channel, thread, wording.chat(), id);
            }
            default -> null;
        };
    }

    private Send mail(String to, Wording wording, String from, String id) {
        return () -> email.send(from, to, wording.mailSubject(), wording.mailBody(), id, wording.mailHeaders());
    }

    private @Nullable Send text(Route route, @Nullable ClientProfile client, Wording wording, String to, String id) {
        if (!twilio.enabled() || !isPhoneNumber(to)) {
            return null;
        }
        String from = fromNumber(route.via(), client);
        return () -> twilio.sms(to, from, wording.text(), id);
    }

    /**
     * The agency number a client is texted from: the one the client texted or called when it is one of the client's
     * lines (so the answer comes from the number they know); else the client's first routine line; else the
     * configured from-number.
     */
    public String fromNumber(@Nullable String via, @Nullable ClientProfile client) {
        if (client != null) {
            if (via != null && (client.getPhoneLines().contains(via) || client.getEmergencyLines().contains(via))) {
                return via;
            }
            if (!client.getPhoneLines().isEmpty()) {
                return client.getPhoneLines().getFirst();
            }
        }
        return twilio.fromNumber();
    }

    /** A full international number (E.164): a person's phone, which can take a text; not a short code or "anonymous". */
    public static boolean isPhoneNumber(String to) {
        return to.matches("\\+[1-9][0-9]{7,14}");
    }

    /** An e-mail's Message-ID in its angle brackets, for In-Reply-To and References; null if unknown or unsafe. */
    public static @Nullable String messageId(@Nullable String raw) {
        if (raw == null || raw.isBlank() || raw.contains("\r") || raw.contains("\n")) {
            return null;
        }
        String id = raw.strip();
        return id.startsWith("<") ? id : "<" + id + ">";
    }
}
