package dev.afterhours.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The alert rules are valid and behave as their unit tests say ({@code prometheus/alerts-test.yml}), by Prometheus'
 * own {@code promtool}. Debian's {@code prometheus} package has it; {@code .ci/run} installs it. Without it the test
 * is reported as skipped with the reason, never passed.
 */
class AlertRulesTest {

    @Test
    void the_alert_rules_are_valid() throws Exception {
        Result result = promtool("check", "rules", "prometheus/alerts.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void every_alert_rule_fires_and_clears_as_its_unit_test_says() throws Exception {
        Result result = promtool("test", "rules", "prometheus/alerts-test.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void every_alert_rule_has_a_unit_test() throws Exception {
        String rules = java.nio.file.Files.readString(java.nio.file.Path.of("prometheus", "alerts.yml"));
        String tests = java.nio.file.Files.readString(java.nio.file.Path.of("prometheus", "alerts-test.yml"));
        List<String> untested = java.util.regex.Pattern.compile("- alert: (\\w+)").matcher(rules).results()
                .map(m -> m.group(1)).filter(alert -> !tests.contains("alertname: " + alert)).toList();
        assertThat(untested).as("alert rules without a promtool unit test in alerts-test.yml").isEmpty();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result promtool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            assumeTrue(false, "NOT CHECKED: promtool is not installed (apt-get install prometheus)");
            throw notInstalled;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        return new Result(process.exitValue(), output);
    }
}
