package dev.afterhours.story;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.Topic;
import dev.afterhours.contracts.serde.RegistrySerdes;
import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.directory.DirectorySeed;
import dev.afterhours.directory.DirectorySnapshot;
import dev.afterhours.directory.DirectoryValidator;
import dev.afterhours.directory.OutboundUrlPolicy;
import dev.afterhours.testkit.AfterhoursTestEnvironment;
import dev.afterhours.testkit.TopicProbe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the end-to-end tests run the services in: the testkit's KRaft broker and registry, a real HTTP receiver for
 * webhook pages and a real SMTP server, the demo directory with every pager pointed at that receiver, and the four
 * services started as separate JVMs ({@link ServiceProcess}) with the settings the local stack gives them. Reads
 * the topics as any consumer would ({@code read_committed}, decoded through the registry).
 *
 * <p>{@link #close()} stops every service it started (those already killed included), then the receivers.
 */
final class StoryWorld implements AutoCloseable {

    static final Duration STARTUP = Duration.ofMinutes(4);
    static final Duration SOON = Duration.ofSeconds(60);
    /** The id in ingest's answer to a posted message. */
    static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\"\\s*:\\s*\"([^\"]+)\"");

    private final String webhookSecret = "story-" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<CapturedPage> pages = Collections.synchronizedList(new ArrayList<>());
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Deserializer<SpecificRecord> deserializer;
    private final GreenMail smtp;
    private int ingestSmtpPort;
    private final HttpServer pager;
    /** What every service instance is started with: the broker, the registry, the issuer. */
    private final List<String> common;
    /** The notifier's secrets as ./afterhours gives them: a config tree, so no secret is on the command line. */
    private final Path notifierSecrets;

    /** One webhook page as the receiver got it. */
    record CapturedPage(String staffId, String timestamp, String signature, String body) {
    }

    private StoryWorld() throws IOException {
        RegistrySerdes.trustGeneratedPackage();
        deserializer = RegistrySerdes.valueDeserializer(AfterhoursTestEnvironment.registry().coreApiUrl());
        smtp = new GreenMail(new ServerSetup(ServiceProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        pager = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pager.createContext("/pager/", exchange -> {
            String staffId = exchange.getRequestURI().getPath().substring("/pager/".length());
            pages.add(new CapturedPage(staffId, exchange.getRequestHeaders().getFirst("X-Afterhours-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Afterhours-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        pager.start();
        common = List.of("--spring.kafka.bootstrap-servers=" + AfterhoursTestEnvironment.bootstrapServers(),
                "--afterhours.registry.url=" + AfterhoursTestEnvironment.registryUrl(),
                "--afterhours.security.issuer-uri=" + AfterhoursTestEnvironment.issuer().issuerUri());
        notifierSecrets = Files.createTempDirectory("story-notifier-secrets");
        Files.writeString(notifierSecrets.resolve("afterhours.notifier.ack-links.keys[0].id"), "story");
        Files.writeString(notifierSecrets.resolve("afterhours.notifier.ack-links.keys[0].secret"), "story-" + UUID.randomUUID() + UUID.randomUUID());
        Files.writeString(notifierSecrets.resolve("afterhours.notifier.webhook-secret"), webhookSecret);
    }

    /** Starts the pager receiver and the SMTP server; no service yet. */
    static StoryWorld start() throws IOException {
        return new StoryWorld();
    }

    // --- the directory -------------------------------------------------------------------------------------------

    /**
     * Publishes the demo directory with every staff pager pointed at this world's receiver and nobody in quiet
     * hours (whatever time the build runs), plus {@code extraClients}; returns the demo directory.
     */
    DirectorySnapshot publishDirectory(List<ClientProfile> extraClients) throws IOException {
        DirectorySnapshot demo = DirectorySeed.load(Path.of("local", "directory.yml"));
        String pagerUrl = "http://127.0.0.1:" + pager.getAddress().getPort() + "/pager/";
        // The pager runs on loopback: allowed by name and port, as the local stack allows its demo pager.
        OutboundUrlPolicy allowPager = OutboundUrlPolicy.parse("127.0.0.1:" + pager.getAddress().getPort());
        try (DirectoryPublisher publisher = new DirectoryPublisher(AfterhoursTestEnvironment.bootstrapServers(),
                AfterhoursTestEnvironment.registryUrl(), DirectoryValidator.withOutboundPolicy(allowPager))) {
            demo.clients().forEach(publisher::publish);
            for (StaffMember member : demo.staff()) {
                publisher.publish(StaffMember.newBuilder(member).setWebhookUrl(pagerUrl + member.getStaffId())
                        .setQuietFrom(null).setQuietTo(null).build());
            }
            demo.rotations().forEach(publisher::publish);
            demo.escalationPolicies().forEach(publisher::publish);
            extraClients.forEach(publisher::publish);
        }
        return demo;
    }

    /** A producer of Avro values to the broker, for what the directory publisher does not write (CRM notes...). */
    KafkaProducer<String, SpecificRecord> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, AfterhoursTestEnvironment.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), RegistrySerdes.valueSerializer(AfterhoursTestEnvironment.registry().coreApiUrl()));
    }

    // --- the services --------------------------------------------------------------------------------------------

    /** An ingest with its SMTP listener on a free port ({@link #ingestSmtpPort()}), taking mail for @agency.example. */
    ServiceProcess startIngest() {
        ingestSmtpPort = ServiceProcess.freePort();
        return started(ServiceProcess.start("ingest-service", concat(common, List.of(
                "--afterhours.ingest.smtp.port=" + ingestSmtpPort,
                "--afterhours.ingest.smtp.accepted-recipients=agency.example"))));
    }

    /** The SMTP port of the ingest started last. */
    int ingestSmtpPort() {
        return ingestSmtpPort;
    }

    ServiceProcess startClassifier() {
        return started(ServiceProcess.start("classifier-service", common));
    }

    /** A scheduler keeping its local state in {@code stateDir}: one directory per instance, kept across restarts. */
    ServiceProcess startScheduler(Path stateDir) {
        return started(ServiceProcess.start("scheduler-service", concat(common, List.of(
                "--afterhours.scheduler.state-dir=" + stateDir, "--afterhours.scheduler.tick=PT0.5S"))));
    }

    /** A notifier paging this world's receiver by webhook and its SMTP server by email. */
    ServiceProcess startNotifier() {
        return started(ServiceProcess.start("notifier-service", concat(common, List.of(
                "--spring.config.import=configtree:" + notifierSecrets + "/",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.getSmtp().getPort(),
                "--afterhours.notifier.public-base-url=http://127.0.0.1",
                "--afterhours.notifier.outbound-allow=127.0.0.1:" + pager.getAddress().getPort()))));
    }

    private ServiceProcess started(ServiceProcess service) {
        synchronized (services) {
            services.add(service);
        }
        return service;
    }

    /** An admin issues the agency's phone and mail systems a key of their own, through {@code ingest}. */
    String issueIntegrationKey(ServiceProcess ingest) throws IOException, InterruptedException {
        HttpResponse<String> key = http.send(HttpRequest.newBuilder(ingest.url("/api/v1/admin/api-keys"))
                .header("Content-Type", "application/json")
                .header("Authorization", AfterhoursTestEnvironment.issuer().bearer("ada", "admin"))
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name": "Phone and mail integrations", "scopes": ["messages:write"]}""")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
        Matcher issued = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"").matcher(key.body());
        assertThat(issued.find()).isTrue();
        return issued.group(1);
    }

    // --- what came out ---------------------------------------------------------------------------------------------

    /** Every committed record of the topic, decoded. */
    <V extends SpecificRecord> List<V> events(Topic<String, V> topic) {
        return decodeAll(topic, TopicProbe.readUntil(topic, r -> false, Duration.ofSeconds(2)));
    }

    /** The first committed record of the topic that is {@code wanted}, waiting up to {@link #SOON} for one. */
    /** The mail this world's SMTP server received for {@code address} so far (pages, acknowledgements, replies). */
    List<jakarta.mail.internet.MimeMessage> mailTo(String address) throws jakarta.mail.MessagingException {
        List<jakarta.mail.internet.MimeMessage> to = new ArrayList<>();
        for (jakarta.mail.internet.MimeMessage mail : smtp.getReceivedMessages()) {
            for (jakarta.mail.Address recipient : mail.getAllRecipients()) {
                if (recipient.toString().contains(address)) {
                    to.add(mail);
                    break;
                }
            }
        }
        return to;
    }

    <V extends SpecificRecord> V awaitOne(Topic<String, V> topic, Predicate<V> wanted) {
        List<V> found = new ArrayList<>();
        TopicProbe.readUntil(topic, records -> {
            found.clear();
            decodeAll(topic, records).stream().filter(wanted).forEach(found::add);
            return !found.isEmpty();
        }, SOON);
        assertThat(found).as("a matching record on %s within %s", topic.name(), SOON).isNotEmpty();
        return found.getFirst();
    }

    /**
     * The committed records of the topic, decoded, once {@code done} holds for them (or after {@code timeout}, for
     * the caller's assertions to say what is missing).
     */
    <V extends SpecificRecord> List<V> eventsOnce(Topic<String, V> topic, Predicate<List<V>> done, Duration timeout) {
        List<V> decoded = new ArrayList<>();
        TopicProbe.readUntil(topic, records -> {
            decoded.clear();
            decoded.addAll(decodeAll(topic, records));
            return done.test(decoded);
        }, timeout);
        return decoded;
    }

    private <V extends SpecificRecord> List<V> decodeAll(Topic<String, V> topic, List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> topic.valueType().cast(deserializer.deserialize(r.topic(), r.value()))).toList();
    }

    /** The webhook pages received so far. */
    List<CapturedPage> pages() {
        synchronized (pages) {
            return List.copyOf(pages);
        }
    }

    CapturedPage awaitPage(Predicate<CapturedPage> wanted) throws InterruptedException {
        Instant deadline = Instant.now().plus(SOON);
        while (Instant.now().isBefore(deadline)) {
            for (CapturedPage page : pages()) {
                if (wanted.test(page)) {
                    return page;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no matching page within " + SOON + "; pages: " + pages());
    }

    /** The signature the notifier puts on a webhook page, computed with the secret this world gave it. */
    String sign(String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        List<ServiceProcess> started;
        synchronized (services) {
            started = new ArrayList<>(services);
        }
        // notifiers first, ingest last, as the local stack stops them
        Collections.reverse(started);
        for (ServiceProcess service : started) {
            service.close();
        }
        pager.stop(0);
        smtp.stop();
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
