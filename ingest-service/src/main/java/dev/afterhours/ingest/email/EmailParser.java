package dev.afterhours.ingest.email;

import dev.afterhours.contracts.Attachment;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.ingest.message.InboundMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.jspecify.annotations.Nullable;

/**
 * Turns a raw RFC 5322 message into an {@link InboundMessage}, with Apache Mime4j:
 * <ul>
 *   <li>{@code providerMessageId} is the Message-ID (so a re-delivery is a duplicate), or, for a message without
 *       one, {@code sha256:} and the hash of its bytes;</li>
 *   <li>{@code from} is the From mailbox (display name kept), or the envelope sender if From is missing;
 *       {@code to} the To and Cc addresses, or the envelope recipients if there are none;</li>
 *   <li>{@code body} is the text/plain part (preferred) or the HTML part as text (jsoup), with quoted history and
 *       signature cut ({@link QuoteStripper}); the full text is kept in the header {@value #FULL_BODY} when that
 *       cut anything;</li>
 *   <li>every other leaf part is an attachment, recorded by name, type and decoded size (not content);</li>
 *   <li>the headers triage and threading read ({@link #RECORDED_HEADERS}) are copied into {@code headers}, and the
 *       SPF, DKIM and DMARC results of Authentication-Results are summarised as {@value #SPF}, {@value #DKIM},
 *       {@value #DMARC} (recorded, not enforced).</li>
 * </ul>
 */
public final class EmailParser {

    /** The provider of every email that came in as a raw message, by SMTP or the webhook: one idempotency space. */
    public static final String PROVIDER = "email";

    public static final String FULL_BODY = "x-afterhours-full-body";
    public static final String TRUNCATED = "x-afterhours-truncated";
    public static final String BODY_SOURCE = "x-afterhours-body-source";
    public static final String SPF = "x-afterhours-spf";
    public static final String DKIM = "x-afterhours-dkim";
    public static final String DMARC = "x-afterhours-dmarc";

    /** Headers copied as they are (unfolded, several occurrences joined by newlines). */
    public static final List<String> RECORDED_HEADERS = List.of("Message-ID", "In-Reply-To", "References",
            "Auto-Submitted", "Precedence", "List-Id", "List-Unsubscribe", "List-Unsubscribe-Post", "X-Autoreply",
            "X-Autorespond", "X-Autoresponder", "X-Auto-Response-Suppress", "Authentication-Results", "Reply-To",
            "Return-Path");

    /**
     * Longest text kept in {@code body} and in {@value #FULL_BODY}, in characters: the event must stay well under
     * Kafka's default record limit of 1 MB whatever arrives; a cut text is marked with {@value #TRUNCATED}.
     */
    static final int MAX_TEXT_CHARS = 64 * 1024;

    private static final Pattern AUTH_RESULT = Pattern.compile("\\b(spf|dkim|dmarc)\\s*=\\s*([a-z]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");

    public InboundMessage parse(byte[] raw, @Nullable String envelopeFrom, List<String> envelopeTo) {
        if (raw.length == 0) {
            throw new UnreadableEmailException("body", "the message is empty: send the raw RFC 5322 message");
        }
        Message message = read(raw);
        try {
            return toInbound(message, raw, envelopeFrom, envelopeTo);
        } finally {
            message.dispose();
        }
    }

    private static Message read(byte[] raw) {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        try {
            return builder.parseMessage(new ByteArrayInputStream(raw));
        } catch (IOException | RuntimeException e) {
            throw new UnreadableEmailException("body", "not a readable RFC 5322 message: " + e.getMessage(), e);
        }
    }

    private static InboundMessage toInbound(Message message, byte[] raw, @Nullable String envelopeFrom,
            List<String> envelopeTo) {
        if (message.getHeader() == null || message.getHeader().getFields().isEmpty()) {
            throw new UnreadableEmailException("body", "no header fields: the body must be the whole RFC 5322 message, "
                    + "headers (From, Subject, Message-ID, ...) first");
        }
        String from = sender(message, envelopeFrom);
        List<String> to = recipients(message);
        if (to.isEmpty()) {
            to = List.copyOf(envelopeTo);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : RECORDED_HEADERS) {
            String value = header(message, name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        String messageId = firstMessageId(message.getMessageId());
        if (messageId != null) {
            headers.put("Message-ID", messageId);
        }
        String inReplyTo = firstMessageId(headers.get("In-Reply-To"));
        if (inReplyTo != null) {
            headers.put("In-Reply-To", inReplyTo);
        }
        authenticationResults(headers);

        Parts parts = new Parts();
        parts.walk(message);
        String fullText = parts.text();
        headers.put(BODY_SOURCE, parts.plain != null ? "text/plain" : parts.html != null ? "text/html" : "none");
        QuoteStripper.Result stripped = QuoteStripper.strip(fullText);
        String body = stripped.text();
        if (body.length() > MAX_TEXT_CHARS) {
            body = body.substring(0, MAX_TEXT_CHARS);
            headers.put(TRUNCATED, "true");
        }
        if (stripped.stripped()) {
            String full = fullText.strip();
            if (full.length() > MAX_TEXT_CHARS) {
                full = full.substring(0, MAX_TEXT_CHARS);
                headers.put(TRUNCATED, "true");
            }
            headers.put(FULL_BODY, full);
        }
        Instant sent = message.getDate() == null ? null : message.getDate().toInstant();
        String subject = message.getSubject() == null ? null : message.getSubject().strip();
        return new InboundMessage(Channel.EMAIL, Direction.INBOUND, PROVIDER,
                messageId != null ? messageId : "sha256:" + sha256(raw), from, to, subject, body, sent,
                parts.attachments, headers, null, null);
    }

    private static String sender(Message message, @Nullable String envelopeFrom) {
        MailboxList from = message.getFrom();
        if (from != null && !from.isEmpty()) {
            Mailbox mailbox = from.getFirst();
            String name = mailbox.getName();
            String address = mailbox.getAddress();
            if (name != null && !name.isBlank()) {
                return name.replaceAll("[<>\"]", "").strip() + " <" + address + ">";
            }
            return address;
        }
        if (envelopeFrom != null && !envelopeFrom.isBlank()) {
            return envelopeFrom;
        }
        throw new UnreadableEmailException("From", header(message, "From") == null
                ? "no From header: who sent the message?" : "the From header is not an address: " + header(message, "From"));
    }

    private static List<String> recipients(Message message) {
        Set<String> addresses = new LinkedHashSet<>();
        for (AddressList list : new AddressList[] {message.getTo(), message.getCc()}) {
            if (list == null) {
                continue;
            }
            for (Address address : list) {
                if (address instanceof Mailbox mailbox) {
                    addresses.add(mailbox.getAddress());
                } else {
                    list.flatten().forEach(m -> addresses.add(m.getAddress()));
                }
            }
        }
        return List.copyOf(addresses);
    }

    /** A header's value, unfolded and with encoded words decoded; several occurrences joined by newlines. */
    static @Nullable String header(Message message, String name) {
        List<Field> fields = message.getHeader().getFields(name);
        if (fields.isEmpty()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (Field field : fields) {
            String body = field.getBody();
            if (body != null) {
                values.add(DecoderUtil.decodeEncodedWords(body.replaceAll("\\r?\\n[ \\t]+", " "), DecodeMonitor.SILENT)
                        .strip());
            }
        }
        return values.isEmpty() ? null : String.join("\n", values);
    }

    /** The first {@code <id>} of a Message-ID or In-Reply-To value (In-Reply-To may list several, or add a comment). */
    private static @Nullable String firstMessageId(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher m = MESSAGE_ID.matcher(value);
        return m.find() ? m.group() : value.strip();
    }

    private static void authenticationResults(Map<String, String> headers) {
        String results = headers.get("Authentication-Results");
        if (results == null) {
            return;
        }
        Matcher m = AUTH_RESULT.matcher(results);
        while (m.find()) {
            String key = switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "spf" -> SPF;
                case "dkim" -> DKIM;
                default -> DMARC;
            };
            headers.putIfAbsent(key, m.group(2).toLowerCase(Locale.ROOT));
        }
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The text parts and attachments of a message, found depth first. */
    private static final class Parts {

        private @Nullable String plain;
        private @Nullable String html;
        private final List<Attachment> attachments = new ArrayList<>();

        void walk(Entity entity) {
            Body body = entity.getBody();
            if (body instanceof Multipart multipart) {
                for (Entity part : multipart.getBodyParts()) {
                    walk(part);
                }
                return;
            }
            String type = entity.getMimeType() == null ? "text/plain" : entity.getMimeType().toLowerCase(Locale.ROOT);
            boolean attached = "attachment".equalsIgnoreCase(entity.getDispositionType()) || entity.getFilename() != null;
            if (!attached && body instanceof TextBody text && type.equals("text/plain") && plain == null) {
                plain = read(text);
            } else if (!attached && body instanceof TextBody text && type.equals("text/html") && html == null) {
                html = read(text);
            } else {
                // any other leaf: a file, an image, a second text part, a forwarded message/rfc822
                attachments.add(Attachment.newBuilder()
                        .setFileName(fileName(entity, body, type))
                        .setContentType(type)
                        .setSizeBytes(size(body))
                        .build());
            }
        }

        String text() {
            if (plain != null && !plain.isBlank()) {
                return plain;
            }
            if (html != null) {
                return HtmlText.of(html);
            }
            return plain == null ? "" : plain;
        }

        private static String read(TextBody text) {
            StringBuilder out = new StringBuilder();
            try (Reader reader = text.getReader()) {
                char[] buffer = new char[8192];
                int n;
                while ((n = reader.read(buffer)) != -1 && out.length() <= MAX_TEXT_CHARS * 4) {
                    out.append(buffer, 0, n);
                }
            } catch (IOException | RuntimeException e) {
                // an unknown charset: the bytes as UTF-8 say more than nothing
                try (InputStream in = text.getInputStream()) {
                    return new String(in.readNBytes(MAX_TEXT_CHARS * 4), StandardCharsets.UTF_8);
                } catch (IOException again) {
                    throw new UnreadableEmailException("body", "cannot read a text part: " + again.getMessage(), again);
                }
            }
            return out.toString();
        }

        private static String fileName(Entity entity, Body body, String type) {
            String name = entity.getFilename();
            if (name != null && !name.isBlank()) {
                return DecoderUtil.decodeEncodedWords(name, DecodeMonitor.SILENT);
            }
            if (body instanceof Message attached && attached.getSubject() != null) {
                return attached.getSubject() + ".eml";
            }
            return "unnamed (" + type + ")";
        }

        private static long size(Body body) {
            try {
                if (body instanceof SingleBody single) {
                    return single.size();
                }
                if (body instanceof Message attached) {
                    CountingStream counter = new CountingStream();
                    new DefaultMessageWriter().writeMessage(attached, counter);
                    return counter.count;
                }
            } catch (IOException e) {
                return -1;
            }
            return -1;
        }
    }

    private static final class CountingStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
