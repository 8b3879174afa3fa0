package dev.afterhours.ingest.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.ingest.message.ReceivedIndex.DedupKey;
import dev.afterhours.ingest.message.ReceivedIndex.Entry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReceivedIndexTest {

    private static final Instant T0 = Instant.parse("2026-11-23T22:00:00Z");

    private final ReceivedIndex index = new ReceivedIndex();

    private static Entry entry(String provider, String id, String conversation, String counterpart, Instant at) {
        return new Entry(provider, id, MessageIds.messageId(provider, id), "acme-shop", conversation, counterpart, at);
    }

    @Test
    void theFirstEntryForAKeyKeepsItsIds() {
        index.add(entry("postmark", "m1", "c1", "dana@acme-shop.example", T0));
        index.add(entry("postmark", "m1", "c2", "dana@acme-shop.example", T0.plusSeconds(1)));

        assertThat(index.find(new DedupKey("postmark", "m1"))).get()
                .satisfies(a -> assertThat(a.conversationId()).isEqualTo("c1"));
        assertThat(index.find(new DedupKey("twilio", "m1"))).isEmpty();
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void referencesMatchWithOrWithoutMailBracketsAndPreferTheSameProvider() {
        index.add(entry("postmark", "<abc@mail.example>", "c1", "dana@acme-shop.example", T0));
        index.add(entry("other", "abc@mail.example", "c2", "dana@acme-shop.example", T0.plusSeconds(5)));

        assertThat(index.conversationOf("postmark", "abc@mail.example")).get()
                .satisfies(r -> assertThat(r.conversationId()).isEqualTo("c1"));
        assertThat(index.conversationOf("api", "<abc@mail.example>")).get()
                .satisfies(r -> assertThat(r.conversationId()).isEqualTo("c2"));
        assertThat(index.conversationOf("api", "unknown")).isEmpty();
    }

    @Test
    void theLatestConversationPerCounterpartWinsWhateverTheOrderOfArrival() {
        index.add(entry("postmark", "m2", "newer", "Dana <DANA@acme-shop.example>", T0.plusSeconds(60)));
        index.add(entry("postmark", "m1", "older", "dana@acme-shop.example", T0));

        assertThat(index.latestConversation("acme-shop", "dana@acme-shop.example")).get()
                .satisfies(r -> assertThat(r.conversationId()).isEqualTo("newer"));
        assertThat(index.latestConversation("bergmann-gmbh", "dana@acme-shop.example")).isEmpty();
    }

    @Test
    void evictionDropsWhatFellOutOfTheWindows() {
        index.add(entry("postmark", "old", "c-old", "sam@acme-shop.example", T0));
        index.add(entry("postmark", "new", "c-new", "dana@acme-shop.example", T0.plus(Duration.ofDays(3))));

        index.evict(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1)));

        assertThat(index.find(new DedupKey("postmark", "old"))).isEmpty();
        assertThat(index.find(new DedupKey("postmark", "new"))).isPresent();
        assertThat(index.latestConversation("acme-shop", "sam@acme-shop.example")).isEmpty();
        assertThat(index.conversationOf("postmark", "old")).isEmpty();
        assertThat(index.conversationOf("postmark", "new")).isPresent();
    }

    @Test
    void unresolvedMessagesKeepTheirIdentity_theLatestSightingFirst_andAgeOutWithTheConversationWindow() {
        String unresolved = dev.afterhours.contracts.Topics.UNRESOLVED_CLIENT;
        index.add(new Entry("postmark", "m1", "id1", unresolved, "c1", "Kim Lee <KIM@New-Co.example>", T0));
        index.add(new Entry("postmark", "m2", "id2", unresolved, "c2", "kim@new-co.example", T0.plusSeconds(60)));
        index.add(new Entry("twilio", "SM1", "id3", unresolved, "c3", "+49 30 555-0199", T0.plusSeconds(30)));
        index.add(new Entry("slack", "C0NEWCHAN1:1733612345.000200", "id4", unresolved, "c4", "U0GUEST", T0.plusSeconds(10)));
        index.add(new Entry("api", "m5", "id5", unresolved, "c5", "some-chat-handle", T0));
        index.add(entry("postmark", "m6", "c6", "dana@acme-shop.example", T0.plusSeconds(90)));

        assertThat(index.unresolvedIdentities())
                .extracting(u -> u.kind() + " " + u.identity() + " " + u.lastMessageId())
                .containsExactly("EMAIL kim@new-co.example id2", "PHONE +49305550199 id3", "SLACK_CHANNEL C0NEWCHAN1 id4");

        index.evict(T0.plusSeconds(20), T0.plusSeconds(20));
        assertThat(index.unresolvedIdentities()).extracting(UnresolvedIdentity::identity)
                .containsExactly("kim@new-co.example", "+49305550199");
    }
}
