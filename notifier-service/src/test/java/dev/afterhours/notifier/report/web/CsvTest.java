package dev.afterhours.notifier.report.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.notifier.report.ReportTable;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void rfc4180WithAHeaderCrlfQuotedTextBareNumbersAndNoFormulas() {
        ReportTable table = new ReportTable(List.of("clientId", "clientName", "pages", "nightShare", "median"), List.of(
                Arrays.asList("acme", "Acme, \"the\" shop\nLtd", 3L, 0.6667, null),
                Arrays.asList("evil", "=HYPERLINK(\"http://x\")", 0L, null, 12L)));

        assertThat(Csv.of(table)).isEqualTo("\"clientId\",\"clientName\",\"pages\",\"nightShare\",\"median\"\r\n"
                + "\"acme\",\"Acme, \"\"the\"\" shop\nLtd\",3,0.6667,\r\n"
                + "\"evil\",\"'=HYPERLINK(\"\"http://x\"\")\",0,,12\r\n");
    }
}
