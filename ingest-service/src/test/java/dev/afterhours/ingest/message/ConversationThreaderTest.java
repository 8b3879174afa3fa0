package dev.afterhours.ingest.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Topics;
import dev.afterhours.ingest.message.ConversationThreader.Decision;
import dev.afterhours.ingest.message.ConversationThreader.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ConversationThreaderTest {

    private static final Instant NOW = Instant.parse("2026-11-23T22:14:05Z");
    private static final String DANA = "dana@acme-shop.example";
    private static final String ALICE = "alice@agency.example";
    private static final Function<String, Optional<String>> DIRECTORY = address -> switch (Addresses.normalise(address)) {
        case DANA, "sam@acme-shop.example" -> Optional.of("acme-shop");
        case "jonas@bergmann.example" -> Optional.of("bergmann-gmbh");
        default -> Optional.empty();
    };

    private final ReceivedIndex index = new ReceivedIndex();
    private final ConversationThreader threader = new ConversationThreader(index, Duration.ofDays(7));

    /** Decides and records, as the intake does. */
    private Decision receive(InboundMessage message, Instant at) {
        String messageId = MessageIds.messageId(message.provider(), message.providerMessageId());
        ClientResolution resolution = ClientResolution.resolve(message.direction(), message.from(), message.to(), DIRECTORY);
        Decision decision = threader.decide(message, messageId, resolution, at);
        index.add(new ReceivedIndex.Entry(message.provider(), message.providerMessageId(), messageId,
                decision.clientId(), decision.conversationId(), resolution.counterpart(), at,
                Subjects.topic(message.channel(), message.subject())));
        return decision;
    }

    @Test
    void textsFromOneNumberThreadWithinTheSmsWindowNotBeyond() {
        ConversationThreader smsDay = new ConversationThreader(index, Duration.ofDays(7),
                Map.of(Channel.SMS, Duration.ofHours(24)));
        String phone = "+15550100001";
        InboundMessage first = text("SM1", phone);
        Decision opened = smsDay.decide(first, "c1", new ClientResolution("acme-shop", phone), NOW);
        index.add(new ReceivedIndex.Entry("twilio", "SM1", "c1", "acme-shop", opened.conversationId(), phone, NOW, null));

        Decision sameDay = smsDay.decide(text("SM2", phone), "c2", new ClientResolution("acme-shop", phone),
                NOW.plus(Duration.ofHours(23)));
        Decision nextDay = smsDay.decide(text("SM3", phone), "c3", new ClientResolution("acme-shop", phone),
                NOW.plus(Duration.ofHours(25)));

        assertThat(sameDay.reason()).isEqualTo(Reason.RECENT);
        assertThat(sameDay.conversationId()).isEqualTo("c1");
        assertThat(nextDay.reason()).as("a day later is a new matter, though within the 7-day window").isEqualTo(Reason.NEW);
        assertThat(nextDay.conversationId()).isEqualTo("c3");
    }

    private static InboundMessage text(String sid, String from) {
        return new InboundMessage(Channel.SMS, dev.afterhours.contracts.Direction.INBOUND, "twilio", sid, from,
                List.of("+15550100100"), null, "hello", null, List.of(), Map.of(), null, null);
    }

    @Test
    void aFirstMessageStartsAConversationNamedAfterItself() {
        InboundMessage first = Messages.inbound("m1", DANA);

        Decision decision = receive(first, NOW);

        assertThat(decision.reason()).isEqualTo(Reason.NEW);
        assertThat(decision.conversationId()).isEqualTo(MessageIds.messageId("postmark", "m1"));
        assertThat(decision.clientId()).isEqualTo("acme-shop");
    }

    @Test
    void aStaffReplyToDanaLandsInDanasConversation() {
        Decision danas = receive(Messages.inbound("m1", DANA), NOW);

        Decision reply = receive(Messages.outbound("r1", ALICE, List.of("Dana Reyes <Dana@Acme-Shop.example>")),
                NOW.plusSeconds(600));

        // "Re: Checkout" answers "Checkout": the topic finds it before the counterpart rule would
        assertThat(reply.reason()).isEqualTo(Reason.SUBJECT);
        assertThat(reply.conversationId()).isEqualTo(danas.conversationId());
        assertThat(reply.clientId()).isEqualTo("acme-shop");
    }

    @Test
    void theOutboundCounterpartIsTheFirstRecipientThatResolves() {
        Decision danas = receive(Messages.inbound("m1", DANA), NOW);

        Decision reply = receive(Messages.outbound("r1", ALICE, List.of("bob@agency.example", DANA)), NOW.plusSeconds(60));

        assertThat(reply.conversationId()).isEqualTo(danas.conversationId());
    }

    @Test
    void anotherContactOfTheSameClientStartsItsOwnConversation() {
        Decision danas = receive(Messages.inbound("m1", DANA), NOW);

        Decision sams = receive(Messages.inbound("m2", "sam@acme-shop.example"), NOW.plusSeconds(60));

        assertThat(sams.reason()).isEqualTo(Reason.NEW);
        assertThat(sams.conversationId()).isNotEqualTo(danas.conversationId());
    }

    @Test
    void afterTheWindowANewConversationStarts() {
        Decision danas = receive(Messages.inbound("m1", DANA), NOW);

        Decision later = receive(Messages.inbound("m2", DANA), NOW.plus(Duration.ofDays(7)).plusSeconds(1));

        assertThat(later.reason()).isEqualTo(Reason.NEW);
        assertThat(later.conversationId()).isNotEqualTo(danas.conversationId());
    }

    @Test
    void exactlyAtTheEdgeOfTheWindowTheConversationIsStillOpen() {
        Decision danas = receive(Messages.inbound("m1", DANA), NOW);

        Decision edge = receive(Messages.inbound("m2", DANA), NOW.plus(Duration.ofDays(7)));

        assertThat(edge.conversationId()).isEqualTo(danas.conversationId());
    }

    @Test
    void anExplicitConversationIdWins() {
        receive(Messages.inbound("m1", DANA), NOW);

        Decision explicit = receive(Messages.withConversation(Messages.inbound("m2", DANA), "crm-ticket-42"), NOW.plusSeconds(1));

        assertThat(explicit.reason()).isEqualTo(Reason.EXPLICIT);
        assertThat(explicit.conversationId()).isEqualTo("crm-ticket-42");
    }

    @Test
    void aReplyJoinsTheConversationOfTheMessageItAnswersEvenIfAnotherIsMoreRecent() {
        Decision first = receive(Messages.inbound("m1", DANA), NOW);
        receive(Messages.withConversation(Messages.inbound("m2", DANA), "other"), NOW.plusSeconds(60));

        Decision reply = receive(Messages.withInReplyTo(Messages.outbound("r1", ALICE, List.of(DANA)), "m1"),
                NOW.plusSeconds(120));

        assertThat(reply.reason()).isEqualTo(Reason.REPLY);
        assertThat(reply.conversationId()).isEqualTo(first.conversationId());
    }

    @Test
    void mailHeadersThreadToo_nearestReferenceFirst() {
        Decision root = receive(Messages.withConversation(Messages.inbound("<root@mail>", DANA), "root-conv"), NOW);
        Decision parent = receive(Messages.withConversation(Messages.inbound("<parent@mail>", DANA), "parent-conv"),
                NOW.plusSeconds(1));

        Decision byReferences = receive(Messages.withHeaders(Messages.inbound("<child@mail>", DANA),
                Map.of("references", "<root@mail> <parent@mail> <unknown@mail>")), NOW.plusSeconds(2));
        Decision byInReplyTo = receive(Messages.withHeaders(Messages.inbound("<child2@mail>", DANA),
                Map.of("In-Reply-To", "<root@mail>")), NOW.plusSeconds(3));

        assertThat(byReferences.conversationId()).isEqualTo(parent.conversationId());
        assertThat(byInReplyTo.conversationId()).isEqualTo(root.conversationId());
    }

    @Test
    void aReplyIntoAnotherClientsConversationIsNotThreadedThere() {
        Decision jonas = receive(Messages.inbound("j1", "jonas@bergmann.example"), NOW);

        Decision danas = receive(Messages.withInReplyTo(Messages.inbound("m1", DANA), "j1"), NOW.plusSeconds(1));

        assertThat(danas.clientId()).isEqualTo("acme-shop");
        assertThat(danas.conversationId()).isNotEqualTo(jonas.conversationId());
    }

    @Test
    void anUnresolvedReplyToAKnownConversationAdoptsItsClient() {
        Decision danas = receive(Messages.inbound("m1", DANA), NOW);

        Decision fromNewColleague = receive(Messages.withInReplyTo(Messages.inbound("m2", "kim@acme-shop.example"), "m1"),
                NOW.plusSeconds(60));

        assertThat(fromNewColleague.clientId()).isEqualTo("acme-shop");
        assertThat(fromNewColleague.conversationId()).isEqualTo(danas.conversationId());
    }

    @Test
    void unknownSendersAreUnresolvedAndThreadedByTheirAddress() {
        Decision first = receive(Messages.inbound("u1", "stranger@example.org"), NOW);
        Decision second = receive(Messages.inbound("u2", "Stranger@Example.org"), NOW.plusSeconds(60));

        assertThat(first.clientId()).isEqualTo(Topics.UNRESOLVED_CLIENT);
        assertThat(second.conversationId()).isEqualTo(first.conversationId());
    }

    @Test
    void referencesAreOrderedNearestFirst() {
        InboundMessage message = Messages.withHeaders(Messages.withInReplyTo(Messages.inbound("x", DANA), "direct"),
                Map.of("In-Reply-To", "<header>", "References", "<a> <b>"));

        assertThat(ConversationThreader.references(message)).containsExactly("direct", "<header>", "<b>", "<a>");
    }

    @Test
    void anEmailWithoutReferencesFindsTheConversationOnItsTopicAmongSeveral() {
        receive(Messages.withConversation(Messages.withSubject(Messages.inbound("m1", DANA), "Invoice 1042"), "invoice"),
                NOW);
        receive(Messages.withConversation(Messages.withSubject(Messages.inbound("m2", DANA), "Site down"), "outage"),
                NOW.plusSeconds(60));

        Decision reply = receive(Messages.withSubject(Messages.inbound("m3", DANA), "AW: Re: invoice  1042"),
                NOW.plusSeconds(120));
        Decision fresh = receive(Messages.withSubject(Messages.inbound("m4", DANA), "Something new"),
                NOW.plusSeconds(180));

        assertThat(reply.reason()).isEqualTo(Reason.SUBJECT);
        assertThat(reply.conversationId()).isEqualTo("invoice");
        // a new topic: the counterpart's most recent conversation, as for every channel
        assertThat(fresh.reason()).isEqualTo(Reason.RECENT);
        assertThat(fresh.conversationId()).isEqualTo("invoice");
    }

    @Test
    void theTopicOnlyCountsWithinTheWindowAndOnlyForTheSameCounterpart() {
        receive(Messages.withConversation(Messages.withSubject(Messages.inbound("m1", DANA), "Invoice"), "invoice"), NOW);
        receive(Messages.withConversation(Messages.withSubject(Messages.inbound("m2", "sam@acme-shop.example"),
                "Site down"), "sams"), NOW.plusSeconds(60));

        Decision samOnDanasTopic = receive(Messages.withSubject(Messages.inbound("m3", "sam@acme-shop.example"),
                "Re: Invoice"), NOW.plusSeconds(120));
        Decision danaMuchLater = receive(Messages.withSubject(Messages.inbound("m4", DANA), "Re: Invoice"),
                NOW.plus(Duration.ofDays(8)));

        assertThat(samOnDanasTopic.conversationId()).isEqualTo("sams");
        assertThat(danaMuchLater.reason()).isEqualTo(Reason.NEW);
    }

    @Test
    void theTopicIsTheSubjectWithoutReplyAndForwardPrefixes() {
        assertThat(Subjects.topic(Channel.EMAIL, "Re: AW: WG: Fwd: FW: Sv: Re[2]: [EXT] Checkout   broken"))
                .isEqualTo("checkout broken");
        assertThat(Subjects.topic(Channel.EMAIL, "Return policy")).isEqualTo("return policy");
        assertThat(Subjects.topic(Channel.EMAIL, "Re:")).isNull();
        assertThat(Subjects.topic(Channel.SMS, "Checkout")).isNull();
    }
}
