package dev.afterhours.ingest.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.ingest.message.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmailParserTest {

    private final EmailParser parser = new EmailParser();

    private InboundMessage parse(String raw) {
        return parser.parse(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), null, List.of());
    }

    @Test
    void aMultipartMessagePrefersItsPlainTextAndRecordsItsAttachment() {
        InboundMessage message = parse("""
                From: Dana Reyes <dana@acme-shop.example>
                To: support@agency.example, Alice <alice@agency.example>
                Cc: sam@acme-shop.example
                Subject: =?UTF-8?Q?Kasse_f=C3=A4llt_aus?=
                Message-ID: <m-1@mail.acme-shop.example>
                Date: Mon, 7 Dec 2026 22:14:05 -0500
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: multipart/alternative; boundary="inner"

                --inner
                Content-Type: text/plain; charset=UTF-8

                Checkout is broken, customers cannot pay.

                On Mon, 7 Dec 2026 at 21:00, Alice <alice@agency.example> wrote:
                > anything else?
                --inner
                Content-Type: text/html; charset=UTF-8

                <p>HTML version</p>
                --inner--
                --outer
                Content-Type: image/png; name="screenshot.png"
                Content-Disposition: attachment; filename="screenshot.png"
                Content-Transfer-Encoding: base64

                AAECAwQFBgcICQ==
                --outer--
                """);

        assertThat(message.channel()).isEqualTo(Channel.EMAIL);
        assertThat(message.direction()).isEqualTo(Direction.INBOUND);
        assertThat(message.provider()).isEqualTo(EmailParser.PROVIDER);
        assertThat(message.providerMessageId()).isEqualTo("<m-1@mail.acme-shop.example>");
        assertThat(message.from()).isEqualTo("Dana Reyes <dana@acme-shop.example>");
        assertThat(message.to()).containsExactly("support@agency.example", "alice@agency.example", "sam@acme-shop.example");
        assertThat(message.subject()).isEqualTo("Kasse fällt aus");
        assertThat(message.providerTimestamp()).isNotNull();
        assertThat(message.body()).isEqualTo("Checkout is broken, customers cannot pay.");
        assertThat(message.header(EmailParser.FULL_BODY)).contains("> anything else?");
        assertThat(message.header(EmailParser.BODY_SOURCE)).isEqualTo("text/plain");
        assertThat(message.attachments()).singleElement().satisfies(a -> {
            assertThat(a.getFileName()).isEqualTo("screenshot.png");
            assertThat(a.getContentType()).isEqualTo("image/png");
            assertThat(a.getSizeBytes()).isEqualTo(10);
        });
    }

    @Test
    void anHtmlOnlyMessageIsReadAsTextWithoutItsQuotedHistory() {
        InboundMessage message = parse("""
                From: jonas@bergmann.example
                To: support@agency.example
                Subject: AW: Shop
                Message-ID: <b-2@bergmann.example>
                In-Reply-To: <r-1@agency.example> (Bob's reply)
                Content-Type: text/html; charset=UTF-8

                <html><head><style>p {color: red}</style></head><body>
                <p>Der Shop ist <b>immer noch</b> down.<br>Bitte dringend!</p>
                <blockquote><p>Wir haben es behoben.</p></blockquote>
                </body></html>
                """);

        assertThat(message.body()).isEqualTo("Der Shop ist immer noch down.\nBitte dringend!");
        assertThat(message.header(EmailParser.BODY_SOURCE)).isEqualTo("text/html");
        assertThat(message.header("In-Reply-To")).isEqualTo("<r-1@agency.example>");
        assertThat(message.attachments()).isEmpty();
    }

    @Test
    void autoReplyListAndAuthenticationHeadersAreRecorded() {
        InboundMessage message = parse("""
                From: news@shop-tools.example
                To: support@agency.example
                Subject: Our December newsletter
                Message-ID: <n-3@shop-tools.example>
                Precedence: bulk
                List-Id: Shop Tools News <news.shop-tools.example>
                List-Unsubscribe: <mailto:unsubscribe@shop-tools.example>,
                 <https://shop-tools.example/unsubscribe>
                Auto-Submitted: auto-generated
                X-Autoreply: yes
                Authentication-Results: mx.agency.example; spf=pass smtp.mailfrom=shop-tools.example;
                 dkim=fail header.d=shop-tools.example; dmarc=none
                Content-Type: text/plain

                News!
                """);

        assertThat(message.headers()).containsEntry("Precedence", "bulk")
                .containsEntry("List-Id", "Shop Tools News <news.shop-tools.example>")
                .containsEntry("List-Unsubscribe",
                        "<mailto:unsubscribe@shop-tools.example>, <https://shop-tools.example/unsubscribe>")
                .containsEntry("Auto-Submitted", "auto-generated")
                .containsEntry("X-Autoreply", "yes")
                .containsEntry(EmailParser.SPF, "pass")
                .containsEntry(EmailParser.DKIM, "fail")
                .containsEntry(EmailParser.DMARC, "none");
        assertThat(message.header("Authentication-Results")).startsWith("mx.agency.example; spf=pass");
    }

    @Test
    void anAttachedMessageIsRecordedByItsSubject() {
        InboundMessage message = parse("""
                From: dana@acme-shop.example
                Subject: Fwd: this bounced
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain

                See the attached bounce.
                --b
                Content-Type: message/rfc822

                From: mailer-daemon@acme-shop.example
                Subject: Undelivered Mail

                The mail could not be delivered.
                --b--
                """);

        assertThat(message.body()).isEqualTo("See the attached bounce.");
        assertThat(message.attachments()).singleElement().satisfies(a -> {
            assertThat(a.getFileName()).isEqualTo("Undelivered Mail.eml");
            assertThat(a.getContentType()).isEqualTo("message/rfc822");
            assertThat(a.getSizeBytes()).isPositive();
        });
    }

    @Test
    void aMessageWithoutMessageIdIsKnownByTheHashOfItsBytes() {
        String raw = "From: dana@acme-shop.example\nSubject: hi\n\nno id\n";

        InboundMessage first = parse(raw);
        InboundMessage again = parse(raw);

        assertThat(first.providerMessageId()).startsWith("sha256:").isEqualTo(again.providerMessageId());
        assertThat(parse(raw + "different\n").providerMessageId()).isNotEqualTo(first.providerMessageId());
    }

    @Test
    void theEnvelopeStandsInForMissingAddresses() {
        InboundMessage message = parser.parse("Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8),
                "bounce@acme-shop.example", List.of("support@agency.example"));

        assertThat(message.from()).isEqualTo("bounce@acme-shop.example");
        assertThat(message.to()).containsExactly("support@agency.example");
    }

    @Test
    void whatIsNoEmailIsRefusedNamingWhy() {
        assertThatThrownBy(() -> parser.parse(new byte[0], null, List.of()))
                .isInstanceOfSatisfying(UnreadableEmailException.class, e -> assertThat(e.field()).isEqualTo("body"))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> parse("Subject: who am I\n\nbody\n"))
                .isInstanceOfSatisfying(UnreadableEmailException.class, e -> assertThat(e.field()).isEqualTo("From"))
                .hasMessageContaining("no From");
        assertThatThrownBy(() -> parse("just some text that is not a message at all"))
                .isInstanceOf(UnreadableEmailException.class);
    }

    @Test
    void aHugeBodyIsCutSoTheEventStaysSmall() {
        InboundMessage message = parse("From: dana@acme-shop.example\nSubject: log\n\n" + "x".repeat(200_000) + "\n");

        assertThat(message.body()).hasSize(EmailParser.MAX_TEXT_CHARS);
        assertThat(message.header(EmailParser.TRUNCATED)).isEqualTo("true");
    }
}
