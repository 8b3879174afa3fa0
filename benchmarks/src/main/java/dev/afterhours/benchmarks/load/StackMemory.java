package dev.afterhours.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The resident memory of the local stack: every JVM on this machine running a service jar, the Kafka broker, the
 * registry or Keycloak, summed from {@code /proc/<pid>/status} (VmRSS). Linux only; elsewhere 0.
 */
final class StackMemory {

    private static final List<String> MARKERS = List.of("-exec.jar", "kafka.Kafka", "apicurio", "keycloak", "quarkus");

    private StackMemory() {
    }

    static long residentBytes() {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return 0;
        }
        long total = 0;
        try (Stream<Path> pids = Files.list(proc)) {
            for (Path pid : pids.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                total += residentBytesIfStack(pid);
            }
        } catch (IOException e) {
            return total;
        }
        return total;
    }

    private static long residentBytesIfStack(Path pid) {
        try {
            String cmdline = new String(Files.readAllBytes(pid.resolve("cmdline"))).replace('\0', ' ');
            if (!cmdline.contains("java") || MARKERS.stream().noneMatch(cmdline::contains)) {
                return 0;
            }
            for (String line : Files.readAllLines(pid.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended while we looked
        }
        return 0;
    }
}
