package dev.afterhours.notifier.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One report as a table: named columns and rows of values (strings, whole numbers, ratios, or null for "not
 * defined", e.g. a median of nothing). The JSON and the CSV of a report are both written from this one table, so
 * they carry the same figures.
 */
public record ReportTable(List<String> columns, List<List<@Nullable Object>> rows) {

    public ReportTable {
        columns = List.copyOf(columns);
        List<List<@Nullable Object>> copied = new ArrayList<>();
        for (List<@Nullable Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("a row of " + row.size() + " values for " + columns.size() + " columns");
            }
            copied.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = List.copyOf(copied);
    }

    /** Each row as an object keyed by column name, in column order. */
    public List<Map<String, @Nullable Object>> rowObjects() {
        List<Map<String, @Nullable Object>> objects = new ArrayList<>();
        for (List<@Nullable Object> row : rows) {
            Map<String, @Nullable Object> object = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                object.put(columns.get(i), row.get(i));
            }
            objects.add(object);
        }
        return objects;
    }

    /** A ratio rounded to 4 decimals (what both JSON and CSV show), or null when there is nothing to divide. */
    public static @Nullable Double ratio(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }
}
