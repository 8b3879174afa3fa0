package dev.afterhours.scheduler.sla;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.MessageReceived;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * When an auto-acknowledgement may go out, as a well-behaved mail server answers (RFC 3834 section 2): never to a
 * message that is itself automatic or bulk, never to a mailer daemon or a no-reply address, and at most one per
 * conversation and one per sender within {@link #window()}, so two auto-responders cannot loop and a client who
 * writes five times at night is told once.
 *
 * @param window how long after an acknowledgement the same conversation, or the same sender, gets no other
 */
public record AcknowledgementPolicy(Duration window) {

    public static final AcknowledgementPolicy DEFAULT = new AcknowledgementPolicy(Duration.ofHours(24));

    public AcknowledgementPolicy {
        if (window.isNegative()) {
            throw new IllegalArgumentException("afterhours.scheduler.acknowledgement-window: must not be negative, was "
                    + window);
        }
    }

    /**
     * Why no acknowledgement may answer this message whatever came before, or null when one may: the reason is a
     * metric tag, so it is one of a few fixed words.
     */
    public static @Nullable String neverAnswer(MessageReceived message) {
        Map<String, String> headers = message.getHeaders();
        String autoSubmitted = header(headers, "Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.isBlank() && !autoSubmitted.trim().toLowerCase(Locale.ROOT).startsWith("no")) {
            return "auto-submitted";
        }
        String precedence = header(headers, "Precedence");
        if (precedence != null && precedence.trim().toLowerCase(Locale.ROOT).matches("bulk|list|junk|auto_reply")) {
            return "bulk";
        }
        if (header(headers, "List-Id") != null || header(headers, "List-Unsubscribe") != null) {
            return "bulk";
        }
        String suppress = header(headers, "X-Auto-Response-Suppress");
        if (suppress != null && suppress.toLowerCase(Locale.ROOT).matches(".*\\b(all|autoreply|oof)\\b.*")) {
            return "suppressed";
        }
        if (header(headers, "X-Autoreply") != null || header(headers, "X-Autorespond") != null) {
            return "auto-submitted";
        }
        if (isRobotAddress(message.getFrom())) {
            return "robot-sender";
        }
        if (message.getChannel() == Channel.SMS && !isPersonalNumber(message.getFrom())) {
            // A short code ("72345") or an alphanumeric sender ("DHL"): a machine's text, and no one to answer.
            return "robot-sender";
        }
        return null;
    }

    /** Mailer daemons, postmasters, list owners and no-reply addresses (RFC 3834 section 2, RFC 2142). */
    static boolean isRobotAddress(String from) {
        int at = from.indexOf('@');
        if (at <= 0) {
            return false;
        }
        String local = from.substring(0, at).trim().toLowerCase(Locale.ROOT);
        if (local.startsWith("<")) {
            local = local.substring(1);
        }
        return local.equals("mailer-daemon") || local.equals("postmaster") || local.startsWith("owner-")
                || local.endsWith("-request") || local.matches("no[-_.]?reply|do[-_.]?not[-_.]?reply|bounces?(\\+.*)?");
    }

    /** A full international number (E.164), as a person's phone texts from; short codes and sender names are not. */
    static boolean isPersonalNumber(String from) {
        return from.strip().matches("\\+[1-9][0-9]{7,14}");
    }

    private static @Nullable String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }
}
