package dev.afterhours.classifier.classification;

import static dev.afterhours.classifier.support.Fixtures.client;
import static dev.afterhours.classifier.support.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Urgency;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuleBasedClassifierTest {

    private static final Instant NOW = Instant.parse("2026-11-23T22:15:00Z");
    private final RuleBasedClassifier classifier = new RuleBasedClassifier();
    private final ClientProfile acme = client("acme-shop");

    private Classification classify(@Nullable String subject, String body) {
        return classifier.classify(message("unresolved", subject, body).build(), Optional.empty(), NOW);
    }

    private Classification classifyFor(ClientProfile client, MessageReceived message) {
        return classifier.classify(message, Optional.of(client), NOW);
    }

    @Nested
    class Emergencies {

        @Test
        void aCalmBrokenCheckoutIsAnEmergency() {
            Classification result = classify("Quick question", "Sorry to bother you, but our checkout is broken.");

            assertThat(result.urgency()).isEqualTo(Urgency.EMERGENCY);
            assertThat(result.reasons()).containsExactly("matched 'checkout is broken'");
            assertThat(result.needsResponse()).isTrue();
            assertThat(result.autoReply()).isFalse();
        }

        @Test
        void shoutingAboutAFontIsHighNotAnEmergency() {
            Classification result = classify("URGENT!!!", "URGENT!!! can you change the font on the footer");

            assertThat(result.urgency()).isEqualTo(Urgency.HIGH);
            assertThat(result.reasons()).containsExactly("urgent wording 'urgent'");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "Production is down!",
                "prod down",
                "Our website is down since 10 minutes",
                "The site's down again",
                "It's still down.",
                "Payments are failing for every customer",
                "customers can't check out",
                "Checkout isn't working on mobile",
                "I think we've been hacked, there are strange admin users",
                "We had a security breach this morning",
                "The database was wiped during the update",
                "We lost all our orders from today",
                "The wrong email went out to our entire list!",
                "We accidentally sent the draft newsletter to all 40,000 subscribers",
                "Our Google Ads are overspending like crazy",
                "The campaign blew through the whole monthly budget in an hour",
        })
        void englishEmergencyPhrases(String body) {
            Classification result = classify(null, body);

            assertThat(result.urgency()).as(body).isEqualTo(Urgency.EMERGENCY);
            assertThat(result.reasons()).allMatch(r -> r.startsWith("matched '"));
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "If the site is down over the weekend, who do we call?",
                "Please take the site down for maintenance tonight after 11",
                "The site was down yesterday but it is fine now.",
                "Is there a way to make sure the checkout is not broken by the update?",
        })
        void hypotheticalOrPlannedOutagesAreNotEmergencies(String body) {
            assertThat(classify(null, body).urgency()).as(body).isNotEqualTo(Urgency.EMERGENCY);
        }

        @Test
        void theClientsOwnEmergencyPhrase() {
            MessageReceived message = message("acme-shop", null, "hello, the site is down on my phone").build();

            Classification result = classifyFor(acme, message);

            assertThat(result.urgency()).isEqualTo(Urgency.EMERGENCY);
            assertThat(result.reasons()).containsExactly("matched 'site is down' (client's emergency phrase)");
            assertThat(result.confidence()).isEqualTo(RuleBasedClassifier.CLIENT_PHRASE);
        }

        @Test
        void aMessageToTheDedicatedEmergencyLineIsAlwaysAnEmergency() {
            MessageReceived call = message("acme-shop", null, "Hi, this is Sam, please call me back when you can.")
                    .setChannel(Channel.VOICE).setFrom("+1 (555) 010-9999").setTo(List.of("+1 555 019 9911")).build();

            Classification result = classifyFor(acme, call);

            assertThat(result.urgency()).isEqualTo(Urgency.EMERGENCY);
            assertThat(result.reasons()).containsExactly("dedicated emergency line +15550199911");
            assertThat(result.confidence()).isEqualTo(RuleBasedClassifier.EMERGENCY_LINE);
        }

        @Test
        void aMessageFromTheEmergencyLineIsAnEmergencyToo() {
            MessageReceived sms = message("acme-shop", null, "ok").setChannel(Channel.SMS).setFrom("+15550199911").build();

            assertThat(classifyFor(acme, sms).urgency()).isEqualTo(Urgency.EMERGENCY);
        }

        @Test
        void quotedTextFromAnEarlierMessageDoesNotCount() {
            String body = """
                    Thanks, all good now!

                    On Mon, Nov 23, 2026 at 9:00 PM Dana Reyes <dana@acme-shop.example> wrote:
                    > Our checkout is broken, please help!
                    """;

            Classification result = classify("Re: checkout", body);

            assertThat(result.urgency()).isEqualTo(Urgency.LOW);
            assertThat(result.reasons()).containsExactly("thanks only");
            assertThat(result.needsResponse()).isFalse();
        }
    }

    @Nested
    class HedgesAndFloors {

        @Test
        void noRushTakesHighDownToNormal() {
            Classification result = classify(null, "Could you update the banner by end of day? No rush though.");

            assertThat(result.urgency()).isEqualTo(Urgency.NORMAL);
            assertThat(result.reasons()).containsExactly("urgent wording 'end of day'",
                    "hedged with 'no rush': lowered from HIGH to NORMAL");
        }

        @Test
        void notUrgentIsNotAnUrgentWordAndLowersNormalToLow() {
            Classification result = classify(null, "Not urgent: can you swap the logo in the footer?");

            assertThat(result.urgency()).isEqualTo(Urgency.LOW);
            assertThat(result.needsResponse()).isTrue();
            assertThat(result.reasons()).containsExactly("no urgency signals",
                    "hedged with 'not urgent': lowered from NORMAL to LOW");
        }

        @Test
        void aHedgedEmergencyIsHigh() {
            Classification result = classify(null, "No rush, but the payment page is broken on Safari");

            assertThat(result.urgency()).isEqualTo(Urgency.HIGH);
            assertThat(result.reasons()).first().isEqualTo("matched 'payment page is broken'");
        }

        @Test
        void aDedicatedLineIsNotHedged() {
            MessageReceived call = message("acme-shop", null, "no rush, call me back")
                    .setTo(List.of("+15550199911")).build();

            assertThat(classifyFor(acme, call).urgency()).isEqualTo(Urgency.EMERGENCY);
        }

        @Test
        void aVipContactIsAtLeastHigh() {
            MessageReceived fromDana = message("acme-shop", "Footer", "Can you change the footer colour to blue?")
                    .setFrom("Dana Reyes <DANA@acme-shop.example>").build();
            MessageReceived fromSam = message("acme-shop", "Footer", "Can you change the footer colour to blue?")
                    .setFrom("sam@acme-shop.example").build();

            Classification dana = classifyFor(acme, fromDana);

            assertThat(dana.urgency()).isEqualTo(Urgency.HIGH);
            assertThat(dana.reasons()).containsExactly("client's VIP contact", "no urgency signals");
            assertThat(classifyFor(acme, fromSam).urgency()).isEqualTo(Urgency.NORMAL);
        }

        @Test
        void aVipByPhoneAndHedgedIsStillHigh() {
            MessageReceived sms = message("acme-shop", null, "whenever you get a chance, send me the invoice")
                    .setChannel(Channel.SMS).setFrom("+1 555 010 0001").build();

            assertThat(classifyFor(acme, sms).urgency()).isEqualTo(Urgency.HIGH);
        }

        @Test
        void aVipThankYouNeedsNoResponseAndStaysLow() {
            MessageReceived thanks = message("acme-shop", null, "Thanks so much!").setFrom("dana@acme-shop.example").build();

            Classification result = classifyFor(acme, thanks);

            assertThat(result.urgency()).isEqualTo(Urgency.LOW);
            assertThat(result.needsResponse()).isFalse();
        }

        @Test
        void aVipEmergencyStaysAnEmergency() {
            MessageReceived message = message("acme-shop", null, "our checkout is broken").setFrom("dana@acme-shop.example").build();

            assertThat(classifyFor(acme, message).urgency()).isEqualTo(Urgency.EMERGENCY);
        }
    }

    @Nested
    class LowAndNoResponse {

        @ParameterizedTest
        @ValueSource(strings = {"Thanks!", "Thank you so much, that looks great!", "thx", "Perfect, thanks again!\n\nDana",
                "Vielen Dank!\nJonas Bergmann", "Merci beaucoup", "Great, thanks for the quick fix"})
        void thanksOnly(String body) {
            Classification result = classify("Re: banner", body);

            assertThat(result.urgency()).as(body).isEqualTo(Urgency.LOW);
            assertThat(result.needsResponse()).as(body).isFalse();
            assertThat(result.autoReply()).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"Thanks! Can you also update the header?", "Thanks, please change the footer too",
                "Thanks. The banner is still the old one."})
        void aThankYouWithARequestNeedsAResponse(String body) {
            Classification result = classify(null, body);

            assertThat(result.needsResponse()).as(body).isTrue();
            assertThat(result.urgency()).as(body).isEqualTo(Urgency.NORMAL);
        }

        @Test
        void fyi() {
            Classification result = classify("FYI: new brand guidelines", "Attached are the new guidelines, no action needed.");

            assertThat(result.urgency()).isEqualTo(Urgency.LOW);
            assertThat(result.needsResponse()).isFalse();
            assertThat(result.reasons()).containsExactly("FYI, no reply expected ('no action needed')");
        }

        @Test
        void anFyiAboutAnEmergencyIsAnEmergency() {
            Classification result = classify("FYI", "FYI the site is down");

            assertThat(result.urgency()).isEqualTo(Urgency.EMERGENCY);
            assertThat(result.needsResponse()).isTrue();
        }

        @Test
        void newsletter() {
            Classification result = classify("November news", """
                    Our best deals this month! View this email in your browser.
                    Unsubscribe | Manage preferences""");

            assertThat(result.urgency()).isEqualTo(Urgency.LOW);
            assertThat(result.needsResponse()).isFalse();
            assertThat(result.reasons()).containsExactly("newsletter ('unsubscribe' link)");
        }

        @Test
        void outboundStaffRepliesAreLowAndNeedNoResponse() {
            MessageReceived reply = message("acme-shop", "Re: checkout", "Our checkout is broken? Looking into it now, URGENT fix coming.")
                    .setDirection(Direction.OUTBOUND).setFrom("alice@agency.example").build();

            Classification result = classifyFor(acme, reply);

            assertThat(result).isEqualTo(new Classification(Urgency.LOW, RuleBasedClassifier.OUTBOUND,
                    List.of("outbound reply from staff"), false, false));
        }

        @Test
        void plainRequestsAreNormal() {
            Classification result = classify("Banner", "Could you swap the homepage banner for the winter one?");

            assertThat(result.urgency()).isEqualTo(Urgency.NORMAL);
            assertThat(result.reasons()).containsExactly("no urgency signals");
            assertThat(result.confidence()).isBetween(0.0, 1.0);
        }
    }

    @Nested
    class AutoReplies {

        private Classification withHeaders(Map<String, String> headers, String body) {
            return classifier.classify(message("acme-shop", "Re: your invoice", body).setHeaders(headers).build(),
                    Optional.of(acme), NOW);
        }

        @Test
        void autoSubmittedOtherThanNo() {
            Classification result = withHeaders(Map.of("auto-submitted", "auto-replied; owner-email=\"d@x\""),
                    "Our checkout is broken");

            assertThat(result.autoReply()).isTrue();
            assertThat(result.needsResponse()).isFalse();
            assertThat(result.urgency()).isEqualTo(Urgency.LOW);
            assertThat(result.reasons()).containsExactly("auto-reply: header Auto-Submitted: auto-replied");
        }

        @Test
        void autoSubmittedNoIsAPerson() {
            Classification result = withHeaders(Map.of("Auto-Submitted", "no"), "Can you call me?");

            assertThat(result.autoReply()).isFalse();
            assertThat(result.needsResponse()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"X-Autoreply: yes", "x-autorespond: 1", "PRECEDENCE: bulk", "Precedence: junk",
                "Precedence: list", "Precedence: auto_reply", "List-Id: <news.acme-shop.example>"})
        void machineHeaders(String header) {
            String[] parts = header.split(": ", 2);

            Classification result = withHeaders(Map.of(parts[0], parts[1]), "Hello");

            assertThat(result.autoReply()).as(header).isTrue();
            assertThat(result.needsResponse()).isFalse();
        }

        @Test
        void precedenceFirstClassIsAPerson() {
            assertThat(withHeaders(Map.of("Precedence", "first-class"), "Hello").autoReply()).isFalse();
        }

        @Test
        void aVipAutoReplyFromTheEmergencyLineIsNeverAnEmergency() {
            MessageReceived message = message("acme-shop", null, "I am out of the office until Monday.")
                    .setFrom("dana@acme-shop.example").setTo(List.of("+15550199911"))
                    .setHeaders(Map.of("Auto-Submitted", "auto-replied")).build();

            Classification result = classifyFor(acme, message);

            assertThat(result.urgency()).isEqualTo(Urgency.LOW);
            assertThat(result.autoReply()).isTrue();
        }

        @Test
        void germanOutOfOfficeWithoutHeaders() {
            Classification result = classify("Abwesenheitsnotiz: Ihre Anfrage",
                    "Guten Tag, ich bin bis zum 30.11. nicht im Büro und habe keinen Zugriff auf meine E-Mails. "
                            + "In dringenden Fällen wenden Sie sich bitte an meine Kollegin.");

            assertThat(result.autoReply()).isTrue();
            assertThat(result.needsResponse()).isFalse();
            assertThat(result.urgency()).isEqualTo(Urgency.LOW);
            assertThat(result.reasons()).containsExactly("auto-reply: out-of-office subject 'abwesenheitsnotiz'");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "Ich bin derzeit nicht im Büro. Ab dem 1. Dezember bin ich wieder erreichbar.",
                "I am currently out of the office with limited access to email.",
                "Thank you for your message. I'm on annual leave until 2 December.",
                "Estoy fuera de la oficina hasta el lunes.",
                "Je suis absent du bureau jusqu'au 30 novembre.",
                "This is an automatic reply: I will respond upon my return.",
        })
        void outOfOfficeTextInFourLanguages(String body) {
            Classification result = classify("Re: your invoice", body);

            assertThat(result.autoReply()).as(body).isTrue();
            assertThat(result.needsResponse()).isFalse();
            assertThat(result.urgency()).isEqualTo(Urgency.LOW);
        }

        /** Issue 13: auto-replies without any header, per language and per kind. */
        @ParameterizedTest
        @ValueSource(strings = {
                // out of office, en/de/fr/es
                "Hi, I'm away until Thursday 4 December. I'll reply when I'm back.",
                "Thanks for your email. I won't be checking my email until Monday. Your message has not been forwarded.",
                "I'm no longer working at Acme. Please write to info@acme.example.",
                "Hallo, ich bin bis 12.12. in Elternzeit. Ihre Nachricht wird nicht weitergeleitet.",
                "Guten Tag, ich befinde mich bis Freitag auf Geschäftsreise und lese keine Mails.",
                "Bonjour, je suis en congé jusqu'au 4 janvier. Votre message ne sera pas transféré.",
                "Je suis actuellement absente et de retour le 8 janvier.",
                "Hola, estoy de licencia hasta el 3 de marzo. Su mensaje no será reenviado.",
                "En este momento no me encuentro en la oficina. Volveré el lunes 10.",
                "Thanks for texting Brindle Dog Treats! We're closed right now - open Mon-Fri 9-5.",
                // driving, do not disturb, Focus
                "I'm driving with Driving Focus turned on. I'll see your message when I get where I'm going.",
                "Hi, I have notifications silenced with Focus.",
                "Do Not Disturb is on. I'll get back to you later.",
                "Ich fahre gerade Auto. Ich melde mich später.",
                "Je conduis en ce moment. Je te réponds dès que je m'arrête.",
                "Estoy manejando, te contesto cuando pueda.",
                "[Auto] Back at 3pm, will answer then.",
                // read receipts, bounces, calendar answers by their body
                "Your message To: Ops Subject: Checkout was read on Friday at 23:02.",
                "Ihre Nachricht An: Lisa Betreff: Angebot wurde am Dienstag um 09:12 gelesen.",
                "Votre message a été lu le mardi à 09:12.",
                "Su mensaje se leyó el martes a las 09:12.",
                "I'm sorry to have to inform you that your message could not be delivered to one or more recipients.",
                "Ihre Nachricht konnte an einen oder mehrere Empfänger nicht zugestellt werden.",
                "Votre message n'a pas pu être distribué à un ou plusieurs destinataires.",
                "No se pudo entregar su mensaje a uno o más destinatarios.",
                "Dana Wu has accepted this invitation.",
        })
        void autoRepliesWithoutHeaders(String body) {
            Classification result = classify(null, body);

            assertThat(result.autoReply()).as(body).isTrue();
            assertThat(result.needsResponse()).as(body).isFalse();
            assertThat(result.urgency()).as(body).isEqualTo(Urgency.LOW);
            assertThat(result.reasons()).as(body).singleElement().asString().startsWith("auto-reply: ");
        }

        /** A receipt, a bounce or a calendar answer repeats the original's emergency: still nobody to page. */
        @ParameterizedTest
        @ValueSource(strings = {"Read: Site is down!!", "Gelesen: Shop ist down", "Lu : le site est en panne",
                "Leído: la web está caída", "Undeliverable: Checkout is broken", "Delivery Status Notification (Failure)",
                "Mail delivery failed: returning message to sender", "Unzustellbar: Zahlungen schlagen fehl",
                "Accepted: Emergency call about the outage", "Abgelehnt: Krisensitzung Shop down"})
        void machineSubjectsAreAutoRepliesEvenOverAnEchoedEmergency(String subject) {
            Classification result = classify(subject, "Our checkout is broken, customers cannot pay!");

            assertThat(result.autoReply()).as(subject).isTrue();
            assertThat(result.urgency()).as(subject).isEqualTo(Urgency.LOW);
            assertThat(result.reasons().getFirst()).as(subject).matches(
                    "auto-reply: (read receipt|delivery status notification|calendar response) \\(subject '.+'\\)");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "I'm driving traffic to the new landing page, can you add the tracking pixel?",
                "On my return from the fair I saw the logo is wrong on the about page, can you fix it?",
                "Readme: how do we add a new user to the admin?",
                "We've had an auto-reply loop with our supplier, can you look at the mail rules?",
                "hi its jo. our website says we're closed today (bank hol banner still up). can u take down today?",
        })
        void peopleUsingTheSameWordsAreNotAutoReplies(String body) {
            Classification result = classify(null, body);

            assertThat(result.autoReply()).as(body).isFalse();
            assertThat(result.needsResponse()).as(body).isTrue();
        }

        @Test
        void outOfOfficeWordsBesideAnEmergencyInTheSendersOwnWordsAreAPerson() {
            Classification result = classify(null, "I'm out of the office today but our site is down, call my mobile!");

            assertThat(result.autoReply()).isFalse();
            assertThat(result.urgency()).isEqualTo(Urgency.EMERGENCY);
        }
    }
}
