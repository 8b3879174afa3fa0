package dev.afterhours.notifier.acklink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The two ways the README and ./afterhours give keys to the notifier bind to the same thing. */
class AckLinkPropertiesBindingTest {

    static final String SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef";

    static AckLinkProperties bind(PropertySource<?> source) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(source);
        return new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("afterhours.notifier.ack-links", Bindable.of(AckLinkProperties.class));
    }

    @Test
    void aConfigTreeAsTheStackScriptWritesIt(@TempDir Path dir) throws Exception {
        // ./afterhours: one file per property, a trailing newline as an editor would leave it
        Files.writeString(dir.resolve("afterhours.notifier.ack-links.keys[0].id"), "local-2\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("afterhours.notifier.ack-links.keys[0].secret"), SECRET + "-2\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("afterhours.notifier.ack-links.keys[1].id"), "local-1", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("afterhours.notifier.ack-links.keys[1].secret"), SECRET + "-1", StandardCharsets.UTF_8);

        AckLinkProperties properties = bind(new ConfigTreePropertySource("tree", dir,
                ConfigTreePropertySource.Option.AUTO_TRIM_TRAILING_NEW_LINE));

        assertThat(properties.ttl()).isEqualTo(Duration.ofHours(4));
        assertThat(properties.keys()).extracting(AckLinkProperties.Key::id).containsExactly("local-2", "local-1");
        assertThat(properties.keys().getFirst().secret()).isEqualTo(SECRET + "-2");
    }

    @Test
    void theEnvironment() {
        AckLinkProperties properties = bind(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                        "AFTERHOURS_NOTIFIER_ACKLINKS_KEYS_0_ID", "prod-2026-02",
                        "AFTERHOURS_NOTIFIER_ACKLINKS_KEYS_0_SECRET", SECRET,
                        "AFTERHOURS_NOTIFIER_ACKLINKS_TTL", "PT2H")));

        assertThat(properties.ttl()).isEqualTo(Duration.ofHours(2));
        assertThat(properties.keys()).singleElement().satisfies(k -> assertThat(k.id()).isEqualTo("prod-2026-02"));
    }
}
