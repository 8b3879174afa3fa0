package dev.afterhours.benchmarks.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --option value} arguments, an option repeatable; {@code --help} or {@code -h} asks for the usage. */
record CommandLine(Map<String, List<String>> values) {

    /** Null when the usage was asked for. */
    static CommandLine parse(String[] args, String usage) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                return null;
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got " + args[i] + "\n" + usage);
            }
            values.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[++i]);
        }
        return new CommandLine(values);
    }

    /** The option's last value, or the fallback. */
    String one(String name, String fallback) {
        List<String> given = values.get(name);
        return given == null ? fallback : given.getLast();
    }

    /** Every value of a repeatable option. */
    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }
}
