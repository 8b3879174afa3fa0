package dev.afterhours.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/compose, checked offline: the structure Docker Compose needs and what the stack promises (every service
 * health-checked, ports on loopback, no secret in the file, the services' variables ones they read, Grafana and
 * Prometheus wired to what exists). SnakeYAML reads it, so the {@code <<: *service} merges resolve as Compose's do.
 * {@link #theComposeClientAcceptsTheFile} also runs Compose's own check where a Compose client is installed.
 */
class ComposeFileTest {

    static final Path COMPOSE_DIR = Path.of("compose");
    static final Path COMPOSE = COMPOSE_DIR.resolve("compose.yaml");
    static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(:?[-?])?([^}]*)}");

    @SuppressWarnings("unchecked")
    static Map<String, Object> compose() throws IOException {
        return new Yaml(new LoaderOptions()).load(Files.readString(COMPOSE));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services() throws IOException {
        return (Map<String, Map<String, Object>>) compose().get("services");
    }

    @Test
    void theStackHasEveryPartAndEachIsHealthChecked() throws IOException {
        Map<String, Map<String, Object>> services = services();

        assertThat(services).containsOnlyKeys("kafka", "registry", "keycloak", "mail", "ingest", "classifier",
                "scheduler", "notifier", "prometheus", "grafana");
        services.forEach((name, service) -> {
            assertThat(service).as(name).containsKey("image");
            @SuppressWarnings("unchecked")
            Map<String, Object> healthcheck = (Map<String, Object>) service.get("healthcheck");
            if (!name.equals("mail")) {   // GreenMail's image has no client to ask it with; nothing waits for it
                assertThat(healthcheck).as(name + " health check").isNotNull();
                assertThat((List<?>) healthcheck.get("test")).as(name).isNotEmpty();
            }
        });
        assertThat(env(services.get("kafka"))).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
        assertThat(env(services.get("registry"))).containsEntry("APICURIO_STORAGE_KIND", "kafkasql");
        assertThat(String.valueOf(services.get("keycloak").get("command"))).contains("--import-realm");
    }

    @Test
    void theServicesRunTheirImagesAsTheKubernetesManifestsDoWithVariablesTheyRead() throws IOException {
        Map<String, Map<String, Object>> services = services();
        for (String service : ManifestsTest.SERVICES) {
            Map<String, Object> s = services.get(service);
            assertThat(String.valueOf(s.get("image"))).startsWith("afterhours/" + service + "-service:");
            assertThat(s.get("read_only")).as(service).isEqualTo(true);
            assertThat(strings(s.get("cap_drop"))).as(service).containsExactly("ALL");
            int port = Integer.parseInt(ManifestsTest.defaultOf(ManifestsTest.applicationYml(service), "server.port"));
            assertThat(ports(s)).as(service).contains("127.0.0.1:" + port + ":" + port);
            assertThat(String.valueOf(((Map<?, ?>) s.get("healthcheck")).get("test")))
                    .contains("http://127.0.0.1:" + port + "/actuator/health/readiness");
            Set<String> readable = ManifestsTest.readableVariables(ManifestsTest.applicationYmlPath(service));
            assertThat(env(s).keySet()).as(service + ": variables it does not read")
                    .allMatch(v -> readable.contains(v) || ManifestsTest.READ_ELSEWHERE.containsKey(v));
            @SuppressWarnings("unchecked")
            Map<String, Object> dependsOn = (Map<String, Object>) s.get("depends_on");
            assertThat(dependsOn).containsKeys("kafka", "registry", "keycloak");
        }
    }

    @Test
    void portsAreOnLoopbackAndSecretsComeFromTheUncommittedEnvFile() throws IOException {
        Map<String, Map<String, Object>> services = services();
        services.forEach((name, s) -> assertThat(ports(s)).as(name).allMatch(p -> p.startsWith("127.0.0.1:")));

        String text = Files.readString(COMPOSE);
        Set<String> required = new TreeSet<>();
        Matcher m = INTERPOLATION.matcher(text);
        while (m.find()) {
            if (m.group(2) == null || m.group(2).endsWith("?")) {
                required.add(m.group(1));
            }
        }
        assertThat(ManifestsTest.envFileKeys(COMPOSE_DIR.resolve(".env.example")))
                .as("every variable compose.yaml requires is documented in .env.example").containsAll(required);
        services.forEach((name, s) -> env(s).forEach((k, v) -> {
            if (k.matches(".*(SECRET|PASSWORD).*") && !k.contains("_FILE")) {
                // ${X:?...} must be set and not blank; ${X?...} must be set, blank allowed (an optional channel, off)
                assertThat(String.valueOf(v)).as(name + " " + k + " comes from .env").matches("\\$\\{[A-Z_]+:?\\?.*}");
            }
        }));
        List<String> ignored = Files.readAllLines(Path.of("..", ".gitignore"));
        assertThat(ignored).contains("deploy/compose/.env", "deploy/compose/secrets/");
    }

    @Test
    void grafanaProvisionsEveryDashboardInDeployGrafanaFromThePrometheusOfTheStack() throws IOException {
        Map<String, Object> grafana = services().get("grafana");
        List<String> volumes = strings(grafana.get("volumes"));
        String dashboardsMount = volumes.stream().filter(v -> v.startsWith("../grafana:")).findFirst().orElseThrow();
        String dashboardsDir = dashboardsMount.split(":")[1];

        Map<String, Object> provider = yaml(COMPOSE_DIR.resolve("grafana/provisioning/dashboards/afterhours.yaml"));
        Map<?, ?> options = (Map<?, ?>) ((Map<?, ?>) ((List<?>) provider.get("providers")).getFirst()).get("options");
        assertThat(options.get("path")).isEqualTo(dashboardsDir);
        Map<String, Object> datasources = yaml(COMPOSE_DIR.resolve("grafana/provisioning/datasources/prometheus.yaml"));
        Map<?, ?> datasource = (Map<?, ?>) ((List<?>) datasources.get("datasources")).getFirst();
        assertThat(datasource.get("type")).isEqualTo("prometheus");
        assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
        assertThat(datasource.get("isDefault")).isEqualTo(true);
        assertThat(volumes).contains("./grafana/provisioning:/etc/grafana/provisioning:ro");

        try (Stream<Path> dashboards = Files.list(Path.of("grafana"))) {
            List<Path> json = dashboards.filter(p -> p.toString().endsWith(".json")).toList();
            assertThat(json).isNotEmpty();
            for (Path dashboard : json) {
                assertThat(new ObjectMapper().readTree(dashboard.toFile()).path("uid").asText()).as(dashboard.toString())
                        .isNotBlank();
            }
        }
    }

    @Test
    void prometheusScrapesEachServiceOnItsPortAndLoadsTheStacksAlertRules() throws IOException {
        Map<String, Object> prometheus = services().get("prometheus");
        assertThat(strings(prometheus.get("volumes"))).contains("../prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
        Map<String, Object> config = yaml(COMPOSE_DIR.resolve("prometheus/prometheus.yml"));
        assertThat(strings(config.get("rule_files"))).containsExactly("alerts.yml");
        String text = Files.readString(COMPOSE_DIR.resolve("prometheus/prometheus.yml"));
        for (String service : ManifestsTest.SERVICES) {
            String port = ManifestsTest.defaultOf(ManifestsTest.applicationYml(service), "server.port");
            assertThat(text).contains("\"" + service + ":" + port + "\"");
        }
        assertThat(text).contains("http://keycloak:8280/realms/afterhours/");
    }

    @Test
    void everyBindMountedFileExistsOrIsWrittenByPrepareSh() throws IOException {
        String prepare = Files.readString(COMPOSE_DIR.resolve("prepare.sh"));
        for (Map.Entry<String, Map<String, Object>> service : services().entrySet()) {
            for (String volume : strings(service.getValue().get("volumes"))) {
                String source = volume.split(":")[0];
                if (!source.startsWith(".")) {
                    continue;   // a named volume
                }
                if (source.startsWith("./secrets/")) {
                    assertThat(prepare).as(source + " is written by prepare.sh").contains(source.substring(2));
                } else {
                    assertThat(COMPOSE_DIR.resolve(source)).as(service.getKey() + " mounts " + source).exists();
                }
            }
        }
    }

    @Test
    void theComposeClientAcceptsTheFile() throws Exception {
        boolean plugin = run("docker", "compose", "version") == 0;
        boolean standalone = !plugin && run("docker-compose", "version") == 0;
        if (!plugin && !standalone) {
            String message = "NOT CHECKED BY COMPOSE: no Compose client (the docker compose plugin or docker-compose) "
                    + "on this machine; the structural tests above still ran. apt-get install docker-compose adds one.";
            System.err.println("\n!!! " + message + "\n");
            Assumptions.abort(message);
        }
        Process check = new ProcessBuilder("bash", COMPOSE_DIR.resolve("check.sh").toString()).redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).contains("is valid");
    }

    private static int run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(Map<String, Object> service) {
        Object env = service.get("environment");
        return env == null ? Map.of() : (Map<String, Object>) env;
    }

    private static List<String> ports(Map<String, Object> service) {
        return strings(service.get("ports"));
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        if (list instanceof List<?> items) {
            items.forEach(i -> out.add(String.valueOf(i)));
        }
        return out;
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml(new LoaderOptions()).load(Files.readString(file));
    }
}
