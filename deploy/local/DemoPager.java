// A demo pager for the local stack: receives Afterhours webhook pages, checks their signature and prints them.
// Run with a JDK 21+ as a single-file program:  java deploy/local/DemoPager.java PORT SECRET_FILE PAGES_LOG
// It is also the reference for integrators: this is how a receiver verifies X-Afterhours-Signature.
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class DemoPager {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] secret = Files.readString(Path.of(args[1])).trim().getBytes(StandardCharsets.UTF_8);
        Path pages = Path.of(args[2]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/pager/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String timestamp = exchange.getRequestHeaders().getFirst("X-Afterhours-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-Afterhours-Signature");
            boolean valid = timestamp != null && signature != null && verify(secret, timestamp, body, signature);
            String who = exchange.getRequestURI().getPath().substring("/pager/".length());
            String line = Instant.now() + " PAGE for " + who + " (signature " + (valid ? "valid" : "INVALID") + ", key "
                    + exchange.getRequestHeaders().getFirst("Idempotency-Key") + "): " + new String(body, StandardCharsets.UTF_8);
            System.out.println(line);
            Files.writeString(pages, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            int status = valid ? 200 : 401;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        System.out.println("Demo pager listening on http://127.0.0.1:" + port + "/pager/{staffId}");
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
}
