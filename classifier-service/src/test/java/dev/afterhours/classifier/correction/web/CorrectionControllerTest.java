package dev.afterhours.classifier.correction.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.afterhours.classifier.correction.ClassificationSource;
import dev.afterhours.classifier.correction.CorrectionHistory;
import dev.afterhours.classifier.correction.CorrectionMetrics;
import dev.afterhours.classifier.correction.CorrectionRequest;
import dev.afterhours.classifier.correction.CorrectionSink;
import dev.afterhours.classifier.correction.Corrections;
import dev.afterhours.classifier.correction.CorrectionsUnavailableException;
import dev.afterhours.classifier.correction.UrgencyCorrections;
import dev.afterhours.classifier.support.Fixtures;
import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.contracts.UrgencyCorrected;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP contract with the Kafka side replaced by in-memory fakes: statuses, problem bodies, metric, export. */
class CorrectionControllerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final String BODY = """
            {"urgency": "LOW", "correctedBy": "alice", "reason": "client's weekly newsletter, not an outage"}""";

    private final Map<String, MessageClassified> classified = new HashMap<>();
    private final List<UrgencyCorrected> published = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private boolean kafkaDown;
    private MockMvc mvc;
    private MessageReceived message;

    @BeforeEach
    void setUp() {
        ClassificationSource source = new ClassificationSource() {
            @Override
            public Optional<MessageClassified> find(String messageId) {
                return Optional.ofNullable(classified.get(messageId));
            }

            @Override
            public boolean isCaughtUp() {
                return true;
            }
        };
        CorrectionSink sink = correction -> {
            if (kafkaDown) {
                throw new CorrectionsUnavailableException("not acknowledged within 10s");
            }
            published.add(correction);
        };
        CorrectionHistory history = () -> new CorrectionHistory.History(published, 0);
        UrgencyCorrections corrections = new UrgencyCorrections(source, sink, history, new CorrectionMetrics(meters),
                Clock.fixed(NOW, ZoneOffset.UTC));
        // Signed in as alice: the controller takes who corrected from the sign-in.
        mvc = MockMvcBuilders.standaloneSetup(new CorrectionController(corrections))
                .defaultRequest(post("/").principal(new TestingAuthenticationToken("alice", null, "ROLE_staff")))
                .build();

        message = Fixtures.message("acme-shop", "Weekly news", "Unsubscribe here. Grüße aus Köln").build();
        classified.put(message.getMessageId(), MessageClassified.newBuilder()
                .setMessageId(message.getMessageId()).setClientId("acme-shop")
                .setConversationId(message.getConversationId()).setUrgency(Urgency.EMERGENCY).setConfidence(0.9)
                .setReasons(List.of("matched 'checkout is broken'")).setNeedsResponse(true).setAutoReply(false)
                .setAfterHoursStatus(AfterHoursStatus.AFTER_HOURS).setClientLocalTime("-").setClassifiedAt(NOW)
                .setMessage(message).build());
    }

    @Test
    void aCorrectionIsPublishedCountedAndEchoed() throws Exception {
        mvc.perform(post("/api/v1/messages/{id}/urgency", message.getMessageId())
                        .contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.messageId").value(message.getMessageId()))
                .andExpect(jsonPath("$.clientId").value("acme-shop"))
                .andExpect(jsonPath("$.previousUrgency").value("EMERGENCY"))
                .andExpect(jsonPath("$.previousReasons[0]").value("matched 'checkout is broken'"))
                .andExpect(jsonPath("$.correctedUrgency").value("LOW"))
                .andExpect(jsonPath("$.direction").value("LOWERED"))
                .andExpect(jsonPath("$.correctedBy").value("alice"))
                .andExpect(jsonPath("$.reason").value("client's weekly newsletter, not an outage"))
                .andExpect(jsonPath("$.correctedAt").value("2026-11-24T08:00:00Z"));

        assertThat(published).singleElement().satisfies(c -> {
            assertThat(c.getCorrectionId()).isNotNull();
            assertThat(c.getMessage()).isEqualTo(message);
        });
        assertThat(meters.get(CorrectionMetrics.CORRECTIONS).tags("client", "acme-shop", "direction", "lowered",
                "from", "EMERGENCY", "to", "LOW").counter().count()).isEqualTo(1.0);
    }

    @Test
    void anUnknownIdIsA404NamingIt() throws Exception {
        mvc.perform(post("/api/v1/messages/{id}/urgency", "msg-nobody-knows")
                        .contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.id").value("msg-nobody-knows"))
                .andExpect(jsonPath("$.detail").value("no classification of message 'msg-nobody-knows' is known"));
        assertThat(published).isEmpty();
    }

    @Test
    void aBadBodyIsA400NamingTheFieldBeforeAnyLookup() throws Exception {
        mvc.perform(post("/api/v1/messages/{id}/urgency", "msg-nobody-knows")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"urgency\": \"SOMEDAY\", \"correctedBy\": \"alice\", \"reason\": \"r\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("urgency"))
                .andExpect(jsonPath("$.detail").value("urgency: 'SOMEDAY' is not one of [EMERGENCY, HIGH, NORMAL, LOW]"));
        mvc.perform(post("/api/v1/messages/{id}/urgency", message.getMessageId())
                        .contentType(MediaType.APPLICATION_JSON).content("not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("body"));
        mvc.perform(post("/api/v1/messages/{id}/urgency", message.getMessageId())
                        .contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("body"));
        assertThat(published).isEmpty();
    }

    @Test
    void whenKafkaDoesNotAcknowledgeTheAnswerIs503AndNothingIsCounted() throws Exception {
        kafkaDown = true;

        mvc.perform(post("/api/v1/messages/{id}/urgency", message.getMessageId())
                        .contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.detail").value("not acknowledged within 10s"));
        assertThat(meters.find(CorrectionMetrics.CORRECTIONS).counter()).isNull();
    }

    @Test
    void theExportIsOneUtf8CorpusLinePerCorrectedMessageTheLatestWinning() throws Exception {
        MessageClassified classification = classified.get(message.getMessageId());
        published.add(Corrections.of(classification, new CorrectionRequest(Urgency.LOW, "alice", "newsletter"),
                UUID.randomUUID(), NOW));
        published.add(Corrections.of(classification, new CorrectionRequest(Urgency.NORMAL, "bob", "asks a question"),
                UUID.randomUUID(), NOW.plusSeconds(60)));

        byte[] body = mvc.perform(get("/api/v1/corrections/export"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/x-ndjson"))
                .andExpect(header().string(CorrectionController.SKIPPED_HEADER, "0"))
                .andReturn().getResponse().getContentAsByteArray();

        List<String> lines = new String(body, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode line = JsonMapper.builder().build().readTree(lines.getFirst());
        assertThat(line.get("id").asString()).isEqualTo("correction-" + message.getMessageId());
        assertThat(line.get("urgency").asString()).isEqualTo("NORMAL");
        assertThat(line.get("needsResponse").asBoolean()).isTrue();
        assertThat(line.get("body").asString()).isEqualTo("Unsubscribe here. Grüße aus Köln");
        assertThat(line.get("note").asString()).isEqualTo("corrected by bob: asks a question");
        assertThat(lines.getFirst()).startsWith("{\"id\":\"correction-" + message.getMessageId()
                + "\",\"language\":\"und\",\"channel\":\"EMAIL\",\"subject\":\"Weekly news\",");
    }
}
