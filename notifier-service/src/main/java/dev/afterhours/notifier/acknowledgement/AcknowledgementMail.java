package dev.afterhours.notifier.acknowledgement;

import dev.afterhours.contracts.AutoReplyKind;
import dev.afterhours.contracts.AutoReplyRequested;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.notifier.clientchannel.ClientChannels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The e-mail acknowledgement of one request, or the update sent when its SLA was breached: subject, body and headers. The body is the scheduler's text (it already
 * states the expected answer time in the client's zone, computed on the SLA's clock: one source, not recomputed
 * here) and how to escalate a real emergency, from the directory.
 */
public record AcknowledgementMail(String subject, String body, Map<String, String> headers) {

    /** Carries the request id, so a duplicate (there should be none) can be traced to its request. */
    public static final String REQUEST_ID_HEADER = "X-Afterhours-Auto-Reply-Id";

    static final String DEFAULT_SUBJECT = AcknowledgementTexts.EN.defaultSubject();

    public static AcknowledgementMail of(AutoReplyRequested request, @Nullable ClientProfile client) {
        AcknowledgementTexts texts = AcknowledgementTexts.of(request.getLanguage());
        Map<String, String> headers = new LinkedHashMap<>();
        // RFC 3834 section 5: an automatic response to a message; other responders must not answer it.
        headers.put("Auto-Submitted", "auto-replied");
        // Exchange and Outlook: send no out-of-office or other automatic reply to this.
        headers.put("X-Auto-Response-Suppress", "All");
        String original = messageId(request.getInReplyTo());
        if (original != null) {
            headers.put("In-Reply-To", original);
            headers.put("References", original);
        }
        headers.put(REQUEST_ID_HEADER, request.getRequestId());
        String subject = request.getKind() == AutoReplyKind.SLA_UPDATE
                ? subject(request.getSubject(), texts.defaultUpdateSubject())
                : subject(request.getSubject(), texts.defaultSubject());
        return new AcknowledgementMail(subject, body(request.getText(), client, texts), headers);
    }

    static String subject(@Nullable String original) {
        return subject(original, AcknowledgementTexts.EN);
    }

    static String subject(@Nullable String original, AcknowledgementTexts texts) {
        return subject(original, texts.defaultSubject());
    }

    private static String subject(@Nullable String original, String fallback) {
        if (original == null || original.isBlank()) {
            return fallback;
        }
        String subject = original.strip();
        return subject.toLowerCase(Locale.ROOT).startsWith("re:") ? subject : "Re: " + subject;
    }

    /** The scheduler's text, then how to escalate (full sentences: e-mail and Slack have room for them). */
    static String body(String text, @Nullable ClientProfile client, AcknowledgementTexts texts) {
        String escalation = client == null ? null : texts.escalation(client.getEmergencyLines(), client.getEscalationWord());
        return escalation == null ? text : text + "\n\n" + escalation;
    }

    /** How to escalate a real emergency in English, or null when the directory names no way. */
    static @Nullable String escalation(List<String> emergencyLines, @Nullable String escalationWord) {
        return AcknowledgementTexts.EN.escalation(emergencyLines, escalationWord);
    }

    /** The original Message-ID in its angle brackets, or null if unknown. */
    static @Nullable String messageId(@Nullable String raw) {
        return ClientChannels.messageId(raw);
    }
}
