package dev.afterhours.ingest.webform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The form's languages, its escaping, and what it takes as a contact. */
class WebFormPagesTest {

    @Test
    void theClientsLanguagePicksTheTexts_andAnythingElseIsEnglish() {
        assertThat(FormTexts.forLanguage("de").lang()).isEqualTo("de");
        assertThat(FormTexts.forLanguage("de-AT").lang()).isEqualTo("de");
        assertThat(FormTexts.forLanguage("fr").what()).isEqualTo("Qu'est-ce qui ne fonctionne pas ?");
        assertThat(FormTexts.forLanguage("es-MX").lang()).isEqualTo("es");
        assertThat(FormTexts.forLanguage("ja").lang()).isEqualTo("en");
        assertThat(FormTexts.forLanguage(null).lang()).isEqualTo("en");
        assertThat(FormTexts.forLanguage("not a tag!").lang()).isEqualTo("en");
    }

    @Test
    void everyValueIsEscaped() {
        String html = FormPages.form(FormTexts.forLanguage("en"), "Bobby <script>\"Tables\"", "bobby", "t\"><x",
                Map.of(FormPages.WHAT, "</textarea><script>alert(1)</script>", FormPages.CONTACT, "\" onfocus=\"x"),
                Map.of(FormPages.WHAT, "<b>wrong</b>"));

        assertThat(html).doesNotContain("<script", "</textarea><", "\" onfocus", "t\"><x", "<b>wrong")
                .contains("Bobby &lt;script&gt;&quot;Tables&quot;", "&lt;/textarea&gt;", "&lt;b&gt;wrong&lt;/b&gt;");
        assertThat(html).contains("name=\"website\"", "tabindex=\"-1\"", "aria-hidden=\"true\"");
    }

    @Test
    void aContactIsAnEmailAddressOrAPhoneNumber() {
        assertThat(WebFormIntake.contact("Dana@Acme-Shop.example")).contains("dana@acme-shop.example");
        assertThat(WebFormIntake.contact("+49 30 555-010")).contains("+4930555010");
        assertThat(WebFormIntake.contact("(030) 555 010")).contains("030555010");
        assertThat(WebFormIntake.contact("not reachable")).isEmpty();
        assertThat(WebFormIntake.contact("a@b")).isEmpty();
        assertThat(WebFormIntake.contact("12+34567")).isEmpty();
        assertThat(WebFormIntake.contact("Dana <dana@acme-shop.example>")).isEmpty();
    }
}
