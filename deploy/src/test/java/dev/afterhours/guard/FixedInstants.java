package dev.afterhours.guard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds fixed instants in the tests that run against wall-clock timers: the integration tests ({@code *IT.java}) and
 * the test helpers they use. A message "received" at a pinned instant passes on the day it is written and fails once
 * the wall clock has moved past its deadline; such a test must derive its instants from a {@link java.time.Clock}.
 *
 * <p>Caught: {@code Instant.parse("…")}, {@code Instant.ofEpochMilli(1764…)}, {@code Clock.fixed(…)},
 * {@code ZonedDateTime.of(2026, …)} and its {@code Offset}/{@code Local} siblings, {@code …DateTime.parse("2026-…")},
 * and any string literal holding a date with a time of day (a JSON body's {@code "receivedAt"}). A calendar date alone
 * ({@code "2026-12-25"}, a holiday) is no instant and is allowed. A line that really runs on no wall clock says so
 * with a comment on it or on the line above: {@code // fixed instant: <why no timer sees it>}; for several lines (a
 * text block) {@code // fixed instants from here: <why>} up to {@code // fixed instants end}.
 */
final class FixedInstants {

    static final String EXEMPTION = "fixed instant:";
    static final String REGION_START = "fixed instants from here:";
    static final String REGION_END = "fixed instants end";

    private static final List<Pattern> FIXED = List.of(
            Pattern.compile("\\bInstant\\s*\\.\\s*parse\\s*\\(\\s*\"\\d"),
            Pattern.compile("\\bInstant\\s*\\.\\s*ofEpoch(Milli|Second)\\s*\\(\\s*\\d{6,}"),
            Pattern.compile("\\bClock\\s*\\.\\s*fixed\\s*\\("),
            Pattern.compile("\\b(ZonedDateTime|OffsetDateTime|LocalDateTime|LocalDate|Year|YearMonth)\\s*\\.\\s*of\\s*\\(\\s*\\d{4}"),
            Pattern.compile("\\b(ZonedDateTime|OffsetDateTime|LocalDateTime|LocalDate)\\s*\\.\\s*parse\\s*\\(\\s*\"\\d"),
            Pattern.compile("\"[^\"\\n]*\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}[^\"\\n]*\""));

    private static final Pattern TYPE_NAME = Pattern.compile("\\b([A-Z][A-Za-z0-9_]*)\\b");

    /** A fixed instant found, where. */
    record Finding(Path file, int line, String text) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + text.strip();
        }
    }

    private FixedInstants() {
    }

    /** The fixed instants in one source text, lines exempted by a comment left out. */
    static List<Integer> linesWithFixedInstants(String source) {
        String[] lines = source.split("\n", -1);
        List<Integer> found = new ArrayList<>();
        boolean inRegion = false;
        for (int i = 0; i < lines.length; i++) {
            String code = lines[i];
            if (code.strip().startsWith("//") && code.contains(REGION_START)) {
                inRegion = true;
            } else if (code.strip().startsWith("//") && code.contains(REGION_END)) {
                inRegion = false;
            }
            boolean exempt = inRegion || code.contains(EXEMPTION) || (i > 0 && lines[i - 1].strip().startsWith("//")
                    && lines[i - 1].contains(EXEMPTION));
            if (!exempt && FIXED.stream().anyMatch(p -> p.matcher(code).find())) {
                found.add(i + 1);
            }
        }
        return found;
    }

    /**
     * Every fixed instant in the integration tests under {@code root} and in the test classes of the same module
     * that they name (helpers such as {@code Fixtures} or {@code ItSupport}), unit tests ({@code *Test}) aside.
     */
    static List<Finding> in(Path root) {
        List<Finding> findings = new ArrayList<>();
        for (Path testTree : testTrees(root)) {
            List<Path> sources = javaFiles(testTree);
            List<Path> its = sources.stream().filter(p -> p.getFileName().toString().endsWith("IT.java")).toList();
            if (its.isEmpty()) {
                continue;
            }
            Set<String> named = its.stream().flatMap(p -> typeNames(read(p)).stream()).collect(Collectors.toSet());
            for (Path source : sources) {
                String name = source.getFileName().toString().replace(".java", "");
                boolean scanned = name.endsWith("IT") || (named.contains(name) && !name.endsWith("Test"));
                if (scanned) {
                    String text = read(source);
                    String[] lines = text.split("\n", -1);
                    for (int line : linesWithFixedInstants(text)) {
                        findings.add(new Finding(root.relativize(source), line, lines[line - 1]));
                    }
                }
            }
        }
        return findings;
    }

    private static List<Path> testTrees(Path root) {
        try (Stream<Path> modules = Files.list(root)) {
            return modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> javaFiles(Path tree) {
        try (Stream<Path> files = Files.walk(tree)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> typeNames(String source) {
        Set<String> names = new java.util.HashSet<>();
        Matcher m = TYPE_NAME.matcher(source);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
