package dev.afterhours.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A real Apicurio Registry server (the Maven Central distribution the testkit build unpacks), started once per
 * JVM as a child process on a free loopback port, with in-memory storage, and stopped when the JVM exits.
 */
public final class ApicurioRegistryServer {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

    private static ApicurioRegistryServer instance;

    private final Process process;
    private final String baseUrl;

    private ApicurioRegistryServer(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /** Starts the registry on first use and returns it. */
    public static synchronized ApicurioRegistryServer get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    /** e.g. {@code http://127.0.0.1:40123} */
    public String baseUrl() {
        return baseUrl;
    }

    /** The core API the Apicurio serde talks to. */
    public String coreApiUrl() {
        return baseUrl + "/apis/registry/v3";
    }

    /** The Confluent-compatible API any Confluent-format consumer can use. */
    public String confluentCompatibleUrl() {
        return baseUrl + "/apis/ccompat/v7";
    }

    /**
     * Runs the command given after it and ends it when this JVM goes, however it goes: on SIGTERM (a normal stop),
     * and when the pipe to this JVM closes (the JVM killed with -9, or by failsafe's fork timeout, runs no shutdown
     * hook). A registry left running would hold a core busy long after the build.
     */
    private static final String DIES_WITH_PARENT = "exec 3<&0; trap 'kill $child 2>/dev/null' TERM; "
            + "\"$0\" \"$@\" <&- & child=$!; (cat <&3 >/dev/null; kill $child 2>/dev/null) & "
            + "wait $child; status=$?; wait $child 2>/dev/null; exit $status";

    private static ApicurioRegistryServer start() {
        Path home = registryHome();
        int port = freePort();
        Path log = Path.of("target", "apicurio-registry-" + port + ".log").toAbsolutePath();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of("sh", "-c", DIES_WITH_PARENT, java,
                "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                // the management interface would take the fixed port 9000; give it an ephemeral one
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=0",
                "-Dquarkus.log.level=WARN",
                "-jar", home.resolve("quarkus-run.jar").toString()));
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // Under deploy/bin/verify-shifted-clock.sh the tests run a year ahead or back through libfaketime; the
            // registry (its SQL storage fails under it) keeps the real clock: schemas do not care what day it is.
            builder.environment().remove("LD_PRELOAD");
            builder.environment().remove("FAKETIME");
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "apicurio-registry-stop"));
            String baseUrl = "http://127.0.0.1:" + port;
            awaitReady(process, baseUrl, log);
            return new ApicurioRegistryServer(process, baseUrl);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Apicurio Registry from " + home, e);
        }
    }

    private static void awaitReady(Process process, String baseUrl, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl + "/apis/ccompat/v7/subjects"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(250));
        }
        stop(process);
        throw new IllegalStateException("Apicurio Registry not ready after " + STARTUP_TIMEOUT + "; see " + log);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static Path registryHome() {
        String override = System.getProperty("afterhours.registry.home");
        if (override != null) {
            return Path.of(override);
        }
        Properties properties = new Properties();
        try (InputStream in = ApicurioRegistryServer.class.getResourceAsStream("testkit.properties")) {
            if (in == null) {
                throw new IllegalStateException("testkit.properties missing from the testkit jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path home = Path.of(properties.getProperty("registry.home"));
        if (!Files.isRegularFile(home.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException("No Apicurio Registry at " + home
                    + ": build the testkit module first (./mvnw install -pl testkit -am -DskipTests)");
        }
        return home;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
