package dev.afterhours.scheduler.preview;

import dev.afterhours.directory.DirectoryView;
import dev.afterhours.scheduler.SchedulerProperties;
import dev.afterhours.scheduler.sla.SlaPlanner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PreviewConfiguration {

    /** Built from the same properties as the pipeline's planner (see SlaStreams), so both plan alike. */
    @Bean
    ClientSlaPreview clientSlaPreview(DirectoryView directory, SchedulerProperties properties) {
        return new ClientSlaPreview(directory::client, directory::isLoaded,
                new SlaPlanner(properties.defaultTargets(), properties.defaultWarnAtPercent()));
    }
}
