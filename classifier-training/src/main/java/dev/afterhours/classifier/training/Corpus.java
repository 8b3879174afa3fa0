package dev.afterhours.classifier.training;

import dev.afterhours.classifier.model.LabelledMessage;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Urgency;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The labelled corpus: every {@code *.jsonl} file of a directory, one message per line, read in file-name order
 * so that training is reproducible. {@code corrections.jsonl} (staff corrections exported by the service) joins
 * the train split.
 */
public final class Corpus {

    public static final String CORRECTIONS_FILE = "corrections.jsonl";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<LabelledMessage> messages;

    private Corpus(List<LabelledMessage> messages) {
        this.messages = List.copyOf(messages);
    }

    public static Corpus load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("corpus directory not found: " + directory.toAbsolutePath());
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<LabelledMessage> messages = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path file : files) {
            boolean corrections = file.getFileName().toString().equals(CORRECTIONS_FILE);
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                String where = file.getFileName() + ":" + (i + 1);
                LabelledMessage message = parse(lines.get(i), where, corrections);
                if (!ids.add(message.id())) {
                    throw new IllegalArgumentException(where + ": duplicate id " + message.id());
                }
                messages.add(message);
            }
        }
        return new Corpus(messages);
    }

    private static LabelledMessage parse(String line, String where, boolean correction) {
        try {
            JsonNode node = JSON.readTree(line);
            Map<String, String> headers = new LinkedHashMap<>();
            JsonNode headerNode = node.path("headers");
            for (String name : headerNode.propertyNames()) {
                headers.put(name, headerNode.get(name).asString());
            }
            JsonNode subject = node.path("subject");
            JsonNode note = node.path("note");
            String split = correction ? LabelledMessage.TRAIN : required(node, "split");
            if (!split.equals(LabelledMessage.TRAIN) && !split.equals(LabelledMessage.TEST)
                    && !split.equals(LabelledMessage.EXAMPLES)) {
                throw new IllegalArgumentException("split must be train, test or examples, was " + split);
            }
            return new LabelledMessage(required(node, "id"), node.path("language").asString("und"),
                    Channel.valueOf(required(node, "channel")),
                    subject.isNull() || subject.isMissingNode() ? null : subject.asString(),
                    required(node, "body"), headers, Urgency.valueOf(required(node, "urgency")),
                    node.path("needsResponse").asBoolean(true), node.path("autoReply").asBoolean(false),
                    split, note.isMissingNode() || note.isNull() ? null : note.asString());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value.asString();
    }

    public List<LabelledMessage> all() {
        return messages;
    }

    public List<LabelledMessage> train() {
        return messages.stream().filter(m -> !m.heldOut()).toList();
    }

    /** What the word models learn from: the train split without the second opinion's examples. */
    public List<LabelledMessage> wordTrain() {
        return messages.stream().filter(LabelledMessage::teachesWords).toList();
    }

    public List<LabelledMessage> heldOut() {
        return messages.stream().filter(LabelledMessage::heldOut).toList();
    }
}
