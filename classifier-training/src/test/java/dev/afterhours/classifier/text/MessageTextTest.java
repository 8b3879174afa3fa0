package dev.afterhours.classifier.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.classifier.training.Corpus;
import dev.afterhours.classifier.model.LabelledMessage;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MessageTextTest {

    @Test
    void cutsTheQuotedReplyButKeepsItForNewsletters() {
        MessageText text = MessageText.of("Re: Shop", "All good now, thanks!\n\nOn Mon, 23 Nov 2026, Dana <d@x> wrote:\n"
                + "> the checkout is broken");

        assertThat(text.own()).isEqualTo("re: shop. all good now, thanks!");
        assertThat(text.all()).isEqualTo("re: shop. all good now, thanks! on mon, 23 nov 2026, dana <d@x> wrote: > the "
                + "checkout is broken");
    }

    @Test
    void withNothingQuotedTheWholeTextIsTheOwnText() {
        MessageText text = MessageText.of("Offers", "Hi\r\nSale  today\n");

        assertThat(text.all()).isEqualTo(text.own()).isEqualTo("offers. hi sale today");
    }

    /** The one-pass fold is the plain definition made fast: checked against it on the corpus and odd whitespace. */
    @Test
    void foldsExactlyAsReplacingQuotesThenCollapsingWhitespaceWould() {
        for (LabelledMessage message : Corpus.load(Path.of("corpus")).all()) {
            String nfkc = Normalizer.normalize(message.body(), Normalizer.Form.NFKC);
            assertThat(MessageText.fold(nfkc)).as(message.id()).isEqualTo(reference(nfkc));
        }
        for (String odd : new String[] {"", " ", "\t\n", "  A\u2028 B \u2003", "It\u2019s `done´ \u201Cok\u201D\u201E",
                "\u000B x \f\r\n y\u00A0 ", "İSTANBUL\n\n\n", "a\u001C"}) {
            assertThat(MessageText.fold(odd)).as(odd).isEqualTo(reference(odd));
        }
    }

    private static String reference(String nfkc) {
        String quotes = nfkc
                .replace('\u2019', '\'').replace('\u2018', '\'').replace('\u00B4', '\'').replace('`', '\'')
                .replace('\u201C', '"').replace('\u201D', '"').replace('\u201E', '"');
        return Pattern.compile("\\s+").matcher(quotes.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }
}
