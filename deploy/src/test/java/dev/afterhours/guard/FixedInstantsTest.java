package dev.afterhours.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Main went red once because an integration test pinned a message to 2026-11-23 while the SLA timers ran on the
 * wall clock. This keeps it from happening again: no integration test, nor a helper it uses, holds a fixed instant.
 */
class FixedInstantsTest {

    @Test
    void noIntegrationTestPinsAnInstantThatWallClockTimersWillPass() {
        List<FixedInstants.Finding> findings = FixedInstants.in(Path.of("..").toAbsolutePath().normalize());

        assertThat(findings)
                .as("Derive instants from a Clock (e.g. Instant.now() or a Clock-based helper) or, where no timer runs, "
                        + "say so with '// fixed instant: <why>'")
                .isEmpty();
    }

    @Test
    void theOrdinaryWaysOfPinningAnInstantAreCaught() {
        String source = String.join("\n",
                "Instant received = Instant.parse(\"2026-11-23T23:14:05Z\");",
                "Instant t = Instant.ofEpochMilli(1795475645000L);",
                "Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);",
                "var z = ZonedDateTime.of(2026, 11, 23, 18, 14, 5, 0, NEW_YORK);",
                "var l = LocalDateTime.of(2026, 11, 23, 18, 14);",
                "var o = OffsetDateTime.parse(\"2026-11-23T18:14:05-05:00\");",
                "String body = \"{\\\"receivedAt\\\": \\\"2026-11-23T23:14:05Z\\\"}\";",
                "post(\"{'at': '2026-11-23 23:14'}\");");

        assertThat(FixedInstants.linesWithFixedInstants(source)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void instantsFromTheClockDatesAloneAndStatedExemptionsPass() {
        String source = String.join("\n",
                "Instant received = Instant.now().truncatedTo(ChronoUnit.MILLIS);",
                "ZonedDateTime monday = Fixtures.nextMondayEvening(Clock.systemUTC(), NEW_YORK);",
                "List<String> holidays = List.of(\"2026-11-26\", \"2026-12-25\");",
                "Instant epoch = Instant.ofEpochMilli(0);",
                "Instant expires = Instant.parse(page.get(\"ackUrlExpiresAt\").asString());",
                "// fixed instant: the classifier runs no timer; only the local time of day matters",
                "Instant night = Instant.parse(\"2026-11-24T03:00:00Z\");",
                "Instant day = Instant.parse(\"2026-11-24T15:00:00Z\"); // fixed instant: as above",
                "// fixed instants from here: a pure calculation, no timer",
                "String json = \"\"\"",
                "    {\"receivedAt\": \"2026-11-23T22:14:05Z\"}\"\"\";",
                "// fixed instants end",
                "Instant after = Instant.parse(\"2026-11-24T15:00:00Z\");");

        assertThat(FixedInstants.linesWithFixedInstants(source)).containsExactly(13);
    }
}
