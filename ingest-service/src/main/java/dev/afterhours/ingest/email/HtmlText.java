package dev.afterhours.ingest.email;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The text of an HTML mail body, parsed by jsoup, with its line structure kept (blocks and {@code <br>} become line
 * breaks) so the {@link QuoteStripper} can find attributions, and with what a mail program quoted
 * ({@code <blockquote>}) marked with {@code "> "} as a plain-text mail would have it.
 */
final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "pre", "hr", "table", "ul", "ol", "section", "article", "header", "footer");
    private static final Set<String> INVISIBLE = Set.of("head", "style", "script", "title");

    private HtmlText() {
    }

    static String of(String html) {
        Element body = Jsoup.parse(html).body();
        Renderer renderer = new Renderer();
        NodeTraversor.traverse(renderer, body);
        return renderer.text().replaceAll("\n{3,}", "\n\n").strip();
    }

    private static final class Renderer implements NodeVisitor {

        private final StringBuilder out = new StringBuilder();
        private int quoteDepth;
        private int invisibleDepth;
        private boolean lineStart = true;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                if (invisibleDepth > 0) {
                    return;
                }
                boolean pre = text.parent() instanceof Element parent && parent.closest("pre") != null;
                String content = pre ? text.getWholeText() : text.text();
                if (content.isBlank() && lineStart) {
                    return;
                }
                String[] lines = content.split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    if (i > 0) {
                        newLine();
                    }
                    append(lines[i]);
                }
            } else if (node instanceof Element element) {
                String tag = element.normalName();
                if (INVISIBLE.contains(tag)) {
                    invisibleDepth++;
                }
                if (BLOCKS.contains(tag)) {
                    newLine();
                }
                if (tag.equals("blockquote")) {
                    quoteDepth++;
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element element) {
                String tag = element.normalName();
                if (INVISIBLE.contains(tag)) {
                    invisibleDepth--;
                }
                if (tag.equals("blockquote")) {
                    quoteDepth--;
                }
                if (BLOCKS.contains(tag) && !tag.equals("br")) {
                    newLine();
                }
            }
        }

        private void append(String text) {
            if (text.isEmpty()) {
                return;
            }
            if (lineStart) {
                out.append("> ".repeat(quoteDepth));
                text = text.stripLeading();
                lineStart = false;
            }
            out.append(text);
        }

        private void newLine() {
            out.append('\n');
            lineStart = true;
        }

        String text() {
            return out.toString().lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElse("");
        }
    }
}
