package dev.afterhours.manifests;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads Kubernetes manifests into fabric8's model (core, apps, policy, autoscaling) and Strimzi's own model, and
 * refuses what either model does not know.
 *
 * <p>Both models keep unknown fields instead of failing on them: their classes have a Jackson any-setter that
 * collects them into {@code additionalProperties}, so {@code FAIL_ON_UNKNOWN_PROPERTIES} alone lets a misspelt
 * {@code readinessProbe} pass. The mapper below fails where no any-setter exists, and {@link #unknownFields} walks
 * the parsed object graph for anything that landed in an {@code additionalProperties} map.
 */
final class KubernetesModel {

    /** The kinds the manifests may use, by apiVersion and kind; anything else is refused. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class));

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private static final ObjectMapper MODEL = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    /** One parsed document: where it came from, and the model object (or why it could not be parsed). */
    record Parsed(String source, String kind, HasMetadata resource, List<String> problems) {
        String name() {
            return resource == null ? "?" : resource.getMetadata().getName();
        }
    }

    private KubernetesModel() {
    }

    /** Every YAML document of every {@code *.yaml} file under {@code dir}, except kustomization files. */
    static List<Parsed> parseTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Parsed> all = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml")).sorted().toList()) {
                all.addAll(parse(dir.relativize(file).toString(), Files.readString(file)));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a multi-document YAML stream. */
    static List<Parsed> parse(String source, String yaml) {
        List<Parsed> parsed = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            var documents = YAML.readValues(parser, JsonNode.class);
            int index = 0;
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                index++;
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                parsed.add(parseDocument(source + "#" + index, document));
            }
        } catch (IOException e) {
            parsed.add(new Parsed(source, "?", null, List.of("not YAML: " + e.getMessage())));
        }
        return parsed;
    }

    private static Parsed parseDocument(String source, JsonNode document) {
        String apiVersion = document.path("apiVersion").asText();
        String kind = document.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(apiVersion + "/" + kind);
        if (type == null) {
            return new Parsed(source, kind, null, List.of("unknown apiVersion/kind " + apiVersion + "/" + kind));
        }
        try {
            HasMetadata resource = MODEL.treeToValue(document, type);
            List<String> problems = new ArrayList<>(unknownFields(resource));
            if (resource.getMetadata() == null || resource.getMetadata().getName() == null) {
                problems.add("no metadata.name");
            }
            return new Parsed(source, kind, resource, problems);
        } catch (IOException | IllegalArgumentException e) {
            return new Parsed(source, kind, null, List.of(e.getMessage()));
        }
    }

    /** Paths of the fields the model did not know, collected by its any-setters. */
    static List<String> unknownFields(Object root) {
        List<String> found = new ArrayList<>();
        walk(root, "", found, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object value, String path, List<String> found, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object item : collection) {
                if (item == null) {
                    // Strimzi's enums read a value they do not know (operations: [Reed]) as null
                    found.add(path + "[" + i + "] (a value the model does not know)");
                }
                walk(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, found, seen));
            return;
        }
        if (value instanceof Enum<?> || !ours(value.getClass())) {
            return;
        }
        for (Class<?> c = value.getClass(); c != null && ours(c); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object fieldValue = read(field, value);
                if (field.getName().equals("additionalProperties") && fieldValue instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> found.add(path + "." + k));
                } else {
                    walk(fieldValue, path + "." + field.getName(), found, seen);
                }
            }
        }
    }

    private static boolean ours(Class<?> type) {
        return type.getPackageName().startsWith("io.fabric8") || type.getPackageName().startsWith("io.strimzi");
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + field + ": " + e, e);
        }
    }
}
