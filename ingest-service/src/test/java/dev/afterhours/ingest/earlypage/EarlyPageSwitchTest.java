package dev.afterhours.ingest.earlypage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.ingest.earlypage.kafka.EarlyPageConfiguration;
import dev.afterhours.ingest.message.kafka.AcknowledgedProducer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code afterhours.ingest.early-page.enabled=false} leaves ingest without the pager and without its producer (the
 * intake then takes {@code EarlyPage.NONE}). On by default: every IT of this module runs with it.
 */
class EarlyPageSwitchTest {

    @Test
    void switchedOffThereIsNoPagerAndNoProducerToTheEscalationsTopic() {
        new ApplicationContextRunner().withUserConfiguration(EarlyPageConfiguration.class)
                .withPropertyValues("afterhours.ingest.early-page.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(EmergencyLinePager.class);
                    assertThat(context).doesNotHaveBean(AcknowledgedProducer.class);
                });
    }
}
