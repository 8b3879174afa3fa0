package dev.afterhours.ingest.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Topics;
import dev.afterhours.ingest.IngestITSupport;
import dev.afterhours.ingest.email.smtp.SmtpListener;
import dev.afterhours.security.ApiKeys;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * E-mail in, end to end: real mail sent with Jakarta Mail to the SMTP listener on a free port, and raw messages
 * posted to the webhook, against the testkit's real broker and registry; every assertion on the real topic.
 */
@TestPropertySource(properties = {"afterhours.ingest.smtp.port=0", "afterhours.ingest.smtp.accepted-recipients=agency.example"})
class InboundEmailIT extends IngestITSupport {

    private static final String DANA = "Dana Reyes <dana@acme-shop.example>";
    private static final String SUPPORT = "support@agency.example";

    @Autowired
    private SmtpListener smtp;

    private Session session() {
        assertThat(smtp.port()).as("the listener runs on the port it was given").isPositive();
        return TestMail.session(smtp.port());
    }

    private static MessageReceived only(String messageId) {
        List<Map.Entry<String, MessageReceived>> events = received(messageId);
        assertThat(events).as("events of " + messageId).hasSize(1);
        return events.getFirst().getValue();
    }

    @Test
    void aMultipartMessageWithHtmlAndAnAttachmentArrivesAsTextWithoutItsHistory() throws Exception {
        String id = TestMail.messageId();
        byte[] screenshot = new byte[2048];
        MimeMessage mail = TestMail.alternativeWithAttachment(session(), id, DANA, SUPPORT, "Checkout down",
                "Checkout is broken, customers cannot pay.\n\nOn Mon, 7 Dec 2026 at 21:00, Alice <alice@agency.example> "
                        + "wrote:\n> Anything else we can do?\n",
                "<p>Checkout is <b>broken</b>, customers cannot pay.</p><blockquote>Anything else?</blockquote>",
                "screenshot.png", "image/png", screenshot);

        TestMail.send(mail);

        List<Map.Entry<String, MessageReceived>> events = received(id);
        assertThat(events).singleElement().satisfies(e -> assertThat(e.getKey()).isEqualTo("acme-shop"));
        MessageReceived event = events.getFirst().getValue();
        assertThat(event.getChannel()).isEqualTo(Channel.EMAIL);
        assertThat(event.getProvider()).isEqualTo(EmailParser.PROVIDER);
        assertThat(event.getFrom()).isEqualTo(DANA);
        assertThat(event.getTo()).containsExactly(SUPPORT);
        assertThat(event.getSubject()).isEqualTo("Checkout down");
        assertThat(event.getBody()).isEqualTo("Checkout is broken, customers cannot pay.");
        assertThat(event.getHeaders()).containsEntry("Message-ID", id).containsEntry(EmailParser.BODY_SOURCE, "text/plain");
        assertThat(event.getHeaders().get(EmailParser.FULL_BODY)).contains("> Anything else we can do?");
        assertThat(event.getAttachments()).singleElement().satisfies(a -> {
            assertThat(a.getFileName()).isEqualTo("screenshot.png");
            assertThat(a.getContentType()).isEqualTo("image/png");
            assertThat(a.getSizeBytes()).isEqualTo(2048);
        });

        String htmlOnly = TestMail.messageId();
        MimeMessage html = TestMail.message(session(), htmlOnly, DANA, SUPPORT, "Still down");
        html.setContent("<div>Still <i>down</i>.</div><blockquote>earlier mail</blockquote>", "text/html; charset=UTF-8");
        TestMail.send(html);
        assertThat(only(htmlOnly).getBody()).isEqualTo("Still down.");
    }

    @Test
    void aReplyWithInReplyToLandsInTheConversationItAnswers() throws Exception {
        String first = TestMail.messageId();
        TestMail.send(TestMail.text(session(), first, DANA, SUPPORT, "Refunds fail", "Refunds fail since noon."));
        // sam would start a conversation of his own; his In-Reply-To says it is dana's thread
        String reply = TestMail.messageId();
        MimeMessage samsReply = TestMail.text(session(), reply, "sam@acme-shop.example", SUPPORT, "Re: Refunds fail",
                "Same here.\n\nOn Mon, Dana wrote:\n> Refunds fail since noon.");
        samsReply.setHeader("In-Reply-To", first);
        samsReply.setHeader("References", first);

        TestMail.send(samsReply);

        MessageReceived original = only(first);
        MessageReceived answer = only(reply);
        assertThat(answer.getConversationId()).isEqualTo(original.getConversationId());
        assertThat(answer.getClientId()).isEqualTo("acme-shop");
        assertThat(answer.getHeaders()).containsEntry("In-Reply-To", first);
        assertThat(answer.getBody()).isEqualTo("Same here.");
    }

    @Test
    void theSameMessageSentTwiceYieldsOneRecord() throws Exception {
        String id = TestMail.messageId();

        TestMail.send(TestMail.text(session(), id, DANA, SUPPORT, "Checkout", "site is down"));
        TestMail.send(TestMail.text(session(), id, DANA, SUPPORT, "Checkout", "site is down"));

        assertThat(received(id)).hasSize(1);
    }

    @Test
    void anOutOfOfficeReplyCarriesItsAutoSubmittedHeader() throws Exception {
        String id = TestMail.messageId();
        MimeMessage away = TestMail.text(session(), id, DANA, SUPPORT, "Out of office: Re: Invoice",
                "I am out of the office until Monday.");
        away.setHeader("Auto-Submitted", "auto-replied");
        away.setHeader("X-Autoreply", "yes");

        TestMail.send(away);

        assertThat(only(id).getHeaders()).containsEntry("Auto-Submitted", "auto-replied").containsEntry("X-Autoreply", "yes");
    }

    @Test
    void aBulkNewsletterCarriesItsListHeadersAndStaysUnresolved() throws Exception {
        String id = TestMail.messageId();
        MimeMessage newsletter = TestMail.text(session(), id, "news@shop-tools.example", SUPPORT, "December news",
                "Our best offers.");
        newsletter.setHeader("Precedence", "bulk");
        newsletter.setHeader("List-Id", "Shop Tools News <news.shop-tools.example>");
        newsletter.setHeader("List-Unsubscribe", "<mailto:unsubscribe@shop-tools.example>");
        newsletter.setHeader("Authentication-Results", "mx.agency.example; spf=pass smtp.mailfrom=shop-tools.example; "
                + "dkim=pass header.d=shop-tools.example; dmarc=pass");

        TestMail.send(newsletter);

        List<Map.Entry<String, MessageReceived>> events = received(id);
        assertThat(events).singleElement().satisfies(e -> assertThat(e.getKey()).isEqualTo(Topics.UNRESOLVED_CLIENT));
        assertThat(events.getFirst().getValue().getFrom()).isEqualTo("news@shop-tools.example");
        assertThat(events.getFirst().getValue().getHeaders()).containsEntry("Precedence", "bulk")
                .containsEntry("List-Id", "Shop Tools News <news.shop-tools.example>")
                .containsEntry("List-Unsubscribe", "<mailto:unsubscribe@shop-tools.example>")
                .containsEntry(EmailParser.SPF, "pass").containsEntry(EmailParser.DKIM, "pass")
                .containsEntry(EmailParser.DMARC, "pass");
    }

    @Test
    void aRecipientOutsideTheAcceptedDomainsIsRefusedWith550AndNothingIsPublished() {
        int before = receivedTopic().size();
        String id = TestMail.messageId();

        Integer refusal = TestMail.refusal(TestMail.text(session(), id, DANA, "victim@elsewhere.example", "relay",
                "please relay"));

        assertThat(refusal).isEqualTo(550);
        assertThat(received(id)).isEmpty();
        assertThat(receivedTopic()).hasSize(before);
    }

    private Response postEmail(@Nullable String apiKey, String contentType, byte[] raw) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/inbound/email"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(raw));
        if (apiKey != null) {
            request.header(ApiKeys.HEADER, apiKey);
        }
        return sendAs(null, request);
    }

    private String apiKey(String scope) {
        Response created = post("/api/v1/admin/api-keys", """
                {"name": "%s", "scopes": ["%s"]}""".formatted(unique("mail service"), scope));
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        return created.text("key");
    }

    @Test
    void theWebhookTakesARawMessageWithAnApiKeyAndNothingWithout() throws Exception {
        String key = apiKey("messages:write");
        String id = TestMail.messageId();
        byte[] raw = TestMail.bytes(TestMail.text(session(), id, DANA, SUPPORT, "Checkout",
                "Checkout is broken.\n-- \nDana Reyes, Acme Shop"));

        assertThat(postEmail(null, "message/rfc822", raw).status()).isEqualTo(401);
        String forged = key.substring(0, key.length() - 4) + "AAAA";
        assertThat(postEmail(forged, "message/rfc822", raw).status()).isEqualTo(401);
        assertThat(postEmail("ahk_nonsense", "message/rfc822", raw).status()).isEqualTo(401);
        assertThat(postEmail(apiKey("replies:write"), "message/rfc822", raw).status()).isEqualTo(403);
        assertThat(received(id)).isEmpty();

        Response accepted = postEmail(key, "message/rfc822", raw);
        assertThat(accepted.status()).as(accepted.json().toString()).isEqualTo(202);
        assertThat(accepted.text("clientId")).isEqualTo("acme-shop");
        assertThat(only(id).getBody()).isEqualTo("Checkout is broken.");

        Response again = postEmail(key, "message/rfc822", raw);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("status")).isEqualTo("duplicate");
        assertThat(again.text("messageId")).isEqualTo(accepted.text("messageId"));
        // the same Message-ID by SMTP is the same message too
        TestMail.send(TestMail.text(session(), id, DANA, SUPPORT, "Checkout", "Checkout is broken."));
        assertThat(received(id)).hasSize(1);
    }

    @Test
    void theWebhookExplainsWhatIsWrongWithBadInput() {
        String key = apiKey("messages:write");

        Response empty = postEmail(key, "message/rfc822", new byte[0]);
        assertProblem(empty, 400, "body");
        assertThat(empty.text("detail")).contains("empty");

        Response noFrom = postEmail(key, "message/rfc822", "Subject: who?\r\n\r\nhello\r\n".getBytes());
        assertProblem(noFrom, 400, "From");
        assertThat(noFrom.text("detail")).contains("no From");

        Response json = postEmail(key, "application/json", "{}".getBytes());
        assertThat(json.status()).isEqualTo(415);
    }
}
