package dev.afterhours.notifier.report.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.afterhours.notifier.report.ReportTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A report's CSV opened by a real spreadsheet: Gnumeric's {@code ssconvert} (Debian's {@code gnumeric} package)
 * imports it the way a person's spreadsheet would and saves it in Gnumeric's own format, whose cells say whether
 * they hold a number or a text. Every figure must come back as the same number, every name as the same text
 * (accents, quotes, commas and line breaks included), a formula-looking name as text and never as a formula, and a
 * null as an empty cell.
 */
class CsvInASpreadsheetTest {

    /** Gnumeric's value types: a floating-point number and a string. */
    private static final String NUMBER = "40";
    private static final String TEXT = "60";

    @TempDir
    Path directory;

    @Test
    void aSpreadsheetReadsTheSameFiguresAndNamesAndRunsNoFormula() throws Exception {
        ReportTable table = new ReportTable(
                List.of("clientId", "clientName", "pages", "nightShare", "medianWallSeconds", "attainment"),
                List.of(Arrays.asList("acme", "Acme, \"the\" shop\nLtd", 3L, 0.6667, null, 1.0),
                        Arrays.asList("mueller", "Müller & Söhne GmbH", 12L, 0.05, 5400L, 0.875),
                        Arrays.asList("evil", "=HYPERLINK(\"http://x\")", 0L, null, 12L, null),
                        Arrays.asList("plus", "+49 30 1234", 1_234_567L, 1.0E-4, 0L, 0.0)));

        Map<String, Cell> cells = spreadsheetCells(Csv.of(table));

        for (int c = 0; c < table.columns().size(); c++) {
            assertThat(cells.get(0 + ":" + c)).isEqualTo(new Cell(TEXT, table.columns().get(c)));
        }
        for (int r = 0; r < table.rows().size(); r++) {
            List<@Nullable Object> row = table.rows().get(r);
            for (int c = 0; c < row.size(); c++) {
                Object value = row.get(c);
                Cell cell = cells.get((r + 1) + ":" + c);
                String where = "row " + (r + 1) + " column " + table.columns().get(c);
                if (value == null) {
                    assertThat(cell).as(where).isNull();
                } else if (value instanceof Number number) {
                    assertThat(cell).as(where).isNotNull();
                    assertThat(cell.type()).as(where + " is a number").isEqualTo(NUMBER);
                    assertThat(Double.parseDouble(cell.text())).as(where).isCloseTo(number.doubleValue(),
                            offset(1e-12));
                } else {
                    // the apostrophe that defuses a formula is the spreadsheet's own "this is text" mark: it is not shown
                    assertThat(cell).as(where).isEqualTo(new Cell(TEXT, value.toString()));
                }
            }
        }
    }

    private record Cell(String type, String text) {
    }

    /** The cells ssconvert reads from the CSV, by "row:column", each with its value type and content. */
    private Map<String, Cell> spreadsheetCells(String csv) throws Exception {
        Path in = directory.resolve("report.csv");
        Path out = directory.resolve("report.gnumeric");
        Files.writeString(in, csv, StandardCharsets.UTF_8);
        Process process;
        try {
            process = new ProcessBuilder("ssconvert", in.toString(), out.toString()).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            assumeTrue(false, "NOT CHECKED: ssconvert is not installed (apt-get install --no-install-recommends gnumeric)");
            throw notInstalled;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ssconvert finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        Map<String, Cell> cells = new HashMap<>();
        try (InputStream xml = new GZIPInputStream(Files.newInputStream(out))) {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            NodeList list = factory.newDocumentBuilder().parse(xml).getElementsByTagNameNS("*", "Cell");
            List<String> formulas = new ArrayList<>();
            for (int i = 0; i < list.getLength(); i++) {
                Element cell = (Element) list.item(i);
                String key = cell.getAttribute("Row") + ":" + cell.getAttribute("Col");
                if (!cell.hasAttribute("ValueType")) {
                    formulas.add(key + " " + cell.getTextContent()); // a cell with an expression has no value type
                    continue;
                }
                cells.put(key, new Cell(cell.getAttribute("ValueType"), cell.getTextContent()));
            }
            assertThat(formulas).as("cells the spreadsheet would compute").isEmpty();
        }
        return cells;
    }
}
