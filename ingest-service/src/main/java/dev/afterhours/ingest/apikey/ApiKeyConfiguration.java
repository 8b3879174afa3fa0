package dev.afterhours.ingest.apikey;

import dev.afterhours.directory.DirectoryView;
import dev.afterhours.security.ApiKeyLookup;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Ingest accepts integrations' API keys beside people's tokens (the shared filter chain picks this bean up). */
@Configuration(proxyBeanMethods = false)
public class ApiKeyConfiguration {

    @Bean
    ApiKeyLookup apiKeyLookup(DirectoryView view) {
        return new DirectoryApiKeys(view);
    }
}
