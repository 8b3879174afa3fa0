package dev.afterhours.notifier.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
        return Retrying.run(attempts, backoff, () -> {
            try {
                MimeMessage message = mail.createMimeMessage();
                MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
                helper.setFrom(from);
                helper.setTo(to);
                helper.setSubject(subject);
                helper.setText(body, false);
                message.setHeader(NOTIFICATION_ID_HEADER, notificationId);
                mail.send(message);
                return null;
            } catch (MailException | MessagingException e) {
                log.info("Email to {} failed for notification {}: {}", to, notificationId, e.toString());
                return "SMTP: " + e.getMessage();
            }
        });
    }
}
