package dev.afterhours.notifier.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.afterhours.directory.DirectoryView;
import java.time.Duration;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** Readiness "directory" is DOWN until the view is caught up, and says why it is not: restarts and the last error. */
class DirectoryHealthTest {

    @Test
    void downWhileTheViewCannotReadTheTopicsWithItsRestartsAndLastError() {
        try (DirectoryView view = DirectoryView.start(() -> {
            throw new KafkaException("broker unreachable (test)");
        }, "http://127.0.0.1:9", Duration.ofMillis(10))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> view.status().restarts() >= 2);

            Health health = new DirectoryConfiguration().directoryHealthIndicator(view).health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails())
                    .containsEntry("caughtUp", false)
                    .containsEntry("reason", "directory topics not read yet")
                    .containsKey("restarts")
                    .containsEntry("lastError", "org.apache.kafka.common.KafkaException: broker unreachable (test)");
            assertThat((Long) health.getDetails().get("restarts")).isGreaterThanOrEqualTo(2);
        }
    }
}
