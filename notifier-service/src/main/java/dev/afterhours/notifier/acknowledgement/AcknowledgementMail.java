package dev.afterhours.notifier.acknowledgement;

import dev.afterhours.contracts.AutoReplyRequested;
import dev.afterhours.contracts.ClientProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The e-mail acknowledgement of one request: subject, body and headers. The body is the scheduler's text (it already
 * states the expected answer time in the client's zone, computed on the SLA's clock: one source, not recomputed
 * here) and how to escalate a real emergency, from the directory.
 */
public record AcknowledgementMail(String subject, String body, Map<String, String> headers) {

    /** Carries the request id, so a duplicate (there should be none) can be traced to its request. */
    public static final String REQUEST_ID_HEADER = "X-Afterhours-Auto-Reply-Id";

    static final String DEFAULT_SUBJECT = "We have your message";

    public static AcknowledgementMail of(AutoReplyRequested request, @Nullable ClientProfile client) {
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
        return new AcknowledgementMail(subject(request.getSubject()), body(request.getText(), client), headers);
    }

    static String subject(@Nullable String original) {
        if (original == null || original.isBlank()) {
            return DEFAULT_SUBJECT;
        }
        String subject = original.strip();
        return subject.toLowerCase(Locale.ROOT).startsWith("re:") ? subject : "Re: " + subject;
    }

    static String body(String text, @Nullable ClientProfile client) {
        String escalation = client == null ? null : escalation(client.getEmergencyLines(), client.getEscalationWord());
        return escalation == null ? text : text + "\n\n" + escalation;
    }

    /** How to escalate a real emergency, or null when the directory names no way. */
    static @Nullable String escalation(List<String> emergencyLines, @Nullable String escalationWord) {
        List<String> lines = emergencyLines.stream().filter(l -> !l.isBlank()).map(String::strip).toList();
        String word = escalationWord == null || escalationWord.isBlank() ? null : escalationWord.strip();
        String line = lines.isEmpty() ? null
                : (lines.size() == 1 ? "our emergency line, " : "our emergency lines, ") + String.join(" or ", lines);
        if (line != null && word != null) {
            return "If this is a real emergency, contact " + line + ", or reply to this message with the word \""
                    + word + "\" and we will treat it as an emergency at once.";
        }
        if (line != null) {
            return "If this is a real emergency, contact " + line + ".";
        }
        if (word != null) {
            return "If this is a real emergency, reply to this message with the word \"" + word
                    + "\" and we will treat it as an emergency at once.";
        }
        return null;
    }

    /** The original Message-ID in its angle brackets, or null if unknown. */
    static @Nullable String messageId(@Nullable String raw) {
        if (raw == null || raw.isBlank() || raw.contains("\r") || raw.contains("\n")) {
            return null;
        }
        String id = raw.strip();
        return id.startsWith("<") ? id : "<" + id + ">";
    }
}
