package dev.afterhours.ingest.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.ingest.IngestApplication;
import dev.afterhours.ingest.IngestITSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Restart survival: a second, fresh instance (its own empty index, rebuilt from the received topic) recognises
 * provider retries, threads replies into conversations started on the first instance, and routes a staff reply to
 * one of them back to its client.
 */
class IndexRebuildIT extends IngestITSupport {

    @Test
    void aFreshInstanceRecognisesEarlierMessagesFromTheTopic() {
        String id = unique("before-restart");
        Response original = post("/api/v1/messages", email(id, "sam@acme-shop.example", "Invoice question"));
        assertThat(original.status()).isEqualTo(202);
        int firstPort = port;

        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(IngestApplication.class)
                .run(arguments(Map.of()))) {
            port = Integer.parseInt(second.getEnvironment().getProperty("local.server.port", "0"));
            assertThat(port).isNotEqualTo(firstPort);

            Response retry = post("/api/v1/messages", email(id, "sam@acme-shop.example", "Invoice question"));

            assertThat(retry.status()).isEqualTo(200);
            assertThat(retry.text("status")).isEqualTo("duplicate");
            assertThat(retry.text("messageId")).isEqualTo(original.text("messageId"));
            assertThat(retry.text("conversationId")).isEqualTo(original.text("conversationId"));
            assertThat(received(id)).hasSize(1);

            // A staff reply through the API goes back the way the client wrote, learned from the topic too.
            Response staffReply = post("/api/v1/conversations/" + original.text("conversationId") + "/replies",
                    "{\"text\": \"The invoice is on its way.\"}");
            assertThat(staffReply.status()).as(staffReply.json().toString()).isEqualTo(202);
            assertThat(staffReply.text("channel")).isEqualTo("EMAIL");
            assertThat(staffReply.text("to")).isEqualTo("sam@acme-shop.example");

            String replyId = unique("reply-after-restart");
            Response reply = post("/api/v1/messages", """
                    {"channel": "EMAIL", "direction": "OUTBOUND", "provider": "postmark", "providerMessageId": "%s",
                     "from": "bob@agency.example", "to": ["sam@acme-shop.example"], "body": "Sent you the invoice"}"""
                    .formatted(replyId));
            assertThat(reply.status()).isEqualTo(202);
            assertThat(reply.text("conversationId")).isEqualTo(original.text("conversationId"));
        } finally {
            port = firstPort;
        }
        // and the first instance learned of the second's reply by following the topic
        Response replyAgain = post("/api/v1/messages", """
                {"channel": "EMAIL", "provider": "postmark", "providerMessageId": "%s",
                 "from": "sam@acme-shop.example", "body": "Thanks!", "inReplyTo": "%s"}""".formatted(unique("thanks"), id));
        assertThat(replyAgain.text("conversationId")).isEqualTo(original.text("conversationId"));
    }
}
