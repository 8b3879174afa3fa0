// A demo pager for the local stack: receives Afterhours webhook pages, checks their signature and prints them.
// Run with a JDK 21+ as a single-file program:  java deploy/local/DemoPager.java PORT SECRET_FILE PAGES_LOG [BIND_ADDRESS]
// The secret is read from SECRET_FILE, never taken from the command line (where `ps` would show it).
// It is also the reference for integrators: this is how a receiver verifies X-Afterhours-Signature and refuses
// replays. A request is accepted only if
//   - it is a POST of at most 1 MiB,
//   - X-Afterhours-Timestamp (epoch seconds) is within 5 minutes of the receiver's clock (older: a replay),
//   - X-Afterhours-Signature = "sha256=" + hex(HMAC-SHA256(secret, timestamp + "." + body)),
//   - that exact signature has not been seen before (seen: a replay, 409).
// A correctly signed request whose Idempotency-Key was already accepted is the notifier's own retry or redelivery
// (only the secret's holder can sign a fresh timestamp): it is answered 200 so the sender stops, and not paged twice.
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class DemoPager {

    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    static final int MAX_BODY = 1 << 20;
    static final int MAX_REMEMBERED = 10_000;

    /** Signatures seen within the timestamp window: an exact copy of an accepted request is a replay. */
    static final Map<String, Long> seenSignatures = lru();
    /** Idempotency keys of pages already accepted. */
    static final Map<String, Long> acceptedKeys = lru();

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java DemoPager.java PORT SECRET_FILE PAGES_LOG [BIND_ADDRESS]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        byte[] secret = Files.readString(Path.of(args[1])).trim().getBytes(StandardCharsets.UTF_8);
        if (secret.length == 0) {
            throw new IllegalArgumentException("the secret file " + args[1] + " is empty");
        }
        Path pages = Path.of(args[2]);
        String bind = args.length > 3 ? args[3] : "127.0.0.1";
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        server.createContext("/pager/", exchange -> {
            try (exchange) {
                handle(exchange, secret, pages);
            }
        });
        server.start();
        System.out.println("Demo pager listening on http://" + bind + ":" + port + "/pager/{staffId}");
    }

    static void handle(HttpExchange exchange, byte[] secret, Path pages) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(405, -1);
            return;
        }
        byte[] body = readAtMost(exchange.getRequestBody(), MAX_BODY);
        if (body == null) {
            exchange.sendResponseHeaders(413, -1);
            return;
        }
        String timestamp = exchange.getRequestHeaders().getFirst("X-Afterhours-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("X-Afterhours-Signature");
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        String who = exchange.getRequestURI().getPath().substring("/pager/".length());
        long now = Instant.now().getEpochSecond();

        int status;
        String verdict;
        if (timestamp == null || signature == null) {
            status = 401;
            verdict = "REJECTED: unsigned";
        } else if (!verify(secret, timestamp, body, signature)) {
            status = 401;
            verdict = "REJECTED: bad signature";
        } else if (!fresh(timestamp, now)) {
            status = 401;
            verdict = "REJECTED: timestamp " + timestamp + " is more than " + MAX_SKEW.toMinutes() + " min from now (replay?)";
        } else {
            synchronized (DemoPager.class) {
                if (seenSignatures.containsKey(signature)) {
                    status = 409;
                    verdict = "REJECTED: replay of a request already received";
                } else {
                    seenSignatures.put(signature, now);
                    if (key != null && acceptedKeys.containsKey(key)) {
                        status = 200;
                        verdict = "DUPLICATE (retry of an accepted page, not paged again)";
                    } else {
                        if (key != null) {
                            acceptedKeys.put(key, now);
                        }
                        status = 200;
                        verdict = "PAGE (signature valid)";
                    }
                }
            }
        }
        String line = Instant.now() + " " + verdict + " for " + who + " (key " + key + "): "
                + new String(body, StandardCharsets.UTF_8);
        System.out.println(line);
        Files.writeString(pages, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        exchange.sendResponseHeaders(status, -1);
    }

    static boolean fresh(String timestamp, long now) {
        try {
            return Math.abs(now - Long.parseLong(timestamp.trim())) <= MAX_SKEW.toSeconds();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** signature = "sha256=" + hex(HMAC-SHA256(secret, timestamp + "." + body)) */
    static boolean verify(byte[] secret, String timestamp, byte[] body, String signature) throws IOException {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    static byte[] readAtMost(InputStream in, int max) throws IOException {
        byte[] body = in.readNBytes(max + 1);
        return body.length > max ? null : body;
    }

    static <K, V> Map<K, V> lru() {
        return new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > MAX_REMEMBERED;
            }
        };
    }
}
