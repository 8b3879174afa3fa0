package dev.afterhours.notifier.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Sends a page as a plain-text email through the configured SMTP server, retried like webhooks. */
public final class EmailSender {

    /** Carries the notification id, so a mail rule or a human can match duplicates the way webhook receivers do. */
    public static final String NOTIFICATION_ID_HEADER = "X-Afterhours-Notification-Id";

    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);

    private final JavaMailSender mail;
    private final String from;
    private final int attempts;
    private final Duration backoff;

    public EmailSender(JavaMailSender mail, String from, int attempts, Duration backoff) {
        this.mail = mail;
        this.from = from;
        this.attempts = attempts;
        this.backoff = backoff;
    }

    public DeliveryResult send(String to, String subject, String body, String notificationId) {
        return send(from, to, subject, body, notificationId, Map.of(NOTIFICATION_ID_HEADER, notificationId));
    }

    /**
     * Sends a plain-text email from {@code sender} with extra headers (e.g. {@code Auto-Submitted}), retried like a page.
     *
     * @param id for the log: what this email is (a notification id, an acknowledgement's request id)
     */
    public DeliveryResult send(String sender, String to, String subject, String body, String id, Map<String, String> headers) {
        return Retrying.run(attempts, backoff, () -> {
            try {
                MimeMessage message = mail.createMimeMessage();
                MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
                helper.setFrom(sender);
                helper.setTo(to);
                helper.setSubject(subject);
                helper.setText(body, false);
                for (Map.Entry<String, String> header : headers.entrySet()) {
                    message.setHeader(header.getKey(), header.getValue());
                }
                mail.send(message);
                return null;
            } catch (MailException | MessagingException e) {
                log.info("Email to {} failed for {}: {}", to, id, e.toString());
                return "SMTP: " + e.getMessage();
            }
        });
    }
}
