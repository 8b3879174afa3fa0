package dev.afterhours.ingest.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.ingest.message.InboundMessage;
import dev.afterhours.ingest.message.IngestMetrics;
import dev.afterhours.ingest.message.StaffIdentities;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which mail is a staff member's reply: the rule alone, no broker (StaffRepliesIT sends real mail). */
class EmailIntakeTest {

    private static final StaffMember ALICE = StaffMember.newBuilder().setStaffId("alice").setName("Alice")
            .setZone("Europe/Berlin").setEmail("Alice@Agency.example").build();

    // the rule never reaches the intake: no MessageIntake behind it
    private final EmailIntake intake = new EmailIntake(null, new IngestMetrics(new SimpleMeterRegistry()),
            new StaffIdentities(() -> List.of(ALICE)),
            address -> address.toLowerCase().contains("acme-shop.example") ? Optional.of("acme-shop") : Optional.empty(),
            "Replies@agency.example");

    private static InboundMessage mail(String from, List<String> to, Map<String, String> headers) {
        return new InboundMessage(Channel.EMAIL, Direction.INBOUND, EmailParser.PROVIDER, "<m@x>", from, to, "Re: hi",
                "text", null, List.of(), headers, null, null);
    }

    @Test
    void staffMailToAClientContactOrThroughTheBccAddressIsAnOutboundReply() {
        InboundMessage toClient = intake.staffReplyOrAsIs(
                mail("Alice <alice@agency.example>", List.of("support@agency.example", "dana@acme-shop.example"), Map.of()),
                List.of("support@agency.example"));
        InboundMessage bcc = intake.staffReplyOrAsIs(
                mail("alice@agency.example", List.of("someone@new-co.example"), Map.of()), List.of("replies@AGENCY.example"));

        assertThat(toClient.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(toClient.header(StaffIdentities.STAFF_ID)).isEqualTo("alice");
        assertThat(bcc.direction()).isEqualTo(Direction.OUTBOUND);
    }

    @Test
    void staffMailNamingNoClient_mailFromOthers_andStaffMailThatFailedSpfOrDmarcStayAsTheyCame() {
        // even when they came through the BCC address
        List<InboundMessage> asIs = List.of(
                mail("dana@acme-shop.example", List.of("dana@acme-shop.example"), Map.of()),
                mail("alice@agency.example", List.of("dana@acme-shop.example"), Map.of(EmailParser.SPF, "fail")),
                mail("alice@agency.example", List.of("dana@acme-shop.example"), Map.of(EmailParser.DMARC, "fail")));

        for (InboundMessage message : asIs) {
            assertThat(intake.staffReplyOrAsIs(message, List.of("replies@agency.example"))).as(message.toString())
                    .isSameAs(message);
        }
        InboundMessage toUsAlone = mail("alice@agency.example", List.of("support@agency.example"), Map.of());
        assertThat(intake.staffReplyOrAsIs(toUsAlone, List.of("support@agency.example"))).isSameAs(toUsAlone);
    }
}
