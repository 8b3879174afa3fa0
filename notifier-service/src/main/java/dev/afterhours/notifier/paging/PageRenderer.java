package dev.afterhours.notifier.paging;

import dev.afterhours.contracts.CrmNoteAdded;
import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Urgency;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** The words of a page: the webhook's JSON body, and the email's subject and plain-text body, with the same content. */
public final class PageRenderer {

    static final int EXCERPT_CHARS = 500;

    private final JsonMapper json;

    public PageRenderer(JsonMapper json) {
        this.json = json;
    }

    /**
     * Everything a page says, for one person on one channel.
     *
     * @param ackUrl       the signed acknowledgement link for this person (see {@code AckLinks}), opened without a sign-in
     * @param ackExpiresAt when that link stops working
     */
    public record Content(String notificationId, Page page, int level, String clientName, String ackUrl,
                          Instant ackExpiresAt, List<CrmNoteAdded> crmNotes) {
    }

    public String webhookBody(Content content) {
        Page page = content.page();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notificationId", content.notificationId());
        body.put("escalationId", page.escalationId());
        body.put("clientId", page.clientId());
        body.put("clientName", content.clientName());
        body.put("reason", page.reason().name());
        body.put("urgency", page.urgency().name());
        body.put("level", content.level());
        body.put("summary", page.summary());
        body.put("reasons", page.reasons());
        body.put("message", message(page.message()));
        body.put("requestedAt", page.requestedAt().toString());
        body.put("dueAt", iso(page.dueAt()));
        body.put("ackUrl", content.ackUrl());
        body.put("ackUrlExpiresAt", content.ackExpiresAt().toString());
        List<Map<String, Object>> notes = new ArrayList<>();
        for (CrmNoteAdded note : content.crmNotes()) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("noteId", note.getNoteId());
            n.put("author", note.getAuthor());
            n.put("text", note.getText());
            n.put("pinned", note.getPinned());
            n.put("addedAt", note.getAddedAt().toString());
            notes.add(n);
        }
        body.put("crmNotes", notes);
        return json.writeValueAsString(body);
    }

    public String emailSubject(Content content) {
        Page page = content.page();
        String tag;
        if (page.urgency() == Urgency.EMERGENCY && !page.breach()) {
            tag = "[911]";
        } else if (page.breach()) {
            tag = "[SLA breached]";
        } else if (page.reason() == EscalationReason.SLA_WARNING) {
            tag = "[SLA warning]";
        } else {
            tag = "[" + page.urgency() + "]";
        }
        String level = content.level() > 1 ? " [level " + content.level() + ", unacknowledged]" : "";
        // the scheduler's summaries already start with the client's name
        String summary = page.summary().startsWith(content.clientName()) ? page.summary()
                : content.clientName() + ": " + page.summary();
        return oneLine(tag + level + " " + summary);
    }

    public String emailBody(Content content) {
        Page page = content.page();
        StringBuilder text = new StringBuilder();
        text.append(page.summary()).append("\n\n");
        text.append("Client:    ").append(content.clientName()).append(" (").append(page.clientId()).append(")\n");
        text.append("Reason:    ").append(page.reason()).append(", urgency ").append(page.urgency())
                .append(", level ").append(content.level()).append('\n');
        if (!page.reasons().isEmpty()) {
            text.append("Why:       ").append(String.join("; ", page.reasons())).append('\n');
        }
        text.append("Requested: ").append(page.requestedAt()).append('\n');
        if (page.dueAt() != null) {
            text.append("Due:       ").append(page.dueAt()).append('\n');
        }
        MessageReceived message = page.message();
        if (message != null) {
            text.append("\nMessage from ").append(message.getFrom()).append(" via ").append(message.getChannel())
                    .append(" at ").append(message.getReceivedAt()).append('\n');
            if (message.getSubject() != null) {
                text.append("Subject: ").append(message.getSubject()).append('\n');
            }
            text.append('\n').append(excerpt(message.getBody()).indent(2));
        }
        if (!content.crmNotes().isEmpty()) {
            text.append("\nCRM notes (pinned first, then the latest):\n");
            for (CrmNoteAdded note : content.crmNotes()) {
                text.append(note.getPinned() ? "- (pinned) " : "- ").append(note.getAddedAt()).append(' ')
                        .append(note.getAuthor()).append(": ")
                        .append(oneLine(note.getText())).append('\n');
            }
        }
        text.append("\nAcknowledge (stops escalation to the next level): open this link, no sign-in needed.\n");
        text.append("It is yours alone, works once, and expires at ").append(content.ackExpiresAt()).append(":\n");
        text.append("  ").append(content.ackUrl()).append('\n');
        text.append("\nNotification ").append(content.notificationId()).append(", escalation ").append(page.escalationId()).append('\n');
        return text.toString();
    }

    /** Characters of the headline an SMS carries: with the instructions and the link, about three segments. */
    static final int SMS_HEADLINE_CHARS = 240;
    /** Characters of the summary a voice page reads out. */
    static final int SPOKEN_SUMMARY_CHARS = 300;

    /**
     * The SMS: the headline (the email's subject), how to acknowledge by reply, and the signed link. Staff reply to
     * the pager number; "1" or "ack" acknowledges their latest open page.
     */
    public String smsText(Content content) {
        String headline = emailSubject(content);
        if (headline.length() > SMS_HEADLINE_CHARS) {
            headline = headline.substring(0, SMS_HEADLINE_CHARS - 1) + "…";
        }
        return headline + "\nReply 1 to acknowledge (stops escalation), or open " + content.ackUrl();
    }

    /** What a voice page says before "press 1 to acknowledge": plain words, no URLs, no markup. */
    public String voiceWords(Content content) {
        Page page = content.page();
        String kind = page.breach() ? "An SLA breach" : page.urgency() == Urgency.EMERGENCY ? "An emergency"
                : "A " + page.urgency().name().toLowerCase(Locale.ROOT) + " urgency page";
        String summary = oneLine(page.summary());
        if (summary.length() > SPOKEN_SUMMARY_CHARS) {
            summary = summary.substring(0, SPOKEN_SUMMARY_CHARS) + "…";
        }
        String level = content.level() > 1 ? " This is escalation level " + content.level() + ": nobody has acknowledged it yet." : "";
        return "This is Afterhours. " + kind + " for " + content.clientName() + ". " + summary + "." + level;
    }

    /** The Slack message, in mrkdwn: the headline in bold, the summary, why, and the signed link as a fallback. */
    public String slackText(Content content) {
        Page page = content.page();
        StringBuilder text = new StringBuilder();
        text.append('*').append(slackEscape(emailSubject(content))).append("*\n");
        text.append(slackEscape(page.summary())).append('\n');
        if (!page.reasons().isEmpty()) {
            text.append("_Why:_ ").append(slackEscape(String.join("; ", page.reasons()))).append('\n');
        }
        MessageReceived message = page.message();
        if (message != null) {
            text.append("_From_ ").append(slackEscape(message.getFrom())).append(" _via_ ").append(message.getChannel())
                    .append(": ").append(slackEscape(oneLine(excerpt(message.getBody())))).append('\n');
        }
        for (CrmNoteAdded note : content.crmNotes()) {
            text.append(note.getPinned() ? "• (pinned) " : "• ").append(slackEscape(oneLine(note.getText()))).append('\n');
        }
        text.append("Press *Acknowledge* below, or <").append(content.ackUrl()).append("|open the signed link>.");
        return text.toString();
    }

    /** Slack's three control characters, so text from clients cannot make links or mentions. */
    static String slackEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static @Nullable Map<String, Object> message(@Nullable MessageReceived message) {
        if (message == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("messageId", message.getMessageId());
        m.put("channel", message.getChannel().name());
        m.put("from", message.getFrom());
        m.put("subject", message.getSubject());
        m.put("bodyExcerpt", excerpt(message.getBody()));
        m.put("receivedAt", message.getReceivedAt().toString());
        return m;
    }

    static String excerpt(String body) {
        String trimmed = body.strip();
        return trimmed.length() <= EXCERPT_CHARS ? trimmed : trimmed.substring(0, EXCERPT_CHARS - 1) + "…";
    }

    private static @Nullable String iso(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ").strip();
    }
}
