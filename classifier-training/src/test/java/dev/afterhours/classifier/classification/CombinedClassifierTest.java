package dev.afterhours.classifier.classification;

import static dev.afterhours.classifier.support.Fixtures.client;
import static dev.afterhours.classifier.support.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.classifier.model.UrgencyModel;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decision the service makes: rules, the trained models, and the signals that span messages. */
class CombinedClassifierTest {

    private static final UrgencyModel MODEL = UrgencyModel.fromClasspath();
    private static final Instant NIGHT = Instant.parse("2026-11-24T08:00:00Z");

    private final ContactHistory history = new ContactHistory();
    private final CombinedClassifier classifier = new CombinedClassifier(new RuleBasedClassifier(), MODEL, history);
    private final ClientProfile acme = client("acme-shop");

    private Classification classify(MessageReceived message) {
        return classifier.classify(message, Optional.of(acme), NIGHT);
    }

    private MessageReceived remembered(MessageReceived message) {
        history.record(message);
        return message;
    }

    @Test
    void aGermanOutOfOfficeWithoutHeadersIsAnAutoReply() {
        Classification result = classify(message("acme-shop", "Re: Ihre Anfrage", """
                Guten Tag,
                vielen Dank für Ihre Nachricht. Ich bin vom 23.11. bis einschließlich 4.12. nicht erreichbar und lese
                meine E-Mails in dieser Zeit nur unregelmäßig. In dringenden Fällen wenden Sie sich bitte an
                info@bergmann.example.
                Mit freundlichen Grüßen
                Jonas Bergmann""").setHeaders(Map.of()).build());

        assertThat(result.autoReply()).isTrue();
        assertThat(result.needsResponse()).isFalse();
        assertThat(result.urgency()).isEqualTo(Urgency.LOW);
    }

    @Test
    void aCalmApologeticOneLineReportOfABrokenShopIsAnEmergency() {
        Classification result = classify(message("acme-shop", null,
                "So sorry to bother you this late, I think our shop might not be taking orders anymore?")
                .setChannel(Channel.SMS).build());

        assertThat(result.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(result.reasons()).isNotEmpty();
    }

    @Test
    void shoutingAboutAFontIsNotAnEmergency() {
        Classification result = classify(message("acme-shop", "URGENT!!!",
                "URGENT!!! can you change the font on the footer").build());

        assertThat(result.urgency()).isNotEqualTo(Urgency.EMERGENCY);
    }

    @Test
    void theModelExplainsItsEmergencyWithTheWordsThatWeighedMost() {
        Classification result = classify(message("acme-shop", "Shop",
                "Hallo, seit heute früh können unsere Kunden im Shop nichts mehr bezahlen, die Kasse zeigt nur einen Fehler.")
                .build());

        assertThat(result.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(String.join(" | ", result.reasons())).containsAnyOf("matched", "reads like EMERGENCY");
    }

    @Test
    void theThirdCallInTenMinutesRaisesOneLevel() {
        MessageReceived first = remembered(call("+15550100077", "hi it's sam please call me back", "2026-11-24T07:51:00Z"));
        MessageReceived second = remembered(call("+15550100077", "sam again please call back", "2026-11-24T07:55:00Z"));
        Classification alone = classify(call("+15550100077", "sam here please call me back", "2026-11-24T09:00:00Z"));
        Classification third = classify(call("+15550100077", "sam here please call me back", "2026-11-24T07:59:00Z"));

        assertThat(first.getMessageId()).isNotEqualTo(second.getMessageId());
        assertThat(third.urgency()).isEqualTo(oneLevelUp(alone.urgency()));
        assertThat(third.reasons()).anyMatch(r -> r.startsWith("3rd call from this client in 10 minutes"));
    }

    @Test
    void strangersAreNotOneClientTwoUnknownCallersDoNotMakeAThirdCall() {
        remembered(unresolvedCall("+15550111111", "hello is this the agency", "2026-11-24T07:51:00Z"));
        remembered(unresolvedCall("+15550122222", "hi I need a quote", "2026-11-24T07:55:00Z"));
        Classification third = classifier.classify(
                unresolvedCall("+15550133333", "hello please call me back", "2026-11-24T07:59:00Z"), Optional.empty(), NIGHT);

        assertThat(third.reasons()).noneMatch(r -> r.startsWith("3rd call"));

        remembered(unresolvedCall("+15550133333", "hello please call me back", "2026-11-24T07:52:00Z"));
        remembered(unresolvedCall("+15550133333", "me again", "2026-11-24T07:56:00Z"));
        Classification sameStranger = classifier.classify(
                unresolvedCall("+1 555 013 3333", "please call me back", "2026-11-24T07:59:00Z"), Optional.empty(), NIGHT);
        assertThat(sameStranger.reasons()).as("one stranger calling three times is still three calls")
                .anyMatch(r -> r.startsWith("3rd call"));
    }

    private static MessageReceived unresolvedCall(String from, String transcript, String at) {
        return MessageReceived.newBuilder(call(from, transcript, at)).setClientId(Topics.UNRESOLVED_CLIENT)
                .setConversationId("conv-" + from + at).build();
    }

    @Test
    void aVoicemailRightAfterAMissedCallRaisesOneLevel() {
        remembered(call("+15550100078", "", "2026-11-24T07:50:00Z"));
        Classification voicemail = classify(call("+15550100078", "hi it's dana can you call me back", "2026-11-24T07:54:00Z"));
        Classification later = classify(call("+15550100078", "hi it's dana can you call me back", "2026-11-24T09:54:00Z"));

        assertThat(voicemail.reasons()).anyMatch(r -> r.startsWith("voicemail 4 minutes after a missed call"));
        assertThat(voicemail.urgency()).isEqualTo(oneLevelUp(later.urgency()));
    }

    @Test
    void theEscalationWordInAReplyMakesAnEmergencyButNotInAFreshMessage() {
        Classification reply = classify(message("acme-shop", "Re: We received your message", "URGENT")
                .setHeaders(Map.of("In-Reply-To", "<ack-1@agency.example>")).build());
        Classification fresh = classify(message("acme-shop", "Footer", "urgent: can you change the footer font?").build());

        assertThat(reply.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(reply.reasons()).first().isEqualTo("client replied with the escalation word 'URGENT'");
        assertThat(fresh.urgency()).isNotEqualTo(Urgency.EMERGENCY);
    }

    @Test
    void aMessageClassifiedAgainIsNotCountedAgainstItself() {
        MessageReceived message = call("+15550100079", "please call me", "2026-11-24T07:55:00Z");
        Classification before = classify(message);
        remembered(message);
        remembered(message);

        assertThat(classify(message)).isEqualTo(before);
    }

    @Test
    void aHedgeKeepsTheModelBelowHigh() {
        Classification result = classify(message("acme-shop", "Logo",
                "No rush at all, whenever you get a chance could you make the logo on the about page a bit bigger?")
                .build());

        assertThat(result.urgency()).isIn(Urgency.NORMAL, Urgency.LOW);
        assertThat(result.reasons()).anyMatch(r -> r.startsWith("hedged with"));
    }

    @Test
    void whatTheRulesKnowForCertainStands() {
        Classification autoReply = classify(message("acme-shop", "Out of office", "Our checkout is broken")
                .setHeaders(Map.of("Auto-Submitted", "auto-replied")).build());
        Classification emergencyLine = classify(message("acme-shop", null, "thanks, bye")
                .setChannel(Channel.VOICE).setTo(java.util.List.of("+15550199911")).build());

        assertThat(autoReply.autoReply()).isTrue();
        assertThat(autoReply.urgency()).isEqualTo(Urgency.LOW);
        assertThat(emergencyLine.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(emergencyLine.reasons()).first().isEqualTo("dedicated emergency line +15550199911");
    }

    private static Urgency oneLevelUp(Urgency urgency) {
        return urgency == Urgency.EMERGENCY ? urgency : Urgency.values()[urgency.ordinal() - 1];
    }

    private static MessageReceived call(String from, String transcript, String at) {
        return message("acme-shop", null, transcript).setChannel(Channel.VOICE).setFrom(from)
                .setTo(java.util.List.of("+15550100000")).setReceivedAt(Instant.parse(at)).build();
    }

    @Test
    void aMonitorsAlertWithAutoGeneratedHeaderPagesLikeAnyEmergency() {
        Classification result = classify(message("acme-shop", "[UptimeRobot] Monitor is DOWN: Acme shop", """
                Monitor is DOWN: Acme shop ( https://shop.acme.example )
                Reason: HTTP 503 - Service Unavailable
                Started at: 2026-11-24 02:14:07 CET""").setChannel(Channel.API)
                .setHeaders(Map.of("Auto-Submitted", "auto-generated")).build());

        assertThat(result.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(result.autoReply()).isFalse();
        assertThat(result.needsResponse()).isTrue();
        assertThat(String.join(" | ", result.reasons())).contains("automatic notification");
    }

    @Test
    void anAutoGeneratedReportIsStillAnAutomaticMessageNobodyAnswers() {
        Classification result = classify(message("acme-shop", "Your weekly Search Console summary", """
                Here is your weekly summary for shop.acme.example: 12,400 clicks (+4%), 310,000 impressions,
                average position 14.2. View the full report in Search Console.""")
                .setHeaders(Map.of("Auto-Submitted", "auto-generated")).build());

        assertThat(result.urgency()).isEqualTo(Urgency.LOW);
        assertThat(result.autoReply()).isTrue();
        assertThat(result.needsResponse()).isFalse();
    }

    @Test
    void aRecoveryNoticeIsNotAnEmergencyEvenThoughItSaysDown() {
        Classification result = classify(message("acme-shop", "UptimeRobot: Monitor is UP", """
                Monitor is UP: Acme shop (https://shop.acme.example)
                It was down for 7 minutes and 12 seconds.
                Reason it was down: Connection Timeout""").setChannel(Channel.API).build());

        assertThat(result.urgency()).isEqualTo(Urgency.LOW);
        assertThat(result.needsResponse()).isFalse();
        assertThat(result.reasons()).anyMatch(r -> r.startsWith("recovery notice"));
    }

    @Test
    void downAgainAfterARecoveryIsStillAnEmergency() {
        Classification result = classify(message("acme-shop", "shop", """
                The shop was back up again at 9 but it's down again now, nobody can check out.""").build());

        assertThat(result.urgency()).isEqualTo(Urgency.EMERGENCY);
    }

    @Test
    void anOutOfOfficeReplyEchoingAnEmergencySubjectIsAnAutoReply() {
        Classification result = classify(message("acme-shop", "Automatic reply: Checkout failing - need your approval", """
                Hi, Carl is away and will be back on Monday 25 November. Your message has not been forwarded.

                > From: Support
                > Subject: Checkout failing - need your approval""").setHeaders(Map.of()).build());

        assertThat(result.autoReply()).isTrue();
        assertThat(result.urgency()).isEqualTo(Urgency.LOW);
    }

    @Test
    void aHelpdeskAcknowledgementEchoingTheSubjectIsAnAutoReply() {
        Classification result = classify(message("acme-shop", "[#71402] Ticket Received - Website is down", """
                Dear Customer,
                We would like to acknowledge that we have received your request and a ticket has been created.
                Ticket ID: #71402
                Subject: Website is down
                Status: Open
                Northgate Hosting Support""").setHeaders(Map.of()).build());

        assertThat(result.autoReply()).as(result.reasons().toString()).isTrue();
        assertThat(result.urgency()).isEqualTo(Urgency.LOW);
    }

    @Test
    void aFrenchNewsletterWithoutHeadersIsAnAutomaticMessage() {
        Classification result = classify(message("acme-shop", "La lettre Cyber-Vigilance PME – novembre", """
                La lettre d'information Cyber-Vigilance PME
                DOSSIER – Mon site a été piraté : les premiers réflexes.
                Vous êtes inscrit à cette lettre d'information. Pour vous désinscrire, rendez-vous dans vos préférences.
                """).setHeaders(Map.of()).build());

        assertThat(result.autoReply()).isTrue();
        assertThat(result.urgency()).isEqualTo(Urgency.LOW);
    }

    @Test
    void aThanksOnlyThirdMessageIsNotRaised() {
        Instant now = Instant.parse("2026-11-24T08:00:00Z");
        for (int minutesAgo : new int[] {6, 3}) {
            remembered(message("acme-shop", "Checkout", "Can you look at the checkout page when you can?")
                    .setReceivedAt(now.minus(Duration.ofMinutes(minutesAgo))).build());
        }

        Classification thanks = classify(message("acme-shop", null, "Thanks, all good!").setChannel(Channel.SMS)
                .setReceivedAt(now).build());

        assertThat(thanks.urgency()).isEqualTo(Urgency.LOW);
        assertThat(thanks.needsResponse()).isFalse();
        assertThat(thanks.reasons()).noneMatch(r -> r.contains("from this client in 10 minutes"));
    }
    @Test
    void aBrokenCheckoutForOneCustomerOnlyIsHighNotAnEmergency() {
        Classification result = classify(message("acme-shop", null,
                "Checkout isn't working for only one customer, the rest are fine.").build());

        assertThat(result.urgency()).isEqualTo(Urgency.HIGH);
        assertThat(result.reasons()).contains("only part affected ('only one customer'): HIGH, not EMERGENCY");
    }

    @Test
    void aDownCheckoutLosingOrdersIsAnEmergencyAndSaysWhatIsAtStake() {
        Classification result = classify(message("acme-shop", null, "checkout is down, we're losing orders").build());

        assertThat(result.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(result.reasons()).anyMatch(r -> r.startsWith("money or safety at stake ('we're losing orders')"));
    }

    @Test
    void aDeadlineDaysAwayOnAMondayNightIsNotAnEmergency() {
        MessageReceived message = message("acme-shop", "Prices",
                "The new prices have to be on the site before Thursday, the whole shop shows last year's.")
                .setReceivedAt(Instant.parse("2026-11-24T03:00:00Z")).build();

        Classification result = classifier.classify(message, Optional.of(acme), message.getReceivedAt());

        assertThat(result.urgency()).isNotEqualTo(Urgency.EMERGENCY);
    }

    private MessageReceived.Builder webForm(String severity, String body) {
        return message("acme-shop", "Web form: " + body, body).setChannel(Channel.WEBFORM)
                .setHeaders(Map.of("x-afterhours-severity", severity));
    }

    @Test
    void aStrangersCriticalAloneIsHighNeverAnEmergency() {
        Classification result = classify(webForm("critical", "How do I change the password of my account?").build());

        assertThat(result.urgency()).isEqualTo(Urgency.HIGH);
        assertThat(result.reasons())
                .contains("web form: the sender chose 'critical': raised to HIGH (alone it never makes an EMERGENCY)");
    }

    @Test
    void criticalWithEmergencyWordsIsAnEmergencyAndSaysSo() {
        Classification result = classify(webForm("critical", "Our shop is down, nobody can order anything").build());

        assertThat(result.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(result.reasons()).anyMatch(r -> r.startsWith("web form: the sender chose 'critical'"));
    }

    @Test
    void aLowChoiceNeverLowersEmergencyWords() {
        Classification result = classify(webForm("low", "Our shop is down, nobody can order anything").build());

        assertThat(result.urgency()).isEqualTo(Urgency.EMERGENCY);
    }

    @Test
    void theSeverityHeaderCountsOnlyOnWebForms() {
        Classification result = classify(webForm("critical", "How do I change the password of my account?")
                .setChannel(Channel.EMAIL).build());

        assertThat(result.reasons()).noneMatch(r -> r.contains("web form"));
        assertThat(result.urgency()).isNotEqualTo(Urgency.EMERGENCY);
    }

    @Test
    void anIPhoneFocusAutoTextNeverPages() {
        Classification result = classify(message("acme-shop", null,
                "I'm driving with Driving Focus turned on. I'll see your message when I get where I'm going.")
                .setChannel(Channel.SMS).build());

        assertThat(result.autoReply()).isTrue();
        assertThat(result.needsResponse()).isFalse();
        assertThat(result.urgency()).isEqualTo(Urgency.LOW);
    }
}
