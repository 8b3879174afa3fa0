package dev.afterhours.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.afterhours.directory.OutboundUrlPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on 127.0.0.1, which records every request it gets. */
class WebhookSenderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private volatile String answerBody = "";

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                requests.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Idempotency-Key"));
                if (status.get() / 100 == 3) {
                    exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port() + "/elsewhere");
                }
                byte[] body = answerBody.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status.get(), body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    private WebhookSender sender(OutboundUrlPolicy policy) {
        return new WebhookSender("secret", TIMEOUT, 3, Duration.ofMillis(10), Clock.systemUTC(), policy);
    }

    private OutboundUrlPolicy allowingTheServer() {
        return OutboundUrlPolicy.parse("127.0.0.1:" + port());
    }

    @Test
    void withoutASecretNothingIsSentAndTheFailureSaysWhy() {
        WebhookSender sender = new WebhookSender(null, TIMEOUT, 3, Duration.ofMillis(10), Clock.systemUTC(), allowingTheServer());
        assertThat(sender.enabled()).isFalse();
        DeliveryResult result = sender.send(url("/hook"), "n-1", "{}");
        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Failed.class, failed -> {
            assertThat(failed.attempts()).isZero();
            assertThat(failed.error()).contains("afterhours.notifier.webhook-secret");
        });
        assertThat(requests).isEmpty();
    }

    @Test
    void anAllowListedReceiverIsCalledWithTheIdempotencyKey() {
        assertThat(sender(allowingTheServer()).send(url("/hook"), "n-1", "{}")).isInstanceOf(DeliveryResult.Delivered.class);
        assertThat(requests).containsExactly("/hook n-1");
    }

    @Test
    void aLoopbackReceiverIsNeverCalledWithAnEmptyAllowList() {
        DeliveryResult result = sender(OutboundUrlPolicy.denyInternal()).send(url("/hook"), "n-1", "{}");

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Failed.class, failed -> {
            assertThat(failed.attempts()).isZero();
            assertThat(failed.error()).startsWith("refused: webhookUrl").contains("127.0.0.1", "loopback");
        });
        assertThat(requests).isEmpty();
    }

    @Test
    void aNameThatResolvesInwardAtCallTimeIsNotCalled() {
        // Passed at save time (a public-looking name); now it resolves to loopback, as in a DNS rebinding.
        String rebound = "http://pager.example:" + port() + "/hook";
        assertThat(OutboundUrlPolicy.denyInternal().checkUrl(rebound).allowed()).isTrue();
        WebhookSender sender = new WebhookSender("secret", TIMEOUT, 3, Duration.ofMillis(10), Clock.systemUTC(),
                OutboundUrlPolicy.denyInternal(), host -> List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getLoopbackAddress()));

        DeliveryResult result = sender.send(rebound, "n-1", "{}");

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Failed.class, failed -> {
            assertThat(failed.attempts()).as("refused, not retried").isEqualTo(1);
            assertThat(failed.error()).contains("resolved to 127.0.0.1");
        });
        assertThat(requests).isEmpty();
    }

    @Test
    void aRedirectIsAFailedDeliveryAndIsNotFollowed() {
        status.set(302);

        DeliveryResult result = sender(allowingTheServer()).send(url("/hook"), "n-1", "{}");

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Failed.class, failed ->
                assertThat(failed.error()).contains("HTTP 302", "not followed"));
        assertThat(requests).as("one request, neither followed nor retried").containsExactly("/hook n-1");
    }

    @Test
    void anErrorIsRetriedAndRecordedByStatusCodeNeverByBody() {
        status.set(500);
        answerBody = "stack trace with db-password=hunter2";

        DeliveryResult result = sender(allowingTheServer()).send(url("/hook"), "n-1", "{}");

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Failed.class, failed -> {
            assertThat(failed.attempts()).isEqualTo(3);
            assertThat(failed.error()).contains("HTTP 500", "after 3 attempts").doesNotContain("hunter2", "stack trace");
        });
        assertThat(requests).hasSize(3).allMatch(r -> r.equals("/hook n-1"));
    }

    @Test
    void anUnreachableReceiverIsRetriedThenFails() throws IOException {
        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        DeliveryResult result = sender(OutboundUrlPolicy.parse("127.0.0.1/32"))
                .send("http://127.0.0.1:" + closed + "/hook", "n-1", "{}");
        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Failed.class, failed -> {
            assertThat(failed.attempts()).isEqualTo(3);
            assertThat(failed.error()).contains("127.0.0.1:" + closed).contains("after 3 attempts");
        });
    }

    @Test
    void aMalformedUrlIsAFailureNotAnException() {
        WebhookSender sender = sender(OutboundUrlPolicy.parse("127.0.0.0/8"));
        for (String url : List.of("http:///x", "mailto:x", "not a url", "http://user@127.0.0.1:" + port() + "/x")) {
            assertThat(sender.send(url, "n-1", "{}")).as(url).isInstanceOfSatisfying(DeliveryResult.Failed.class,
                    failed -> assertThat(failed.error()).startsWith("refused: webhookUrl"));
        }
        assertThat(requests).isEmpty();
    }
}
