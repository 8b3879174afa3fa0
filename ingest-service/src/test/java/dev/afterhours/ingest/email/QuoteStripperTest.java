package dev.afterhours.ingest.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuoteStripperTest {

    @Test
    void anEnglishReplyLosesTheAttributionAndTheQuotedLines() {
        QuoteStripper.Result result = QuoteStripper.strip("""
                Still broken, customers cannot pay.

                On Mon, 7 Dec 2026 at 22:14, Alice Wong <alice@agency.example> wrote:
                > We deployed a fix, can you check?
                >
                > Alice
                """);

        assertThat(result.text()).isEqualTo("Still broken, customers cannot pay.");
        assertThat(result.stripped()).isTrue();
    }

    @Test
    void anAttributionWrappedOverTwoLinesIsFound() {
        assertThat(QuoteStripper.strip("""
                Thanks, that works.

                On Mon, Dec 7, 2026 at 10:02 PM Alice Wong <alice@agency.example>
                wrote:
                > fixed""").text()).isEqualTo("Thanks, that works.");
    }

    @Test
    void aGermanReplyLosesAmSchrieb() {
        assertThat(QuoteStripper.strip("""
                Der Shop ist immer noch nicht erreichbar!

                Am 07.12.2026 um 22:14 schrieb Bob Meyer <bob@agency.example>:
                > Wir haben den Fehler behoben.
                """).text()).isEqualTo("Der Shop ist immer noch nicht erreichbar!");
        assertThat(QuoteStripper.strip("""
                Bitte dringend zurückrufen.

                Am Mo., 7. Dez. 2026 um 22:14 Uhr schrieb Bob Meyer <
                bob@agency.example>:
                > Hallo""").text()).isEqualTo("Bitte dringend zurückrufen.");
    }

    @Test
    void outlookHistoryIsCutInEnglishAndGerman() {
        assertThat(QuoteStripper.strip("""
                Please call me back.

                -----Original Message-----
                From: Alice Wong <alice@agency.example>
                Sent: Monday, December 7, 2026 10:14 PM
                To: Dana Reyes
                Subject: RE: Checkout
                """).text()).isEqualTo("Please call me back.");
        assertThat(QuoteStripper.strip("""
                Bitte um Rückruf.

                ________________________________
                Von: Bob Meyer <bob@agency.example>
                Gesendet: Montag, 7. Dezember 2026 22:14
                An: Jonas Bergmann
                Betreff: AW: Shop
                """).text()).isEqualTo("Bitte um Rückruf.");
        assertThat(QuoteStripper.strip("""
                Bitte um Rückruf.

                Von: Bob Meyer <bob@agency.example>
                Gesendet: Montag, 7. Dezember 2026 22:14
                Betreff: AW: Shop
                """).text()).isEqualTo("Bitte um Rückruf.");
        assertThat(QuoteStripper.strip("""
                Danke.

                -----Ursprüngliche Nachricht-----
                Von: Bob Meyer""").text()).isEqualTo("Danke.");
    }

    @Test
    void theSignatureAndMobileFootersGo() {
        assertThat(QuoteStripper.strip("""
                The site is down.
                --\s
                Dana Reyes | Acme Shop | +1 555 0100 001
                """).text()).isEqualTo("The site is down.");
        assertThat(QuoteStripper.strip("The site is down.\n\nSent from my iPhone\n").text())
                .isEqualTo("The site is down.");
        assertThat(QuoteStripper.strip("Shop ist down.\n\nVon meinem iPhone gesendet\n").text())
                .isEqualTo("Shop ist down.");
    }

    @Test
    void interleavedAnswersKeepTheirOwnLines() {
        assertThat(QuoteStripper.strip("""
                > Is it all customers?
                Yes, all of them.
                > Since when?
                Since 22:00.""").text()).isEqualTo("Yes, all of them.\nSince 22:00.");
    }

    @Test
    void aMessageWithoutHistoryIsKeptWhole() {
        String text = "Checkout is broken since 22:00.\nOn the product page the button does nothing.";

        QuoteStripper.Result result = QuoteStripper.strip(text);

        assertThat(result.text()).isEqualTo(text);
        assertThat(result.stripped()).isFalse();
    }

    @Test
    void aForwardIsKeptAndAMessageThatIsAllQuoteFallsBackToTheWhole() {
        String forward = """
                FYI, see below.

                ---------- Forwarded message ---------
                From: Sam <sam@acme-shop.example>
                Date: Mon, 7 Dec 2026
                Subject: Outage""";
        // the forwarded header block looks like Outlook's, but the forward marker above it says it is the content
        assertThat(QuoteStripper.strip(forward).text()).isEqualTo(forward);

        QuoteStripper.Result allQuote = QuoteStripper.strip("> only a quote\n> nothing new");
        assertThat(allQuote.text()).isEqualTo("> only a quote\n> nothing new");
        assertThat(allQuote.stripped()).isFalse();
    }
}
