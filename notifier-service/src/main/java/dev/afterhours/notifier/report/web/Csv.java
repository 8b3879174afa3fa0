package dev.afterhours.notifier.report.web;

import dev.afterhours.notifier.report.ReportTable;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A report as RFC 4180 CSV: a header row, CRLF line ends, every text field in double quotes (a quote doubled),
 * numbers bare so a spreadsheet reads them as numbers, and nothing (an empty field) where the JSON has null.
 * A text that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return) gets a
 * leading apostrophe: client names come from the directory, and a report must not carry code into someone's Excel.
 */
public final class Csv {

    private static final String CRLF = "\r\n";

    private Csv() {
    }

    public static String of(ReportTable table) {
        StringBuilder csv = new StringBuilder();
        line(csv, List.copyOf(table.columns()));
        for (List<@Nullable Object> row : table.rows()) {
            line(csv, row);
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<? extends @Nullable Object> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(values.get(i)));
        }
        csv.append(CRLF);
    }

    static String field(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number number) {
            return number.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
