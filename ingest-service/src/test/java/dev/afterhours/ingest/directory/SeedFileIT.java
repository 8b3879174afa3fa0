package dev.afterhours.ingest.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afterhours.ingest.IngestApplication;
import dev.afterhours.ingest.IngestITSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** An invalid seed file stops the service from starting, and says what is wrong. */
class SeedFileIT {

    @Test
    void anInvalidSeedFileFailsStartupListingTheProblems(@TempDir Path dir) throws Exception {
        Path seed = dir.resolve("directory.yml");
        Files.writeString(seed, Files.readString(IngestITSupport.DEMO_DIRECTORY)
                .replace("zone: America/New_York", "zone: Mars/Base")
                .replace("warnAtPercent: 75", "warnAtPercent: 150"));
        String[] arguments = IngestITSupport.arguments(Map.of("afterhours.directory.seed-file", seed.toString()));

        assertThatThrownBy(() -> new SpringApplicationBuilder(IngestApplication.class).run(arguments).close())
                .satisfies(e -> {
                    StringBuilder messages = new StringBuilder();
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        messages.append(t.getMessage()).append('\n');
                    }
                    assertThat(messages.toString())
                            .contains("is invalid")
                            .contains("clients[0].calendar.zone: unknown zone 'Mars/Base'")
                            .contains("clients[0].slaPolicy.warnAtPercent: must be between 1 and 99, was 150");
                });
    }
}
