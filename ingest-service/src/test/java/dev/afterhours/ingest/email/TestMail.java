package dev.afterhours.ingest.email;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.jspecify.annotations.Nullable;

/** Real mail, built and sent with Jakarta Mail (Angus), as a sending mail server would. */
public final class TestMail {

    private TestMail() {
    }

    /** A session talking SMTP to 127.0.0.1 on this port. */
    public static Session session(int port) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.localhost", "sender.example");
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "60000");
        return Session.getInstance(properties);
    }

    /** A fresh Message-ID, as a mail program makes one. */
    public static String messageId() {
        return "<" + UUID.randomUUID() + "@mail.acme-shop.example>";
    }

    /** A message that keeps the Message-ID it is given (Jakarta Mail would otherwise make its own on save). */
    public static MimeMessage message(Session session, String messageId, String from, String to, String subject) {
        try {
            MimeMessage message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            message.setFrom(new InternetAddress(from));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
            message.setSubject(subject, "UTF-8");
            return message;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plain-text message. */
    public static MimeMessage text(Session session, String messageId, String from, String to, String subject,
            String body) {
        MimeMessage message = message(session, messageId, from, to, subject);
        try {
            message.setText(body, "UTF-8");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return message;
    }

    /** multipart/mixed: a multipart/alternative (text and HTML) and one attachment. */
    public static MimeMessage alternativeWithAttachment(Session session, String messageId, String from, String to,
            String subject, String text, String html, String fileName, String type, byte[] content) {
        MimeMessage message = message(session, messageId, from, to, subject);
        try {
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, "UTF-8");
            MimeBodyPart rich = new MimeBodyPart();
            rich.setContent(html, "text/html; charset=UTF-8");
            MimeMultipart alternative = new MimeMultipart("alternative", plain, rich);
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
            attachment.setFileName(fileName);
            attachment.setDisposition(MimeBodyPart.ATTACHMENT);
            message.setContent(new MimeMultipart("mixed", body, attachment));
            return message;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends it; throws if the server refuses. */
    public static void send(MimeMessage message) throws MessagingException {
        message.saveChanges();
        Transport.send(message);
    }

    /** The SMTP reply code the server refused the message with, or null if it took it. */
    public static @Nullable Integer refusal(MimeMessage message) {
        try {
            send(message);
            return null;
        } catch (MessagingException e) {
            Integer code = code(e);
            if (code == null) {
                throw new IllegalStateException("refused without an SMTP code", e);
            }
            return code;
        }
    }

    private static @Nullable Integer code(@Nullable Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (t instanceof SMTPSenderFailedException s) {
                return s.getReturnCode();
            }
            if (t instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
        }
        return null;
    }

    private static @Nullable Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    /** The message as bytes on the wire (RFC 5322), for the webhook. */
    public static byte[] bytes(MimeMessage message) {
        try {
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
