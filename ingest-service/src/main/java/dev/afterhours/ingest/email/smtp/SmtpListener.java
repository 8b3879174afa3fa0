package dev.afterhours.ingest.email.smtp;

import dev.afterhours.ingest.email.EmailIntake;
import dev.afterhours.ingest.email.UnreadableEmailException;
import dev.afterhours.ingest.message.IntakeResult;
import dev.afterhours.ingest.message.NotReadyException;
import dev.afterhours.ingest.message.PipelineBehindException;
import dev.afterhours.ingest.message.PublishFailedException;
import dev.afterhours.ingest.web.BoundedBody;
import dev.afterhours.security.web.BodyTooLargeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.unit.DataSize;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The SMTP listener (SubEthaSMTP) agencies point an MX record or a forwarding rule at. A transaction is answered
 * 250 only once its message is durably on Kafka (through {@link EmailIntake}, so idempotency, client resolution and
 * threading apply); when Kafka or the registry cannot take it, or the instance is still loading, 451 tells the
 * sending server to try again later, so nothing it was told is accepted can be lost; so does routine mail while the
 * pipeline is too far behind (the backpressure that answers 429 over HTTP). Refused: recipients outside
 * {@code accepted-recipients} at RCPT (550, no open relay), messages over the size limit (552, also at MAIL when the
 * client announces SIZE), bytes that are no email (554).
 */
public final class SmtpListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmtpListener.class);
    public static final String TRANSACTIONS = "afterhours.ingest.smtp.transactions";

    private final SmtpProperties properties;
    private final DataSize maxMessageSize;
    private final EmailIntake intake;
    private final MeterRegistry meters;
    private @Nullable SMTPServer server;

    public SmtpListener(SmtpProperties properties, DataSize maxMessageSize, EmailIntake intake, MeterRegistry meters) {
        this.properties = properties;
        this.maxMessageSize = maxMessageSize;
        this.intake = intake;
        this.meters = meters;
    }

    @Override
    public synchronized void start() {
        Integer port = properties.port();
        if (!properties.active() || port == null) {
            log.info("SMTP listener off (afterhours.ingest.smtp.enabled={}, port={})", properties.enabled(), port);
            return;
        }
        SMTPServer.Builder builder = SMTPServer.port(port)
                .bindAddress(bindAddress())
                .softwareName("Afterhours ingest")
                .maxMessageSize((int) maxMessageSize.toBytes())
                // the message is taken as sent; a Received line of ours would only change its bytes
                .insertReceivedHeaders(false)
                .messageHandlerFactory(context -> new Transaction());
        if (properties.hostName() != null && !properties.hostName().isBlank()) {
            builder.hostName(properties.hostName());
        }
        SMTPServer started = builder.build();
        started.start();
        server = started;
        log.info("SMTP listener on {}:{}, taking mail for {} up to {}", properties.bindAddress(), port(),
                properties.acceptedRecipients(), maxMessageSize);
    }

    private InetAddress bindAddress() {
        try {
            return InetAddress.getByName(properties.bindAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("afterhours.ingest.smtp.bind-address: unknown host "
                    + properties.bindAddress(), e);
        }
    }

    @Override
    public synchronized void stop() {
        SMTPServer running = server;
        if (running != null) {
            running.stop();
            server = null;
            log.info("SMTP listener stopped");
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null && server.isRunning();
    }

    /** The port listened on (the one chosen, when configured as 0), or -1 when the listener is off. */
    public synchronized int port() {
        SMTPServer running = server;
        return running == null ? -1 : running.getPortAllocated();
    }

    private void count(String outcome) {
        Counter.builder(TRANSACTIONS).description("SMTP transactions by what became of them")
                .tag("outcome", outcome).register(meters).increment();
    }

    /** One SMTP mail transaction: MAIL FROM, RCPT TO..., DATA. */
    private final class Transaction implements MessageHandler {

        private @Nullable String from;
        private final List<String> recipients = new ArrayList<>();

        @Override
        public void from(String from) {
            this.from = from.isBlank() ? null : from;
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            if (!properties.accepts(recipient)) {
                count("refused_recipient");
                throw new RejectException(550, "5.7.1 <" + recipient + ">: relay access denied, this server takes "
                        + "mail only for its own domains");
            }
            recipients.add(recipient);
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            byte[] raw = readAtMost(data, maxMessageSize);
            if (raw == null) {
                count("too_large");
                throw new RejectException(552, "5.3.4 message larger than the limit of " + maxMessageSize.toBytes()
                        + " bytes");
            }
            try {
                IntakeResult result = intake.accept(raw, from, recipients, clientId -> true);
                count(result.status().name().toLowerCase(Locale.ROOT));
                return "2.0.0 Ok: " + result.status().name().toLowerCase(Locale.ROOT) + " as " + result.messageId();
            } catch (UnreadableEmailException e) {
                count("unreadable");
                throw new RejectException(554, "5.6.0 " + oneLine(e.getMessage()));
            } catch (PipelineBehindException e) {
                count("deferred");
                log.info("Answering 451 to routine mail from {}: {}", from, e.getMessage());
                throw new RejectException(451, "4.3.2 the pipeline is behind, routine mail is deferred, nothing was "
                        + "written; try again later");
            } catch (NotReadyException | PublishFailedException e) {
                count("unavailable");
                log.warn("Answering 451 to mail from {}: {}", from, e.getMessage());
                throw new RejectException(451, "4.3.0 not accepted, nothing was written; try again later");
            } catch (RuntimeException e) {
                count("failed");
                log.error("Answering 451 to mail from {}: the message could not be taken", from, e);
                throw new RejectException(451, "4.3.0 local error, nothing was written; try again later");
            }
        }

        @Override
        public void done() {
        }
    }

    /**
     * The message's bytes, or null if there are more than {@code limit}: then the rest is read and dropped, so the
     * session stays in step and the client hears the 552 right after its final dot.
     */
    static byte @Nullable [] readAtMost(InputStream in, DataSize limit) throws IOException {
        try {
            return BoundedBody.read(in, limit);
        } catch (BodyTooLargeException e) {
            in.transferTo(OutputStream.nullOutputStream());
            return null;
        }
    }

    private static String oneLine(@Nullable String text) {
        return text == null ? "unreadable message" : text.replaceAll("[\\r\\n]+", " ");
    }
}
