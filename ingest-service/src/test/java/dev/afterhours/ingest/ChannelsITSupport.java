package dev.afterhours.ingest;

import dev.afterhours.testkit.SettableClock;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * The service with Slack and the web forms configured and a clock the test moves forward (it starts at the wall
 * clock, so nothing depends on the date). The Slack and web form ITs share this one context.
 */
@TestPropertySource(properties = {
        "afterhours.ingest.slack.signing-secret=" + ChannelsITSupport.SLACK_SECRET,
        "afterhours.ingest.webform.token-key=" + ChannelsITSupport.FORM_KEY,
        "afterhours.ingest.webform.rate-limit.capacity=" + ChannelsITSupport.FORM_POSTS_PER_ADDRESS,
        "afterhours.ingest.webform.rate-limit.refill=1",
        "afterhours.ingest.webform.rate-limit.period=PT1H"})
@Import(ChannelsITSupport.Clocks.class)
public abstract class ChannelsITSupport extends IngestITSupport {

    public static final String SLACK_SECRET = "it-slack-signing-secret-8f14e45fceea167a";
    public static final String FORM_KEY = "it-web-form-token-key-that-is-long-enough-0123456789";
    public static final int FORM_POSTS_PER_ADDRESS = 40;

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        SettableClock settableClock() {
            return new SettableClock(Instant.now());
        }
    }

    @Autowired
    protected SettableClock clock;
}
