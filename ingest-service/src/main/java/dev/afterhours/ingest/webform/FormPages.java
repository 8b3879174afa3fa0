package dev.afterhours.ingest.webform;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;

/**
 * The form's pages, rendered on the server as plain HTML with the styles inline: no script, no external asset, every
 * value escaped. The honeypot is a text field people do not see (moved off screen, hidden from screen readers, out
 * of the tab order) and bots fill in.
 */
public final class FormPages {

    /** The form's fields, as posted. */
    public static final String NAME = "name";
    public static final String CONTACT = "contact";
    public static final String WHAT = "what";
    public static final String SEVERITY = "severity";
    public static final String TOKEN = "token";
    /** The honeypot: empty from a person. */
    public static final String HONEYPOT = "website";

    /** What every page is sent with: nothing loads from anywhere, nothing frames it, it posts only back here. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f5f5f4;color:#1c1917}
            main{max-width:36rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:.5rem}
            label,legend{display:block;font-weight:600;margin-top:1rem}
            input[type=text],textarea{width:100%;box-sizing:border-box;padding:.5rem;font:inherit;border:1px solid #a8a29e;border-radius:.25rem}
            fieldset{border:0;padding:0;margin:0} fieldset label{font-weight:400;margin-top:.4rem}
            small{color:#57534e} .error{color:#b91c1c;font-weight:600} .summary{border-left:4px solid #b91c1c;padding-left:.75rem}
            .hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
            button{margin-top:1.5rem;padding:.6rem 1.4rem;font:inherit;font-weight:600;background:#1d4ed8;color:#fff;border:0;border-radius:.25rem}
            """;

    private FormPages() {
    }

    /**
     * The form.
     *
     * @param values   what the sender wrote, shown again after a problem (escaped)
     * @param problems field name to what is wrong with it; {@code ""} for a problem with the form as a whole
     */
    public static String form(FormTexts texts, String clientName, String slug, String token, Map<String, String> values,
            Map<String, String> problems) {
        StringBuilder html = new StringBuilder(4096);
        head(html, texts, texts.title() + " · " + clientName);
        html.append("<h1>").append(esc(texts.title())).append("</h1>\n<p>")
                .append(esc(texts.intro().formatted(clientName))).append("</p>\n");
        if (!problems.isEmpty()) {
            html.append("<div class=\"summary\" role=\"alert\"><p class=\"error\">").append(esc(texts.problemsTitle()))
                    .append("</p>");
            String general = problems.get("");
            if (general != null) {
                html.append("<p>").append(esc(general)).append("</p>");
            }
            html.append("</div>\n");
        }
        html.append("<form method=\"post\" action=\"").append(esc(slug)).append("\" accept-charset=\"UTF-8\">\n")
                .append("<input type=\"hidden\" name=\"").append(TOKEN).append("\" value=\"").append(esc(token))
                .append("\">\n")
                .append("<div class=\"hp\" aria-hidden=\"true\"><label for=\"").append(HONEYPOT)
                .append("\">Website</label><input type=\"text\" id=\"").append(HONEYPOT).append("\" name=\"")
                .append(HONEYPOT).append("\" tabindex=\"-1\" autocomplete=\"off\" value=\"\"></div>\n");
        input(html, NAME, texts.name(), null, values, problems, "200", false);
        input(html, CONTACT, texts.contact(), texts.contactHint(), values, problems, "254", true);
        html.append("<label for=\"").append(WHAT).append("\">").append(esc(texts.what())).append("</label>\n");
        error(html, WHAT, problems);
        html.append("<textarea id=\"").append(WHAT).append("\" name=\"").append(WHAT)
                .append("\" rows=\"7\" required maxlength=\"").append(WebFormIntake.MAX_TEXT).append("\">")
                .append(esc(values.getOrDefault(WHAT, ""))).append("</textarea>\n");
        html.append("<fieldset><legend>").append(esc(texts.severity())).append("</legend>\n");
        error(html, SEVERITY, problems);
        String chosen = values.getOrDefault(SEVERITY, "");
        for (Severity severity : Severity.values()) {
            String id = SEVERITY + "-" + severity.value();
            html.append("<label for=\"").append(id).append("\"><input type=\"radio\" id=\"").append(id)
                    .append("\" name=\"").append(SEVERITY).append("\" value=\"").append(severity.value()).append('"')
                    .append(severity.value().equals(chosen) ? " checked" : "").append(" required> ")
                    .append(esc(texts.label(severity))).append("</label>\n");
        }
        html.append("</fieldset>\n<button type=\"submit\">").append(esc(texts.send())).append("</button>\n</form>\n");
        return foot(html);
    }

    /** The answer to a form taken (and, alike, to one a bot filled in). */
    public static String thanks(FormTexts texts, String clientName) {
        StringBuilder html = new StringBuilder(1024);
        head(html, texts, texts.thanksTitle() + " · " + clientName);
        html.append("<h1>").append(esc(texts.thanksTitle())).append("</h1>\n<p>").append(esc(texts.thanks()))
                .append("</p>\n");
        return foot(html);
    }

    /** A page with one message: no such form, too many posts, try again later. */
    public static String message(FormTexts texts, String title, String message) {
        StringBuilder html = new StringBuilder(1024);
        head(html, texts, title);
        html.append("<h1>").append(esc(title)).append("</h1>\n<p>").append(esc(message)).append("</p>\n");
        return foot(html);
    }

    private static void input(StringBuilder html, String field, String label, @Nullable String hint,
            Map<String, String> values, Map<String, String> problems, String maxLength, boolean required) {
        html.append("<label for=\"").append(field).append("\">").append(esc(label)).append("</label>\n");
        if (hint != null) {
            html.append("<small>").append(esc(hint)).append("</small>\n");
        }
        error(html, field, problems);
        html.append("<input type=\"text\" id=\"").append(field).append("\" name=\"").append(field)
                .append("\" maxlength=\"").append(maxLength).append("\" value=\"")
                .append(esc(values.getOrDefault(field, ""))).append('"').append(required ? " required" : "")
                .append(">\n");
    }

    private static void error(StringBuilder html, String field, Map<String, String> problems) {
        String problem = problems.get(field);
        if (problem != null) {
            html.append("<p class=\"error\" id=\"").append(field).append("-error\">").append(esc(problem))
                    .append("</p>\n");
        }
    }

    private static void head(StringBuilder html, FormTexts texts, String title) {
        html.append("<!DOCTYPE html>\n<html lang=\"").append(esc(texts.lang())).append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"robots\" content=\"noindex\">\n<title>").append(esc(title)).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n");
    }

    private static String foot(StringBuilder html) {
        return html.append("</main>\n</body>\n</html>\n").toString();
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
