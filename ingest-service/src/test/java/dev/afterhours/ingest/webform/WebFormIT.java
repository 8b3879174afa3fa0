package dev.afterhours.ingest.webform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.ingest.ChannelsITSupport;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The clients' web forms end to end, as a browser uses them: GET the page, fill it in, POST it form-encoded; every
 * assertion on the real topic. The demo directory gives bergmann-gmbh the German form 'bergmann' and acme-shop the
 * English form 'acme-shop'. The rate limit's test runs last: it uses up this address's posts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebFormIT extends ChannelsITSupport {

    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");

    record Page(int status, String body, Map<String, List<String>> headers) {
        @Nullable String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        String token() {
            Matcher matcher = TOKEN.matcher(body);
            assertThat(matcher.find()).as("a token in\n" + body).isTrue();
            return matcher.group(1);
        }
    }

    private Page browse(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.header("Accept", "text/html,*/*;q=0.8")
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Page open(String slug) {
        return browse(HttpRequest.newBuilder(uri("/forms/" + slug)).GET());
    }

    private static String encode(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private Page send(String slug, Map<String, String> fields) {
        return browse(HttpRequest.newBuilder(uri("/forms/" + slug))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields))));
    }

    private static Map<String, String> filledIn(String token, String what) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", token);
        fields.put("website", "");
        fields.put("name", "Jonas Bergmann");
        fields.put("contact", "Jonas@Bergmann.example");
        fields.put("what", what);
        fields.put("severity", "critical");
        return fields;
    }

    /** The provider message id of what a page's token sends: the slug and the token's nonce. */
    private static String idOf(String slug, String token) {
        return slug + ":" + token.split("\\.")[1];
    }

    @Test
    void theFormOfAGermanClientIsInGerman_plainHtmlWithoutScriptsOrExternalAssets() {
        Page page = open("bergmann");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html").contains("UTF-8");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(page.header("Cache-Control")).contains("no-store");
        assertThat(page.body()).contains("<html lang=\"de\">", "Problem melden", "Für Bergmann GmbH",
                "Was funktioniert nicht?", "Wie schlimm ist es?", "Nichts geht mehr", "Senden");
        assertThat(page.body()).doesNotContain("<script", "src=", "http://", "https://");
        assertThat(page.token()).isNotBlank();

        assertThat(open("acme-shop").body()).as("a client without a language: English")
                .contains("<html lang=\"en\">", "What is broken?", "For Acme Shop");
    }

    @Test
    void anUnknownFormIs404() {
        Page page = open("no-such-client");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("There is no such form.");
        assertThat(send("no-such-client", Map.of("what", "x")).status()).isEqualTo(404);
    }

    @Test
    void aFilledInFormIsOneWebformMessage_thankedInTheClientsLanguage_andSendingThePageAgainAddsNone() {
        String token = open("bergmann").token();
        clock.advance(Duration.ofSeconds(3));
        Map<String, String> fields = filledIn(token, "Der Webshop zeigt nur noch Fehler.\nSeit 22 Uhr <script>alert(1)</script>");

        Page thanks = send("bergmann", fields);
        Page again = send("bergmann", fields);

        assertThat(thanks.status()).as(thanks.body()).isEqualTo(200);
        assertThat(thanks.body()).contains("Vielen Dank", "Wir haben Ihre Nachricht erhalten");
        assertThat(again.status()).isEqualTo(200);
        List<Map.Entry<String, MessageReceived>> events = received(idOf("bergmann", token));
        assertThat(events).as("one message, the page sent twice").hasSize(1);
        assertThat(events.getFirst().getKey()).isEqualTo("bergmann-gmbh");
        MessageReceived event = events.getFirst().getValue();
        assertThat(event.getChannel()).isEqualTo(Channel.WEBFORM);
        assertThat(event.getProvider()).isEqualTo("webform");
        assertThat(event.getClientId()).isEqualTo("bergmann-gmbh");
        assertThat(event.getFrom()).as("the sender's contact is who it is from").isEqualTo("jonas@bergmann.example");
        assertThat(event.getBody()).isEqualTo("Der Webshop zeigt nur noch Fehler.\nSeit 22 Uhr <script>alert(1)</script>");
        assertThat(event.getSubject()).isEqualTo("Web form: Der Webshop zeigt nur noch Fehler.");
        assertThat(event.getHeaders()).containsEntry(Severity.HEADER, "critical")
                .containsEntry(WebFormIntake.SLUG, "bergmann").containsEntry(WebFormIntake.LANGUAGE, "de")
                .containsEntry(WebFormIntake.SENDER_NAME, "Jonas Bergmann");
    }

    @Test
    void aFilledInHoneypotIsAnsweredLikeSuccessAndPublishesNothing() {
        String token = open("bergmann").token();
        clock.advance(Duration.ofSeconds(3));
        Map<String, String> fields = filledIn(token, "Cheap watches!");
        fields.put("website", "http://spam.example");

        Page page = send("bergmann", fields);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Vielen Dank");
        assertThat(received(idOf("bergmann", token))).isEmpty();
    }

    @Test
    void aForgedTokenOrOneOfAnotherFormIsRefused_andNothingIsPublished() {
        String token = open("bergmann").token();
        String acmeToken = open("acme-shop").token();
        clock.advance(Duration.ofSeconds(3));
        String[] parts = token.split("\\.");
        String forged = Long.toString(Long.parseLong(parts[0]) - 10_000) + "." + parts[1] + "." + parts[2];

        Page forgedPage = send("bergmann", filledIn(forged, "forged"));
        Page otherForm = send("bergmann", filledIn(acmeToken, "from another form"));
        Page noToken = send("bergmann", filledIn("", "no token"));

        for (Page refused : List.of(forgedPage, otherForm, noToken)) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).contains("Dieses Formular konnte nicht geprüft werden");
        }
        assertThat(received(idOf("bergmann", token))).isEmpty();
        assertThat(received(idOf("bergmann", acmeToken))).isEmpty();
    }

    @Test
    void aFormSentTooFastOrTooLateIsRefused_withTheFormAgain() {
        String fast = open("bergmann").token();
        Page tooFast = send("bergmann", filledIn(fast, "sent within a second"));
        String late = open("bergmann").token();
        clock.advance(Duration.ofHours(2).plusSeconds(1));
        Page expired = send("bergmann", filledIn(late, "sent the next morning"));

        for (Page refused : List.of(tooFast, expired)) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).contains("Diese Seite ist abgelaufen", "sent ", "name=\"token\"");
        }
        assertThat(received(idOf("bergmann", fast))).isEmpty();
        assertThat(received(idOf("bergmann", late))).isEmpty();
    }

    @Test
    void aWrongFieldIs400NamingIt_asAPageForPeopleAndAProblemForPrograms() {
        String token = open("bergmann").token();
        clock.advance(Duration.ofSeconds(3));
        Map<String, String> fields = filledIn(token, "<b>kaputt</b>");
        fields.put("contact", "not reachable");

        Page page = send("bergmann", fields);
        Response problem = sendAs(null, HttpRequest.newBuilder(uri("/forms/bergmann"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields))));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an.",
                "&lt;b&gt;kaputt&lt;/b&gt;").doesNotContain("<b>kaputt</b>");
        assertProblem(problem, 400, "contact");
        assertThat(received(idOf("bergmann", token))).isEmpty();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void tooManyFormsFromOneAddressAre429_andPublishNothing() {
        String token = open("bergmann").token();
        clock.advance(Duration.ofSeconds(3));
        Page last = null;
        for (int i = 0; i <= FORM_POSTS_PER_ADDRESS && (last == null || last.status() != 429); i++) {
            Map<String, String> honeypot = filledIn(token, "flood");
            honeypot.put("website", "x"); // publishes nothing, but counts against the limit like any post
            last = send("bergmann", honeypot);
        }
        Page refused = send("bergmann", filledIn(token, "one too many"));

        assertThat(last.status()).isEqualTo(429);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.body()).contains("Zu viele Nachrichten von Ihrer Adresse");
        assertThat(received(idOf("bergmann", token))).isEmpty();
    }
}
