package dev.afterhours.notifier.acknowledgement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.AutoReplyKind;
import dev.afterhours.contracts.AutoReplyRequested;
import dev.afterhours.contracts.Channel;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcknowledgementMailTest {

    // Nothing here runs against the wall clock: the instants are data carried through, never compared to now.
    private static final AutoReplyRequested REQUEST = AutoReplyRequested.newBuilder().setRequestId("m-1:ack")
            .setClientId("acme").setConversationId("c-1").setMessageId("m-1").setChannel(Channel.EMAIL)
            .setTo("dana@acme.example").setExpectedAnswerBy(Instant.EPOCH).setText("Expect an answer by Monday 13:00.")
            .setRequestedAt(Instant.EPOCH).build();

    @Test
    void rfc3834HeadersAndThreadingWhenTheOriginalIsKnown() {
        AcknowledgementMail mail = AcknowledgementMail.of(AutoReplyRequested.newBuilder(REQUEST).setSubject("Oven broken")
                .setInReplyTo("orig@acme.example").build(), null);
        assertThat(mail.subject()).isEqualTo("Re: Oven broken");
        assertThat(mail.headers()).containsEntry("Auto-Submitted", "auto-replied")
                .containsEntry("X-Auto-Response-Suppress", "All")
                .containsEntry("In-Reply-To", "<orig@acme.example>")
                .containsEntry("References", "<orig@acme.example>")
                .containsEntry(AcknowledgementMail.REQUEST_ID_HEADER, "m-1:ack");
        assertThat(mail.body()).isEqualTo("Expect an answer by Monday 13:00.");
    }

    @Test
    void withoutTheOriginalNoThreadingHeadersAndAPlainSubject() {
        AcknowledgementMail mail = AcknowledgementMail.of(REQUEST, null);
        assertThat(mail.subject()).isEqualTo(AcknowledgementMail.DEFAULT_SUBJECT);
        assertThat(mail.headers()).doesNotContainKeys("In-Reply-To", "References");
        assertThat(AcknowledgementMail.subject("RE: Oven")).isEqualTo("RE: Oven");
        assertThat(AcknowledgementMail.messageId("<a@b>\r\nBcc: x@y")).isNull();
    }

    @Test
    void anUpdateWithoutTheOriginalSubjectSaysItIsAnUpdateInTheClientsLanguage() {
        AutoReplyRequested update = AutoReplyRequested.newBuilder(REQUEST).setRequestId("m-1:update")
                .setKind(AutoReplyKind.SLA_UPDATE).build();
        assertThat(AcknowledgementMail.of(update, null).subject()).isEqualTo("An update on your message");
        assertThat(AcknowledgementMail.of(AutoReplyRequested.newBuilder(update).setLanguage("de").build(), null).subject())
                .isEqualTo("Neuigkeiten zu Ihrer Nachricht");
        assertThat(AcknowledgementMail.of(AutoReplyRequested.newBuilder(update).setSubject("Oven broken").build(), null)
                .subject()).isEqualTo("Re: Oven broken");
        assertThat(AcknowledgementMail.of(update, null).headers()).containsEntry("Auto-Submitted", "auto-replied")
                .containsEntry(AcknowledgementMail.REQUEST_ID_HEADER, "m-1:update");
    }

    @Test
    void escalationNamesTheLinesTheWordBothOrNothing() {
        assertThat(AcknowledgementMail.escalation(List.of("+1 212 555 0100"), "URGENT"))
                .isEqualTo("If this is a real emergency, contact our emergency line, +1 212 555 0100, or reply to this "
                        + "message with the word \"URGENT\" and we will treat it as an emergency at once.");
        assertThat(AcknowledgementMail.escalation(List.of("+1 1", "911@acme.example"), null))
                .isEqualTo("If this is a real emergency, contact our emergency lines, +1 1 or 911@acme.example.");
        assertThat(AcknowledgementMail.escalation(List.of(), " URGENT ")).contains("with the word \"URGENT\"")
                .doesNotContain("line");
        assertThat(AcknowledgementMail.escalation(List.of(" "), null)).isNull();
    }
}
