package dev.afterhours.classifier.classification;

import dev.afterhours.classifier.text.MessageText;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Recognises messages written by machines: auto-responders, mailing lists, bulk mail. */
final class AutoReplyDetector {

    private static final Set<String> MACHINE_PRECEDENCE = Set.of("bulk", "junk", "list", "auto_reply");

    private AutoReplyDetector() {
    }

    /**
     * The headers that mark an automatic reply or bulk mail (RFC 3834 {@code Auto-Submitted: auto-replied} and any
     * other value but {@code no}, {@code auto-generated} and {@code auto-notified}; {@code X-Autoreply},
     * {@code X-Autorespond}, {@code Precedence: bulk|junk|list|auto_reply}, {@code List-Id}). Header names compare
     * case-insensitively.
     *
     * @return the reason, if one of them is present
     */
    static Optional<String> fromHeaders(Map<String, String> headers) {
        String keyword = autoSubmitted(headers);
        if (!keyword.isEmpty() && !keyword.equals("no") && !NOTIFICATIONS.contains(keyword)) {
            return Optional.of("header Auto-Submitted: " + keyword);
        }
        for (String name : new String[] {"X-Autoreply", "X-Autorespond", "X-Autoresponder"}) {
            String value = header(headers, name);
            if (value != null && !value.isBlank() && !value.strip().equalsIgnoreCase("no")) {
                return Optional.of("header " + name + ": " + value.strip());
            }
        }
        String precedence = header(headers, "Precedence");
        if (precedence != null && MACHINE_PRECEDENCE.contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of("header Precedence: " + precedence.strip().toLowerCase(Locale.ROOT));
        }
        String listId = header(headers, "List-Id");
        if (listId != null && !listId.isBlank()) {
            return Optional.of("mailing list (header List-Id: " + listId.strip() + ")");
        }
        return Optional.empty();
    }

    /**
     * RFC 3834's {@code auto-generated} (and RFC 3798's {@code auto-notified}): a machine wrote it, but not in reply
     * to anything. A monitor's "shop is DOWN" is one; so are weekly reports and receipts. Its words decide.
     */
    private static final Set<String> NOTIFICATIONS = Set.of("auto-generated", "auto-notified");

    /** The reason, when the headers mark a machine notification rather than a reply. */
    static Optional<String> notification(Map<String, String> headers) {
        String keyword = autoSubmitted(headers);
        return NOTIFICATIONS.contains(keyword)
                ? Optional.of("automatic notification (header Auto-Submitted: " + keyword + ")") : Optional.empty();
    }

    /** The {@code Auto-Submitted} keyword, lower-cased without parameters; empty without the header. */
    private static String autoSubmitted(Map<String, String> headers) {
        String value = header(headers, "Auto-Submitted");
        return value == null ? "" : value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    /** Out-of-office wording in the subject's prefix or in the sender's own text, in en/es/de/fr. */
    static Optional<String> fromText(MessageText text) {
        Matcher subject = Lexicon.OUT_OF_OFFICE_SUBJECT.matcher(text.subject());
        if (subject.find()) {
            return Optional.of("out-of-office subject '" + subject.group().replaceFirst("^[\\[(]\\s*", "") + "'");
        }
        for (Pattern pattern : Lexicon.OUT_OF_OFFICE_TEXT) {
            Optional<LiteralGate.Match> match = LiteralGate.first(pattern, text.own());
            if (match.isPresent()) {
                return Optional.of("out-of-office text '" + match.get().text() + "'");
            }
        }
        if (!text.ownBody().contains("?")) {
            for (Pattern pattern : Lexicon.CLOSED_STATEMENTS) {
                Optional<LiteralGate.Match> match = LiteralGate.first(pattern, text.own());
                if (match.isPresent()) {
                    return Optional.of("out-of-office text '" + match.get().text() + "'");
                }
            }
        }
        if (!text.ownBody().contains("?") && LiteralGate.first(Lexicon.RETURN_DATE, text.own()).isPresent()) {
            for (Pattern pattern : Lexicon.OUT_OF_OFFICE_HINTS) {
                Optional<LiteralGate.Match> match = LiteralGate.first(pattern, text.own());
                if (match.isPresent()) {
                    return Optional.of("out-of-office text '" + match.get().text() + "' with a return date");
                }
            }
        }
        Optional<String> autoText = autoText(text);
        if (autoText.isPresent()) {
            return autoText;
        }
        return machineText(text).or(() -> acknowledgement(text.ownBody()).map(ack -> "helpdesk acknowledgement '" + ack + "'"));
    }

    /** A phone's canned text (driving, do not disturb, Focus) or a body marked "Auto-reply:" / "(auto-reply)". */
    private static Optional<String> autoText(MessageText text) {
        for (Pattern pattern : Lexicon.AUTO_TEXT) {
            Optional<LiteralGate.Match> match = LiteralGate.first(pattern, text.ownBody());
            if (match.isPresent()) {
                return Optional.of("automatic text '" + match.get().text() + "'");
            }
        }
        Matcher marker = Lexicon.AUTO_MARKER.matcher(text.ownBody());
        return marker.find()
                ? Optional.of("automatic text marked '" + marker.group().strip() + "'") : Optional.empty();
    }

    /** Read receipts, bounces and calendar answers recognised by their body alone. */
    private static Optional<String> machineText(MessageText text) {
        return firstOf(Lexicon.READ_RECEIPT_TEXT, text.ownBody(), "read receipt")
                .or(() -> firstOf(Lexicon.BOUNCE_TEXT, text.ownBody(), "delivery status notification"))
                .or(() -> firstOf(Lexicon.CALENDAR_TEXT, text.ownBody(), "calendar response"));
    }

    private static Optional<String> firstOf(List<Pattern> patterns, String text, String kind) {
        for (Pattern pattern : patterns) {
            Optional<LiteralGate.Match> match = LiteralGate.first(pattern, text);
            if (match.isPresent()) {
                return Optional.of(kind + " ('" + match.get().text() + "')");
            }
        }
        return Optional.empty();
    }

    /**
     * A read receipt, a bounce or a calendar answer by its subject ("Read: Site is down!!", "Undeliverable: ...",
     * "Accepted: ..."). A machine wrote it and its body repeats the original message, so it is an auto-reply whatever
     * emergency that original reported.
     */
    static Optional<String> machineSubject(MessageText text) {
        String subject = text.subject();
        if (subject.isEmpty()) {
            return Optional.empty();
        }
        Matcher read = Lexicon.READ_RECEIPT_SUBJECT.matcher(subject);
        if (read.find()) {
            return Optional.of("read receipt (subject '" + read.group() + "')");
        }
        Matcher bounce = Lexicon.BOUNCE_SUBJECT.matcher(subject);
        if (bounce.find()) {
            return Optional.of("delivery status notification (subject '" + bounce.group() + "')");
        }
        Matcher calendar = Lexicon.CALENDAR_SUBJECT.matcher(subject);
        return calendar.find()
                ? Optional.of("calendar response (subject '" + calendar.group() + "')") : Optional.empty();
    }

    /** A helpdesk's "we have received your request" wording in this text, if any. */
    static Optional<String> acknowledgement(String text) {
        for (Pattern pattern : Lexicon.ACKNOWLEDGEMENT_TEXT) {
            Optional<LiteralGate.Match> match = LiteralGate.first(pattern, text);
            if (match.isPresent()) {
                return Optional.of(match.get().text());
            }
        }
        return Optional.empty();
    }

    /** A newsletter: the {@code List-Unsubscribe} header, or an unsubscribe link with newsletter furniture. */
    static Optional<String> newsletter(Map<String, String> headers, MessageText text) {
        if (header(headers, "List-Unsubscribe") != null) {
            return Optional.of("newsletter (header List-Unsubscribe)");
        }
        return LiteralGate.first(Lexicon.UNSUBSCRIBE, text.all())
                .filter(unsubscribe -> LiteralGate.first(Lexicon.NEWSLETTER, text.all()).isPresent())
                .map(unsubscribe -> "newsletter ('" + unsubscribe.text() + "' link)");
    }

    static @Nullable String header(Map<String, String> headers, String name) {
        String exact = headers.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().strip().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
