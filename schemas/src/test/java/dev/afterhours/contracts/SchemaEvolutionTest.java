package dev.afterhours.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when a contract changes incompatibly: every top-level schema in the working tree must be able
 * to read data written with each version of it ever committed (BACKWARD, transitively), and no committed schema
 * may disappear. Consumers upgrade first and still read old records; add fields with defaults to evolve.
 */
class SchemaEvolutionTest {

    private static final String AVRO_DIR = "schemas/src/main/resources/avro";

    @Test
    void every_schema_reads_every_committed_version_of_itself() {
        Path root = Path.of(git(Path.of("."), "rev-parse", "--show-toplevel").trim());
        Map<String, Schema> current = parseAll(workingTreeFiles(root.resolve(AVRO_DIR)));
        assertThat(current).as("schemas in the working tree").containsKeys(
                "dev.afterhours.contracts.MessageReceived", "dev.afterhours.contracts.ClientProfile");

        List<String> problems = new ArrayList<>();
        List<String> commits = git(root, "log", "--format=%H", "--", AVRO_DIR).lines().filter(l -> !l.isBlank()).toList();
        for (String commit : commits) {
            Map<String, Schema> committed = parseAll(committedFiles(root, commit));
            committed.forEach((name, previous) -> {
                Schema now = current.get(name);
                if (now == null) {
                    problems.add(name + ": removed, but commit " + commit.substring(0, 8) + " published it");
                    return;
                }
                var result = SchemaCompatibility.checkReaderWriterCompatibility(now, previous).getResult();
                if (result.getCompatibility() != SchemaCompatibilityType.COMPATIBLE) {
                    problems.add(name + ": cannot read data written with its version of commit " + commit.substring(0, 8)
                            + ": " + result.getIncompatibilities());
                }
            });
        }
        assertThat(problems).as("incompatible schema changes (add fields with defaults instead)").isEmpty();
    }

    /** Files in the order they can be parsed: shared types first, then those that reference them. */
    private static Map<String, String> workingTreeFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            Map<String, String> contents = new LinkedHashMap<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted(Comparator.naturalOrder()).toList()) {
                contents.put(dir.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
            return contents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> committedFiles(Path root, String commit) {
        Map<String, String> contents = new LinkedHashMap<>();
        for (String path : git(root, "ls-tree", "-r", "--name-only", commit, "--", AVRO_DIR).lines().sorted().toList()) {
            if (path.endsWith(".avsc")) {
                contents.put(path, git(root, "show", commit + ":" + path));
            }
        }
        return contents;
    }

    /**
     * Parses a set of .avsc texts that reference each other's named types, whatever their order: repeat passes
     * until every file parsed or a pass makes no progress.
     */
    static Map<String, Schema> parseAll(Map<String, String> files) {
        Map<String, String> pending = new LinkedHashMap<>(files);
        List<String> parsedTexts = new ArrayList<>();
        Map<String, Schema> topLevel = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            int before = pending.size();
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                var file = it.next();
                Schema.Parser parser = new Schema.Parser();
                try {
                    parsedTexts.forEach(parser::parse);
                    Schema schema = parser.parse(file.getValue());
                    parsedTexts.add(file.getValue());
                    topLevel.put(schema.getFullName(), schema);
                    it.remove();
                } catch (RuntimeException unresolvedYet) {
                    // a type it references is in a file not parsed yet
                }
            }
            if (pending.size() == before) {
                throw new IllegalStateException("Cannot parse " + pending.keySet() + ": " + firstError(pending, parsedTexts));
            }
        }
        return topLevel;
    }

    private static String firstError(Map<String, String> pending, List<String> parsedTexts) {
        Schema.Parser parser = new Schema.Parser();
        parsedTexts.forEach(parser::parse);
        try {
            parser.parse(pending.values().iterator().next());
            return "?";
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    private static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + err
                        + " (this test compares schemas with their committed versions and needs the git checkout)");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
