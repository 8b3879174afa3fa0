package dev.afterhours.notifier.slawarning;

import dev.afterhours.notifier.oncall.RecipientResolver;
import dev.afterhours.notifier.oncall.StaffDirectory;
import dev.afterhours.notifier.paging.Pager;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SlaWarningConfiguration {

    @Bean
    WarningOwners warningOwners(StaffDirectory directory, RecipientResolver recipients) {
        return new WarningOwners(directory, recipients);
    }

    @Bean
    SlaWarnings slaWarnings(StaffDirectory directory, WarningOwners owners, Pager pager, MeterRegistry registry, Clock clock) {
        return new SlaWarnings(directory, owners, pager, new SlaWarningMetrics(registry), clock);
    }
}
