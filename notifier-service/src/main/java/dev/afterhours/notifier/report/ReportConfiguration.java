package dev.afterhours.notifier.report;

import dev.afterhours.directory.DirectoryView;
import dev.afterhours.kafka.KafkaConnection;
import dev.afterhours.notifier.kafka.KafkaConfiguration.TopicsReady;
import dev.afterhours.notifier.oncall.PageCounts;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reports: the store, the feed that rebuilds it from the topics at start, and the metrics it drives. */
@Configuration(proxyBeanMethods = false)
public class ReportConfiguration {

    @Bean
    ReportMetrics reportMetrics(MeterRegistry registry, ReportProperties properties, Clock clock) {
        return new ReportMetrics(registry, properties, clock);
    }

    @Bean
    ReportStore reportStore(DirectoryView directory, ReportProperties properties, ReportMetrics metrics, Clock clock) {
        return new ReportStore(ReportDirectory.of(directory), properties.retention(), clock, metrics);
    }

    /** The on-call API's fairness view counts pages as the reports do. */
    @Bean
    PageCounts pageCounts(ReportStore store, ReportFeed feed) {
        return new PageCounts() {
            @Override
            public Map<String, Long> byStaff(Instant from, Instant to) {
                return store.pagesByStaff(new ReportRange(from, to));
            }

            @Override
            public boolean complete() {
                return feed.complete();
            }
        };
    }

    @Bean(destroyMethod = "close")
    ReportFeed reportFeed(TopicsReady topics, KafkaConnection kafka, @Value("${afterhours.registry.url}") String registryUrl,
            DirectoryView directory, ReportStore store, ReportMetrics metrics, Clock clock) {
        ReportFeed feed = new ReportFeed(kafka, registryUrl, directory, store, clock);
        metrics.bind(store, feed::complete);
        return feed;
    }
}
