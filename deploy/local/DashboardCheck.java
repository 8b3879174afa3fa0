// Checks every Grafana panel query and every alert rule against a real Prometheus scraping a running stack.
// Run with a JDK 21+ as a single-file program (./afterhours check-dashboards does it for the local stack):
//   java deploy/local/DashboardCheck.java [--config deploy/prometheus/prometheus.yml] [--dashboards deploy/grafana]
//        [--prometheus prometheus] [--timeout-seconds 180]
// It starts Debian's `prometheus` with the given scrape configuration (its rule_files are the alert rules checked),
// on a free loopback port and a throw-away data directory, waits until every target has been scraped twice and
// every rule group evaluated, then asks Prometheus for each panel query of each dashboard (*.json) in the folder:
// a query passes when Prometheus parses it and it returns at least one series (a panel with no series is either a
// misspelt metric or label, or a metric the services never export). An alert rule passes when Prometheus evaluated
// it without error. Prometheus is stopped before it exits.
// Exit status: 0 all passed, 1 something failed (each failure is printed), 2 bad arguments,
// 3 Prometheus is not installed (nothing was checked: `apt-get install prometheus`).
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

public class DashboardCheck {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record PanelQuery(String dashboard, String panel, String expr) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--config", "deploy/prometheus/prometheus.yml",
                "--dashboards", "deploy/grafana", "--prometheus", "prometheus", "--timeout-seconds", "180"));
        for (int i = 0; i < args.length; i += 2) {
            if (!options.containsKey(args[i]) || i + 1 >= args.length) {
                System.err.println("usage: java DashboardCheck.java " + String.join(" ", options.keySet().stream()
                        .map(o -> "[" + o + " " + options.get(o) + "]").toList()));
                System.exit(2);
            }
            options.put(args[i], args[i + 1]);
        }
        Path config = Path.of(options.get("--config")).toAbsolutePath();
        Path dashboards = Path.of(options.get("--dashboards")).toAbsolutePath();
        Duration timeout = Duration.ofSeconds(Long.parseLong(options.get("--timeout-seconds")));
        String prometheus = options.get("--prometheus");
        if (!installed(prometheus)) {
            System.out.println("NOT CHECKED: no Prometheus binary '" + prometheus + "' on this machine "
                    + "(Debian: apt-get install --no-install-recommends prometheus); no dashboard query was run.");
            System.exit(3);
        }
        List<PanelQuery> queries = panelQueries(dashboards);
        if (queries.isEmpty()) {
            System.out.println("FAIL: no panel queries found in " + dashboards);
            System.exit(1);
        }
        System.exit(check(prometheus, config, queries, timeout) ? 0 : 1);
    }

    private static boolean check(String prometheus, Path config, List<PanelQuery> queries, Duration timeout)
            throws Exception {
        Path data = Files.createTempDirectory("dashboard-check-tsdb");
        int port = freePort();
        Path log = data.resolve("prometheus.log");
        // Relative paths in the configuration (rule files, secret files) are resolved against its own folder.
        Process process = new ProcessBuilder(prometheus, "--config.file=" + config,
                "--storage.tsdb.path=" + data.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String base = "http://127.0.0.1:" + port;
        try {
            Instant deadline = Instant.now().plus(timeout);
            System.out.println("Prometheus on " + base + " with " + config + " (log " + log + ")");
            if (!awaitTargetsAndRules(base, deadline, process)) {
                System.out.println("FAIL: Prometheus did not scrape every target twice and evaluate every rule within "
                        + timeout + "; its targets: " + get(base, "/api/v1/targets"));
                printLog(log);
                return false;
            }
            int failures = 0;
            for (PanelQuery query : queries) {
                String problem = problemWith(base, query.expr());
                System.out.printf("%s  %s / %s%n", problem == null ? "ok  " : "FAIL", query.dashboard(), query.panel());
                if (problem != null) {
                    System.out.println("      " + query.expr() + "\n      " + problem);
                    failures++;
                }
            }
            failures += checkRules(base);
            System.out.println(failures == 0 ? "All " + queries.size() + " panel queries and every alert rule passed."
                    : failures + " check(s) failed.");
            return failures == 0;
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            deleteRecursively(data);
        }
    }

    /** Every target up with two samples or more (rates need two), and every rule group evaluated at least once. */
    private static boolean awaitTargetsAndRules(String base, Instant deadline, Process process) throws Exception {
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                Map<String, Object> targets = data(get(base, "/api/v1/targets"));
                List<Object> active = list(targets.get("activeTargets"));
                boolean allUp = !active.isEmpty() && active.stream().allMatch(t -> "up".equals(map(t).get("health")));
                List<Object> scraped = result(get(base, "/api/v1/query?query="
                        + encode("count_over_time(up[1h]) < 2")));
                List<Object> groups = list(data(get(base, "/api/v1/rules")).get("groups"));
                boolean evaluated = groups.stream().allMatch(g -> !"0001-01-01T00:00:00Z".equals(map(g).get("lastEvaluation")));
                if (allUp && scraped.isEmpty() && evaluated) {
                    return true;
                }
            } catch (IOException | IllegalArgumentException notYet) {
                // not listening yet, or answering "Service Unavailable" while it starts
            }
            Thread.sleep(1000);
        }
        return false;
    }

    /** Null when Prometheus parses the query and it returns a series, else what is wrong. */
    private static String problemWith(String base, String expr) throws Exception {
        Map<String, Object> answer = Json.object(get(base, "/api/v1/query?query=" + encode(expr)));
        if (!"success".equals(answer.get("status"))) {
            return "Prometheus refused it: " + answer.get("errorType") + ": " + answer.get("error");
        }
        return list(map(answer.get("data")).get("result")).isEmpty()
                ? "no series (a misspelt metric or label, or one the services do not export)" : null;
    }

    private static int checkRules(String base) throws Exception {
        int failures = 0;
        int rules = 0;
        for (Object group : list(data(get(base, "/api/v1/rules")).get("groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                Map<String, Object> r = map(rule);
                rules++;
                if (!"ok".equals(r.get("health"))) {
                    System.out.printf("FAIL  rule %s: %s %s%n", r.get("name"), r.get("health"), r.get("lastError"));
                    failures++;
                }
            }
        }
        if (rules == 0) {
            System.out.println("FAIL  no alert rules loaded (rule_files in the configuration?)");
            return 1;
        }
        System.out.println("ok    " + rules + " alert rules evaluated without error");
        return failures;
    }

    static List<PanelQuery> panelQueries(Path folder) throws IOException {
        List<PanelQuery> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Map<String, Object> dashboard = Json.object(Files.readString(file));
                collect(String.valueOf(dashboard.get("title")), list(dashboard.get("panels")), queries);
            }
        }
        return queries;
    }

    private static void collect(String dashboard, List<Object> panels, List<PanelQuery> into) {
        for (Object p : panels) {
            Map<String, Object> panel = map(p);
            for (Object target : list(panel.get("targets"))) {
                Object expr = map(target).get("expr");
                if (expr != null) {
                    into.add(new PanelQuery(dashboard, String.valueOf(panel.get("title")), expr.toString()));
                }
            }
            collect(dashboard, list(panel.get("panels")), into); // panels inside a collapsed row
        }
    }

    private static String get(String base, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static Map<String, Object> data(String body) {
        return map(Json.object(body).get("data"));
    }

    private static List<Object> result(String body) {
        return list(data(body).get("result"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static String encode(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private static boolean installed(String command) {
        try {
            Process version = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            version.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return version.waitFor(20, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException notFound) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void printLog(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        System.out.println("last lines of the Prometheus log:");
        lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(l -> System.out.println("  " + l));
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Just enough JSON for dashboards and Prometheus' answers: objects, arrays, strings, numbers, literals. */
    static final class Json {
        private final String text;
        private int at;

        private Json(String text) {
            this.text = text;
        }

        static Map<String, Object> object(String text) {
            Json json = new Json(text);
            Object value = json.value();
            json.skipSpace();
            if (json.at != text.length()) {
                throw json.error("trailing characters");
            }
            return map(value);
        }

        private Object value() {
            skipSpace();
            if (at >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(at);
            switch (c) {
                case '{' -> {
                    Map<String, Object> object = new LinkedHashMap<>();
                    at++;
                    skipSpace();
                    if (peek('}')) {
                        return object;
                    }
                    do {
                        skipSpace();
                        String key = string();
                        skipSpace();
                        expect(':');
                        object.put(key, value());
                        skipSpace();
                    } while (peek(','));
                    expect('}');
                    return object;
                }
                case '[' -> {
                    List<Object> array = new ArrayList<>();
                    at++;
                    skipSpace();
                    if (peek(']')) {
                        return array;
                    }
                    do {
                        array.add(value());
                        skipSpace();
                    } while (peek(','));
                    expect(']');
                    return array;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    int start = at;
                    while (at < text.length() && ",}] \t\r\n".indexOf(text.charAt(at)) < 0) {
                        at++;
                    }
                    String literal = text.substring(start, at);
                    return switch (literal) {
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        case "null" -> null;
                        default -> {
                            try {
                                yield Double.parseDouble(literal);
                            } catch (NumberFormatException e) {
                                throw error("not a JSON value: " + literal);
                            }
                        }
                    };
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(escaped); // \" \\ \/
                }
            }
            throw error("unterminated string");
        }

        private boolean peek(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JSON: " + what + " at character " + at);
        }
    }
}
