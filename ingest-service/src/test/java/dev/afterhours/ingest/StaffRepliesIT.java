package dev.afterhours.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import dev.afterhours.ingest.email.TestMail;
import dev.afterhours.ingest.email.smtp.SmtpListener;
import dev.afterhours.ingest.message.StaffIdentities;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A staff member's reply from outside the Afterhours API, end to end against the testkit's real broker and registry:
 * from their own mail program (real mail through the SMTP listener) and in a client's shared Slack channel. Either way
 * it is recorded OUTBOUND in the client's conversation (the scheduler stops the SLA clock on that), and the client's
 * own messages stay INBOUND. In the demo directory alice is staff (alice@agency.example), dana a contact of acme-shop,
 * and C0ACMESHOP the channel shared with acme-shop.
 */
class StaffRepliesIT extends StaffChannelsITSupport {

    private static final String DANA = "Dana Reyes <dana@acme-shop.example>";
    private static final String ALICE = "Alice Wong <alice@agency.example>";
    private static final String SUPPORT = "support@agency.example";

    @Autowired
    private SmtpListener smtp;

    private Session session() {
        return TestMail.session(smtp.port());
    }

    private static MessageReceived only(String providerMessageId) {
        List<Map.Entry<String, MessageReceived>> events = received(providerMessageId);
        assertThat(events).as("events of " + providerMessageId).hasSize(1);
        return events.getFirst().getValue();
    }

    /** Delivers to these envelope recipients only, whatever the headers say, as the sender's mail server would. */
    private static void deliver(MimeMessage message, String... envelopeTo) throws Exception {
        message.saveChanges();
        Address[] recipients = new Address[envelopeTo.length];
        for (int i = 0; i < envelopeTo.length; i++) {
            recipients[i] = new InternetAddress(envelopeTo[i]);
        }
        Transport.send(message, recipients);
    }

    @Test
    void aStaffReplyFromTheirOwnMailProgram_BccdToTheAgency_isOutboundInTheClientsConversation() throws Exception {
        String question = TestMail.messageId();
        TestMail.send(TestMail.text(session(), question, DANA, SUPPORT, "Invoice 4711", "Why is invoice 4711 doubled?"));
        MessageReceived asked = only(question);

        // Alice answers Dana from her own mail program; the agency's BCC address gets a copy (only that copy reaches us)
        String answer = TestMail.messageId().replace("acme-shop", "agency");
        MimeMessage reply = TestMail.text(session(), answer, ALICE, "dana@acme-shop.example", "Re: Invoice 4711",
                "It was sent twice by mistake; the second one is cancelled.\n\nOn Mon, Dana wrote:\n> Why is it doubled?\n");
        reply.setHeader("In-Reply-To", question);
        reply.setHeader("References", question);
        deliver(reply, BCC);

        List<Map.Entry<String, MessageReceived>> events = received(answer);
        assertThat(events).singleElement().satisfies(e -> assertThat(e.getKey()).isEqualTo("acme-shop"));
        MessageReceived replied = events.getFirst().getValue();
        assertThat(asked.getDirection()).isEqualTo(Direction.INBOUND);
        assertThat(replied.getDirection()).isEqualTo(Direction.OUTBOUND);
        assertThat(replied.getChannel()).isEqualTo(Channel.EMAIL);
        assertThat(replied.getClientId()).isEqualTo("acme-shop");
        assertThat(replied.getConversationId()).isEqualTo(asked.getConversationId());
        assertThat(replied.getFrom()).isEqualTo(ALICE);
        assertThat(replied.getTo()).containsExactly("dana@acme-shop.example");
        assertThat(replied.getBody()).isEqualTo("It was sent twice by mistake; the second one is cancelled.");
        assertThat(replied.getHeaders()).containsEntry(StaffIdentities.STAFF_ID, "alice");

        // and the client's answer to that is again hers: INBOUND, same conversation
        String again = TestMail.messageId();
        MimeMessage thanks = TestMail.text(session(), again, DANA, SUPPORT, "Re: Invoice 4711", "Thanks, but 4712 too?");
        thanks.setHeader("In-Reply-To", answer);
        TestMail.send(thanks);
        MessageReceived followUp = only(again);
        assertThat(followUp.getDirection()).isEqualTo(Direction.INBOUND);
        assertThat(followUp.getConversationId()).isEqualTo(asked.getConversationId());
    }

    @Test
    void staffMailThatNamesAClientContact_isAReply_butStaffMailToUsAloneStaysAsItWas() throws Exception {
        // Alice writes to Dana and copies the support address (To/Cc name a client's contact): a reply
        String copied = TestMail.messageId().replace("acme-shop", "agency");
        MimeMessage toDana = TestMail.text(session(), copied, ALICE, "dana@acme-shop.example", "Your export",
                "The export you asked for is attached.");
        toDana.setRecipients(jakarta.mail.Message.RecipientType.CC, SUPPORT);
        deliver(toDana, SUPPORT);
        MessageReceived reply = only(copied);
        assertThat(reply.getDirection()).isEqualTo(Direction.OUTBOUND);
        assertThat(reply.getClientId()).isEqualTo("acme-shop");

        // Alice forwards something to the support address only: no client named, not through the BCC address
        String forwarded = TestMail.messageId().replace("acme-shop", "agency");
        deliver(TestMail.text(session(), forwarded, ALICE, SUPPORT, "Fwd: a newsletter", "FYI"), SUPPORT);
        MessageReceived fyi = only(forwarded);
        assertThat(fyi.getDirection()).isEqualTo(Direction.INBOUND);
        assertThat(fyi.getClientId()).isEqualTo(Topics.UNRESOLVED_CLIENT);
        assertThat(fyi.getHeaders()).doesNotContainKey(StaffIdentities.STAFF_ID);

        // a stranger who writes From: alice, which the receiving server saw fail SPF and DMARC: not a staff reply
        String forged = TestMail.messageId();
        MimeMessage fake = TestMail.text(session(), forged, ALICE, "dana@acme-shop.example", "Re: Invoice 4711", "ok");
        fake.setHeader("Authentication-Results", "mx.agency.example; spf=fail smtp.mailfrom=agency.example; dmarc=fail");
        deliver(fake, BCC);
        MessageReceived stranger = only(forged);
        assertThat(stranger.getDirection()).isEqualTo(Direction.INBOUND);
        assertThat(stranger.getHeaders()).doesNotContainKey(StaffIdentities.STAFF_ID);
    }

    @Test
    void aStaffMembersMessageInAClientsSlackChannel_isOutboundInTheThreadsConversation() {
        String staffUser = slackId("U0STAFF");
        String staffId = unique("slack-staff").substring(0, 30);
        Response staff = put("/api/v1/directory/staff/" + staffId, """
                {"name": "Sid Staff", "zone": "Europe/Berlin", "email": "%s@agency.example", "slackUserId": "%s"}"""
                .formatted(staffId, staffUser));
        assertThat(staff.status()).as(staff.json().toString()).isEqualTo(200);

        String clientTs = ts();
        Response question = slack(slackMessage("C0ACMESHOP", "U0DANA", clientTs, null, "Is the shop down?"));
        String staffTs = ts();
        Response answer = slack(slackMessage("C0ACMESHOP", staffUser, staffTs, clientTs, "Looking into it now"));

        assertThat(question.status()).as(question.json().toString()).isEqualTo(200);
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        MessageReceived asked = only("C0ACMESHOP:" + clientTs);
        MessageReceived replied = only("C0ACMESHOP:" + staffTs);
        assertThat(asked.getDirection()).isEqualTo(Direction.INBOUND);
        assertThat(replied.getDirection()).isEqualTo(Direction.OUTBOUND);
        assertThat(replied.getChannel()).isEqualTo(Channel.CHAT);
        assertThat(replied.getClientId()).isEqualTo("acme-shop");
        assertThat(replied.getConversationId()).isEqualTo(asked.getConversationId());
        assertThat(replied.getHeaders()).containsEntry(StaffIdentities.STAFF_ID, staffId);
    }
}
