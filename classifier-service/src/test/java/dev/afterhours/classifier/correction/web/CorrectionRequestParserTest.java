package dev.afterhours.classifier.correction.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.afterhours.classifier.correction.CorrectionRequest;
import dev.afterhours.contracts.Urgency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorrectionRequestParserTest {

    @Test
    void readsAValidRequestAndTrimsItsText() {
        CorrectionRequest request = CorrectionRequestParser.parse("""
                {"urgency": "LOW", "correctedBy": " alice ", "reason": "client's weekly newsletter, not an outage"}""",
                "alice");

        assertThat(request).isEqualTo(new CorrectionRequest(Urgency.LOW, "alice",
                "client's weekly newsletter, not an outage"));
    }

    @Test
    void urgencyIgnoresCaseAndSurroundingSpace() {
        assertThat(CorrectionRequestParser.parse("""
                {"urgency": " emergency ", "reason": "site down"}""", "bob").urgency())
                .isEqualTo(Urgency.EMERGENCY);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            missing urgency        | {"correctedBy": "alice", "reason": "r"}                            | urgency     | urgency: is required
            null urgency           | {"urgency": null, "correctedBy": "alice", "reason": "r"}           | urgency     | urgency: is required
            unknown urgency        | {"urgency": "CRITICAL", "correctedBy": "alice", "reason": "r"}     | urgency     | urgency: 'CRITICAL' is not one of [EMERGENCY, HIGH, NORMAL, LOW]
            urgency not a string   | {"urgency": 3, "correctedBy": "alice", "reason": "r"}              | urgency     | urgency: must be a string
            someone else           | {"urgency": "LOW", "correctedBy": "bob", "reason": "r"}            | correctedBy | correctedBy: you are signed in as 'alice'
            correctedBy not text   | {"urgency": "LOW", "correctedBy": 7, "reason": "r"}                | correctedBy | correctedBy: must be a string
            missing reason         | {"urgency": "LOW", "correctedBy": "alice"}                         | reason      | reason: is required
            blank reason           | {"urgency": "LOW", "correctedBy": "alice", "reason": ""}           | reason      | reason: must not be blank
            reason not a string    | {"urgency": "LOW", "correctedBy": "alice", "reason": ["a"]}        | reason      | reason: must be a string
            unknown field          | {"urgency": "LOW", "correctedBy": "alice", "reason": "r", "by": 1} | by          | by: unknown field (known: [urgency, correctedBy, reason])
            not JSON               | urgency=LOW                                                        | body        | body: not valid JSON
            trailing garbage       | {"urgency": "LOW", "correctedBy": "alice", "reason": "r"} x        | body        | body: not valid JSON
            an array               | ["LOW"]                                                            | body        | body: expected a JSON object
            a string               | "LOW"                                                              | body        | body: expected a JSON object
            """)
    void aBadRequestNamesItsField(String name, String body, String field, String detail) {
        InvalidCorrectionRequestException e = catchThrowableOfType(InvalidCorrectionRequestException.class,
                () -> CorrectionRequestParser.parse(body, "alice"));

        assertThat(e).as(name).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).startsWith(detail);
    }

    @Test
    void whoCorrectedComesFromTheSignInWhenTheBodyDoesNotSay() {
        assertThat(CorrectionRequestParser.parse("{\"urgency\": \"LOW\", \"reason\": \"r\"}", "carol").correctedBy())
                .isEqualTo("carol");
        assertThat(CorrectionRequestParser.parse("{\"urgency\": \"LOW\", \"correctedBy\": \" \", \"reason\": \"r\"}",
                "carol").correctedBy()).isEqualTo("carol");
    }

    @Test
    void anEmptyBodyIsNamedBody() {
        assertThat(catchThrowableOfType(InvalidCorrectionRequestException.class,
                () -> CorrectionRequestParser.parse(null, "alice")).field()).isEqualTo("body");
        assertThat(catchThrowableOfType(InvalidCorrectionRequestException.class,
                () -> CorrectionRequestParser.parse("  ", "alice")).field()).isEqualTo("body");
    }

    @Test
    void overlongTextIsRefused() {
        String reason = "x".repeat(CorrectionRequestParser.MAX_REASON + 1);
        InvalidCorrectionRequestException e = catchThrowableOfType(InvalidCorrectionRequestException.class,
                () -> CorrectionRequestParser.parse("{\"urgency\": \"LOW\", \"correctedBy\": \"alice\", \"reason\": \""
                        + reason + "\"}", "alice"));

        assertThat(e.field()).isEqualTo("reason");
        assertThat(e.getMessage()).isEqualTo("reason: is longer than 2000 characters");
    }
}
