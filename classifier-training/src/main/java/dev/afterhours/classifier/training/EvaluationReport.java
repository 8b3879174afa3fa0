package dev.afterhours.classifier.training;

import dev.afterhours.classifier.classification.Classification;
import dev.afterhours.classifier.model.LabelledMessage;
import dev.afterhours.contracts.Urgency;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Precision, recall and F1 per urgency, the confusion matrix, and the auto-reply and needs-response accuracy. */
public final class EvaluationReport {

    private final int[][] confusion = new int[Urgency.values().length][Urgency.values().length];
    private final Map<String, int[]> byLanguage = new TreeMap<>();
    private final Map<String, Slice> languages = new TreeMap<>();
    private final Map<String, Slice> channels = new TreeMap<>();
    private final List<String> misses = new ArrayList<>();
    private final String title;
    private int total;
    private int autoReplyRight;
    private int needsResponseRight;
    private int autoReplyBoth;
    private int secondOpinions;
    private int autoReplyLabelled;
    private int autoReplyPredicted;

    /** Counts for one language or one channel: the per-slice rows of the table. */
    private static final class Slice {
        int total;
        int right;
        int emergencyLabelled;
        int emergencyPredicted;
        int emergencyBoth;
        int autoReplyRight;
        int needsResponseRight;

        void add(LabelledMessage expected, Classification actual) {
            total++;
            right += expected.urgency() == actual.urgency() ? 1 : 0;
            boolean labelled = expected.urgency() == Urgency.EMERGENCY;
            boolean predicted = actual.urgency() == Urgency.EMERGENCY;
            emergencyLabelled += labelled ? 1 : 0;
            emergencyPredicted += predicted ? 1 : 0;
            emergencyBoth += labelled && predicted ? 1 : 0;
            autoReplyRight += expected.autoReply() == actual.autoReply() ? 1 : 0;
            needsResponseRight += expected.needsResponse() == actual.needsResponse() ? 1 : 0;
        }

        String row(String name) {
            return String.format(Locale.ROOT, "%-8s %5d %9.3f %9s %9s %9.3f %9.3f%n", name, total, ratio(right, total),
                    emergencyLabelled == 0 ? "-" : String.format(Locale.ROOT, "%.3f", ratio(emergencyBoth, emergencyLabelled)),
                    emergencyPredicted == 0 ? "-" : String.format(Locale.ROOT, "%.3f", ratio(emergencyBoth, emergencyPredicted)),
                    ratio(autoReplyRight, total), ratio(needsResponseRight, total));
        }
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    public EvaluationReport() {
        this("Held-out split");
    }

    /** @param title what was evaluated, the table's first line */
    public EvaluationReport(String title) {
        this.title = title;
    }

    public void add(LabelledMessage expected, Classification actual) {
        total++;
        confusion[expected.urgency().ordinal()][actual.urgency().ordinal()]++;
        int[] language = byLanguage.computeIfAbsent(expected.language(), l -> new int[2]);
        language[1]++;
        if (expected.urgency() == actual.urgency()) {
            language[0]++;
        } else {
            misses.add(String.format(Locale.ROOT, "%s %s -> %s: %s", expected.id(), expected.urgency(),
                    actual.urgency(), String.join("; ", actual.reasons())));
        }
        if (expected.autoReply() == actual.autoReply()) {
            autoReplyRight++;
        }
        secondOpinions += actual.reasons().stream().anyMatch(r -> r.startsWith("words unsure")) ? 1 : 0;
        autoReplyLabelled += expected.autoReply() ? 1 : 0;
        autoReplyPredicted += actual.autoReply() ? 1 : 0;
        autoReplyBoth += expected.autoReply() && actual.autoReply() ? 1 : 0;
        languages.computeIfAbsent(expected.language(), l -> new Slice()).add(expected, actual);
        channels.computeIfAbsent(expected.channel().name(), c -> new Slice()).add(expected, actual);
        if (expected.needsResponse() == actual.needsResponse()) {
            needsResponseRight++;
        }
    }

    public int total() {
        return total;
    }

    public double precision(Urgency urgency) {
        int predicted = 0;
        for (int[] row : confusion) {
            predicted += row[urgency.ordinal()];
        }
        return predicted == 0 ? 0 : (double) confusion[urgency.ordinal()][urgency.ordinal()] / predicted;
    }

    public double recall(Urgency urgency) {
        int actual = support(urgency);
        return actual == 0 ? 0 : (double) confusion[urgency.ordinal()][urgency.ordinal()] / actual;
    }

    public double f1(Urgency urgency) {
        double p = precision(urgency);
        double r = recall(urgency);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public int support(Urgency urgency) {
        int actual = 0;
        for (int count : confusion[urgency.ordinal()]) {
            actual += count;
        }
        return actual;
    }

    public double accuracy() {
        int right = 0;
        for (Urgency u : Urgency.values()) {
            right += confusion[u.ordinal()][u.ordinal()];
        }
        return total == 0 ? 0 : (double) right / total;
    }

    public double autoReplyAccuracy() {
        return total == 0 ? 0 : (double) autoReplyRight / total;
    }

    /** F1 of "is an auto-reply": auto-replies are few, so accuracy flatters a detector that misses them. */
    public double autoReplyF1() {
        double precision = ratio(autoReplyBoth, autoReplyPredicted);
        double recall = ratio(autoReplyBoth, autoReplyLabelled);
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    public double needsResponseAccuracy() {
        return total == 0 ? 0 : (double) needsResponseRight / total;
    }

    public Map<Urgency, int[]> confusion() {
        Map<Urgency, int[]> rows = new EnumMap<>(Urgency.class);
        for (Urgency u : Urgency.values()) {
            rows.put(u, confusion[u.ordinal()].clone());
        }
        return rows;
    }

    /** The misclassified messages with the reasons given, for whoever improves the rules or the corpus. */
    public List<String> misses() {
        return List.copyOf(misses);
    }

    /** The table of the closing note and the README. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %d messages%n%n", title, total));
        out.append(String.format(Locale.ROOT, "%-10s %9s %9s %9s %8s%n", "urgency", "precision", "recall", "f1",
                "support"));
        for (Urgency u : Urgency.values()) {
            out.append(String.format(Locale.ROOT, "%-10s %9.3f %9.3f %9.3f %8d%n", u, precision(u), recall(u), f1(u),
                    support(u)));
        }
        out.append(String.format(Locale.ROOT, "%nconfusion (rows: labelled, columns: predicted)%n%-10s", ""));
        for (Urgency u : Urgency.values()) {
            out.append(String.format(Locale.ROOT, " %9s", u));
        }
        out.append(System.lineSeparator());
        for (Urgency row : Urgency.values()) {
            out.append(String.format(Locale.ROOT, "%-10s", row));
            for (Urgency column : Urgency.values()) {
                out.append(String.format(Locale.ROOT, " %9d", confusion[row.ordinal()][column.ordinal()]));
            }
            out.append(System.lineSeparator());
        }
        out.append(String.format(Locale.ROOT, "%nurgency accuracy        %.3f%n", accuracy()));
        out.append(String.format(Locale.ROOT, "auto-reply accuracy     %.3f%n", autoReplyAccuracy()));
        out.append(String.format(Locale.ROOT, "needs-response accuracy %.3f%n", needsResponseAccuracy()));
        byLanguage.forEach((language, counts) -> out.append(String.format(Locale.ROOT,
                "urgency accuracy [%s]   %.3f (%d messages)%n", language, (double) counts[0] / counts[1], counts[1])));
        out.append(String.format(Locale.ROOT, "auto-reply F1           %.3f (%d labelled, %d predicted)%n",
                autoReplyF1(), autoReplyLabelled, autoReplyPredicted));
        out.append(String.format(Locale.ROOT, "second opinion asked    %d of %d messages%n", secondOpinions, total));
        out.append(String.format(Locale.ROOT, "%nper slice   total  accuracy  EMER-rec EMER-prec  auto-acc  needs-acc%n"));
        languages.forEach((language, slice) -> out.append(slice.row(language)));
        channels.forEach((channel, slice) -> out.append(slice.row(channel)));
        return out.toString();
    }
}
