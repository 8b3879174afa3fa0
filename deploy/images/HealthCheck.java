import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The images' health check (Docker Compose's healthcheck runs it inside the container): exits 0 if the URL answers
 * 2xx within 5 seconds, 1 otherwise. The images carry no shell, curl or wget; this needs only the image's own java.
 */
public final class HealthCheck {

    private HealthCheck() {
    }

    public static void main(String[] args) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create(args[0]).toURL().openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(5000);
        try {
            int status = connection.getResponseCode();
            System.exit(status >= 200 && status < 300 ? 0 : 1);
        } catch (java.io.IOException e) {
            System.err.println(args[0] + ": " + e);
            System.exit(1);
        }
    }
}
