package dev.afterhours.ingest.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The intake's own logic, with an in-memory sink standing in for the topic (the ITs use the real broker). */
class MessageIntakeTest {

    private final List<MessageReceived> published = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<@Nullable RuntimeException> sinkFailure = new AtomicReference<>();
    private final AtomicReference<@Nullable String> notReady = new AtomicReference<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ReceivedIndex index = new ReceivedIndex();
    private final MessageIntake intake = new MessageIntake(index, new ConversationThreader(index, Duration.ofDays(7)),
            a -> a.equals("dana@acme-shop.example") ? Optional.of("acme-shop") : Optional.empty(),
            (event, counterpart) -> {
                RuntimeException failure = sinkFailure.get();
                if (failure != null) {
                    throw failure;
                }
                sleep(20); // widen the race window of the concurrency test
                published.add(event);
            },
            notReady::get, new IngestMetrics(meters),
            Clock.fixed(Instant.parse("2026-11-23T22:14:05.123456Z"), ZoneOffset.UTC));

    @Test
    void acceptsAndPublishesWithDeterministicIds() {
        IntakeResult result = intake.ingest(Messages.inbound("m1", "dana@acme-shop.example"));

        assertThat(result.status()).isEqualTo(IntakeResult.Status.ACCEPTED);
        assertThat(result.messageId()).isEqualTo(MessageIds.messageId("postmark", "m1"));
        assertThat(published).singleElement().satisfies(e -> {
            assertThat(e.getClientId()).isEqualTo("acme-shop");
            assertThat(e.getMessageId()).isEqualTo(result.messageId());
            assertThat(e.getReceivedAt()).isEqualTo(Instant.parse("2026-11-23T22:14:05.123Z"));
        });
        assertThat(meters.get(IngestMetrics.MESSAGES).tag("outcome", "accepted").tag("resolved", "true").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void theSameProviderMessageIdTwiceYieldsOneEventAndTheOriginalIds() {
        IntakeResult first = intake.ingest(Messages.inbound("m1", "dana@acme-shop.example"));
        IntakeResult again = intake.ingest(Messages.withConversation(Messages.inbound("m1", "dana@acme-shop.example"), "x"));

        assertThat(again.status()).isEqualTo(IntakeResult.Status.DUPLICATE);
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(again.conversationId()).isEqualTo(first.conversationId());
        assertThat(published).hasSize(1);
        assertThat(meters.get(IngestMetrics.MESSAGES).tag("outcome", "duplicate").counter().count()).isEqualTo(1.0);
    }

    @Test
    void simultaneousRetriesPublishOnce() throws Exception {
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<IntakeResult>> results = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return intake.ingest(Messages.inbound("race", "dana@acme-shop.example"));
                }));
            }
            start.countDown();
            List<IntakeResult.Status> statuses = new ArrayList<>();
            for (Future<IntakeResult> result : results) {
                statuses.add(result.get(30, TimeUnit.SECONDS).status());
            }
            assertThat(statuses).containsOnlyOnce(IntakeResult.Status.ACCEPTED);
        } finally {
            pool.shutdownNow();
        }
        assertThat(published).hasSize(1);
    }

    @Test
    void unknownSendersArePublishedAsUnresolvedAndCounted() {
        IntakeResult result = intake.ingest(Messages.inbound("u1", "stranger@example.org"));

        assertThat(result.clientId()).isEqualTo(Topics.UNRESOLVED_CLIENT);
        assertThat(published).singleElement().satisfies(e -> assertThat(e.getClientId()).isEqualTo(Topics.UNRESOLVED_CLIENT));
        assertThat(meters.get(IngestMetrics.MESSAGES).tag("resolved", "false").tag("outcome", "accepted").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void aFailedPublishIsNotRememberedSoTheRetryPublishes() {
        sinkFailure.set(new PublishFailedException("broker down", new RuntimeException()));
        assertThatThrownBy(() -> intake.ingest(Messages.inbound("m1", "dana@acme-shop.example")))
                .isInstanceOf(PublishFailedException.class);
        assertThat(index.size()).isZero();

        sinkFailure.set(null);
        IntakeResult retry = intake.ingest(Messages.inbound("m1", "dana@acme-shop.example"));

        assertThat(retry.status()).isEqualTo(IntakeResult.Status.ACCEPTED);
        assertThat(published).hasSize(1);
    }

    @Test
    void nothingIsTakenBeforeTheInstanceIsReady() {
        notReady.set("the directory is still loading");

        assertThatThrownBy(() -> intake.ingest(Messages.inbound("m1", "dana@acme-shop.example")))
                .isInstanceOf(NotReadyException.class).hasMessageContaining("directory");
        assertThat(published).isEmpty();
    }

    @Test
    void inReplyToIsPassedOnAsTheStandardHeader() {
        intake.ingest(Messages.withInReplyTo(Messages.inbound("m1", "dana@acme-shop.example"), "<parent@mail>"));

        assertThat(published).singleElement()
                .satisfies(e -> assertThat(e.getHeaders()).containsEntry("In-Reply-To", "<parent@mail>"));
    }

    @Test
    void whilePipelineIsBehindANewMessageIsRefusedAndNothingWritten_butARetryOfOneTakenIsStillADuplicate() {
        IntakeResult earlier = intake.ingest(Messages.inbound("before", "dana@acme-shop.example"));
        AtomicReference<@Nullable PipelineBehindException> behind = new AtomicReference<>();
        MessageIntake throttled = new MessageIntake(index, new ConversationThreader(index, Duration.ofDays(7)),
                a -> Optional.empty(), (event, counterpart) -> published.add(event), () -> null,
                message -> behind.get(), new IngestMetrics(meters), Clock.systemUTC());
        behind.set(new PipelineBehindException(60_000, 50_000, 12));

        assertThatThrownBy(() -> throttled.ingest(Messages.inbound("during", "dana@acme-shop.example")))
                .isInstanceOf(PipelineBehindException.class);
        IntakeResult retry = throttled.ingest(Messages.inbound("before", "dana@acme-shop.example"));

        assertThat(published).hasSize(1);
        assertThat(retry.status()).isEqualTo(IntakeResult.Status.DUPLICATE);
        assertThat(retry.messageId()).isEqualTo(earlier.messageId());
        // one series per channel exists at zero from the start: the refused message is the only one counted
        assertThat(meters.get(IngestMetrics.MESSAGES).tag("outcome", "throttled").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum()).isEqualTo(1.0);
    }

    @Test
    void whilePipelineIsBehindWhatASenderThatNeverRetriesPostedIsStillTaken() {
        MessageIntake throttled = new MessageIntake(index, new ConversationThreader(index, Duration.ofDays(7)),
                a -> Optional.empty(), (event, counterpart) -> published.add(event), () -> null,
                message -> new PipelineBehindException(60_000, 50_000, 12), new IngestMetrics(meters), Clock.systemUTC());

        IntakeResult taken = throttled.ingestFromSenderThatDoesNotRetry(Messages.inbound("twilio-sms", "dana@acme-shop.example"),
                Optional.of("acme-shop"));

        assertThat(taken.status()).isEqualTo(IntakeResult.Status.ACCEPTED);
        assertThat(taken.clientId()).isEqualTo("acme-shop");
        assertThat(published).hasSize(1);
        assertThatThrownBy(() -> throttled.ingest(Messages.inbound("api-sms", "dana@acme-shop.example")))
                .isInstanceOf(PipelineBehindException.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
