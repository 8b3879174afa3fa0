package dev.afterhours.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.afterhours.contracts.Topic;
import dev.afterhours.contracts.Topics;
import dev.afterhours.manifests.KubernetesModel.Parsed;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserTlsClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResource;
import io.strimzi.api.kafka.model.user.acl.StrimziAclOperation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s, checked offline: every manifest parses into the Kubernetes and Strimzi models with no unknown field,
 * and the manifests agree with the code they deploy (the topic catalog, each service's application.yml, the
 * secrets Strimzi writes). The rendering by kustomize is {@link KustomizeRenderTest}.
 */
class ManifestsTest {

    static final Path K8S = Path.of("k8s");
    static final Path BASE = K8S.resolve("base");
    static final List<String> SERVICES = List.of("ingest", "classifier", "scheduler", "notifier");
    /** What services provision: the catalog, and the one topic a service keeps to itself (ingest's voicemails). */
    /** The catalog, and the topics kept out of it because one service alone reads and writes them. */
    static final List<Topic<String, ?>> PROVISIONED = concat(Topics.ALL, Topics.INGEST_PENDING_VOICEMAILS,
            Topics.NOTIFIER_DIGESTS, Topics.NOTIFIER_REPLIES);
    /** Scaled by an autoscaler; the scheduler (Streams state) and the notifier (its ledger) are scaled by hand. */
    static final Set<String> AUTOSCALED = Set.of("ingest", "classifier");
    /** Environment variables a service reads that no application.yml names, and why. */
    static final Map<String, String> READ_ELSEWHERE = Map.of(
            "SPRING_KAFKA_SECURITY_PROTOCOL", "Spring Boot's spring.kafka.security.protocol",
            "SPRING_KAFKA_SSL_KEY_STORE_TYPE", "Spring Boot's spring.kafka.ssl.key-store-type",
            "SPRING_KAFKA_SSL_KEY_STORE_LOCATION", "Spring Boot's spring.kafka.ssl.key-store-location",
            "SPRING_KAFKA_SSL_KEY_STORE_PASSWORD", "Spring Boot's spring.kafka.ssl.key-store-password",
            "SPRING_KAFKA_SSL_TRUST_STORE_TYPE", "Spring Boot's spring.kafka.ssl.trust-store-type",
            "SPRING_KAFKA_SSL_TRUST_STORE_LOCATION", "Spring Boot's spring.kafka.ssl.trust-store-location",
            "SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD", "Spring Boot's spring.kafka.ssl.trust-store-password",
            "JAVA_TOOL_OPTIONS", "the JVM",
            "POD_NAME", "the manifest itself, to build another variable");
    /** The fast lane's group is a @DefaultValue in ClassifierProperties, not in application.yml. */
    static final String FAST_LANE_GROUP = "afterhours-classifier-fast-lane";

    private static final YAMLMapper YAML = new YAMLMapper();

    static List<Parsed> base() {
        return KubernetesModel.parseTree(BASE);
    }

    @Test
    void everyManifestParsesIntoTheKubernetesAndStrimziModelsWithNoUnknownField() {
        List<Parsed> all = KubernetesModel.parseTree(K8S);

        assertThat(all).allSatisfy(p -> assertThat(p.problems()).as(p.source() + " (" + p.kind() + ")").isEmpty());
        assertThat(all.stream().map(Parsed::kind).collect(Collectors.toSet())).containsAll(List.of("Deployment",
                "Service", "ConfigMap", "PodDisruptionBudget", "HorizontalPodAutoscaler", "Kafka", "KafkaNodePool",
                "KafkaTopic", "KafkaUser", "Namespace"));
    }

    @Test
    void theParserRefusesWhatTheModelsDoNotKnow() {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  template:
                    spec:
                      containers:
                        - name: x
                          readinesProbe: {httpGet: {path: /actuator/health/readiness, port: 8080}}
                """;
        String topic = """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: t}
                spec: {partitons: 3}
                """;
        String acl = """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaUser
                metadata: {name: u}
                spec:
                  authorization:
                    type: simple
                    acls: [{resource: {type: topic, name: t}, operations: [Reed]}]
                """;
        String oldApi = """
                apiVersion: kafka.strimzi.io/v1beta1
                kind: KafkaTopic
                metadata: {name: t}
                """;

        assertThat(KubernetesModel.parse("d", deployment).getFirst().problems())
                .singleElement().asString().contains("readinesProbe");
        assertThat(KubernetesModel.parse("t", topic).getFirst().problems())
                .singleElement().asString().contains("partitons");
        assertThat(KubernetesModel.parse("u", acl).getFirst().problems())
                .singleElement().asString().contains("operations[0]");
        assertThat(KubernetesModel.parse("o", oldApi).getFirst().problems())
                .singleElement().asString().contains("unknown apiVersion/kind");
    }

    @Test
    void everyCatalogTopicHasAKafkaTopicAsTheLocalStackCreatesIt() {
        Map<String, KafkaTopic> topics = byName(base(), KafkaTopic.class);
        Map<String, KafkaTopic> expected = new TreeMap<>();

        for (Topic<String, ?> topic : PROVISIONED) {
            KafkaTopic kafkaTopic = topics.get(topic.name());
            assertThat(kafkaTopic).as("a KafkaTopic for " + topic.name()).isNotNull();
            expected.put(topic.name(), kafkaTopic);
            Map<String, Object> config = kafkaTopic.getSpec().getConfig();
            if (topic.compacted()) {
                assertThat(config).as(topic.name()).containsEntry("cleanup.policy", "compact");
                assertThat(kafkaTopic.getSpec().getPartitions()).as(topic.name() + " partitions").isEqualTo(1);
            } else {
                assertThat(config).as(topic.name()).containsEntry("cleanup.policy", "delete");
                KafkaTopic deadLetters = topics.get(topic.deadLetterTopic());
                assertThat(deadLetters).as("a KafkaTopic for " + topic.deadLetterTopic()).isNotNull();
                expected.put(topic.deadLetterTopic(), deadLetters);
            }
            if (topic.keptForever()) {
                assertThat(config).as(topic.name()).containsEntry("retention.ms", -1).containsEntry("retention.bytes", -1);
            }
        }
        // Event streams are co-partitioned by client: the same partition count everywhere.
        assertThat(Topics.ALL.stream().filter(t -> !t.compacted())
                .map(t -> topics.get(t.name()).getSpec().getPartitions()).distinct().toList()).hasSize(1);
        // Nothing else but the registry's own topics.
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(concat(expected.keySet(),
                List.of("afterhours-registry-journal", "afterhours-registry-snapshots")));
        assertThat(topics.values()).allSatisfy(t -> assertThat(t.getMetadata().getLabels())
                .containsEntry("strimzi.io/cluster", single(base(), Kafka.class).getMetadata().getName()));
    }

    @Test
    void eachServiceHasAKafkaUserWhoseAclsNameRealTopicsAndTheGroupsItsConfigurationUses() {
        List<Parsed> base = base();
        Map<String, KafkaTopic> topics = byName(base, KafkaTopic.class);
        Map<String, KafkaUser> users = byName(base, KafkaUser.class);

        for (KafkaUser user : users.values()) {
            assertThat(user.getSpec().getAuthentication()).isInstanceOf(KafkaUserTlsClientAuthentication.class);
            for (AclRule rule : acls(user)) {
                if (rule.getResource() instanceof AclRuleTopicResource topic) {
                    if (topic.getPatternType() == AclResourcePatternType.PREFIX) {
                        assertThat(topics.keySet().stream().anyMatch(n -> n.startsWith(topic.getName()))
                                || topic.getName().equals("afterhours-scheduler-"))
                                .as(user.getMetadata().getName() + ": prefix " + topic.getName() + " matches a topic")
                                .isTrue();
                    } else {
                        assertThat(topics).as(user.getMetadata().getName() + " names a topic that has no KafkaTopic")
                                .containsKey(topic.getName());
                    }
                }
            }
        }
        assertThat(users.keySet()).containsAll(SERVICES.stream().map(s -> "afterhours-" + s).toList());

        JsonNode classifier = applicationYml("classifier");
        assertThat(groupRead(users.get("afterhours-classifier")))
                .contains(defaultOf(classifier, "afterhours.classifier.consumer-group"), FAST_LANE_GROUP);
        String schedulerAppId = defaultOf(applicationYml("scheduler"), "afterhours.scheduler.application-id");
        assertThat(groupRead(users.get("afterhours-scheduler"))).contains(schedulerAppId);
        assertThat(acls(users.get("afterhours-scheduler"))).anySatisfy(rule -> {
            assertThat(rule.getResource()).isInstanceOfSatisfying(AclRuleTopicResource.class,
                    t -> assertThat(t.getName()).isEqualTo(schedulerAppId + "-"));
            assertThat(rule.getOperations()).contains(StrimziAclOperation.ALL);
        });
        assertThat(groupRead(users.get("afterhours-notifier")))
                .contains(defaultOf(applicationYml("notifier"), "spring.kafka.consumer.group-id"));
        for (String service : List.of("classifier", "scheduler", "notifier")) {
            // the pipeline's transactions and DeadLetterAdmin's replays: afterhours-<service>...
            assertThat(acls(users.get("afterhours-" + service))).as(service).anySatisfy(rule -> {
                assertThat(rule.getResource()).isInstanceOfSatisfying(AclRuleTransactionalIdResource.class, t -> {
                    assertThat(t.getName()).isEqualTo("afterhours-" + service);
                    assertThat(t.getPatternType()).isEqualTo(AclResourcePatternType.PREFIX);
                });
                assertThat(rule.getOperations()).contains(StrimziAclOperation.WRITE, StrimziAclOperation.DESCRIBE);
            });
        }
        // clients built by hand that read and write beyond each service's listeners and producers
        assertThat(topicOperations(users.get("afterhours-notifier"), Topics.MESSAGES_CLASSIFIED.name()))
                .as("the notifier's reports read the classified messages").contains(StrimziAclOperation.READ);
        assertThat(topicOperations(users.get("afterhours-notifier"), Topics.URGENCY_CORRECTIONS.name()))
                .as("the notifier's reports read the urgency corrections").contains(StrimziAclOperation.READ);
        assertThat(topicOperations(users.get("afterhours-ingest"), Topics.INGEST_PENDING_VOICEMAILS.name()))
                .as("ingest writes and follows its pending voicemails")
                .contains(StrimziAclOperation.READ, StrimziAclOperation.WRITE);
        assertThat(topicOperations(users.get("afterhours-ingest"), Topics.ESCALATIONS.name()))
                .as("ingest pages emergency lines early, before classification")
                .contains(StrimziAclOperation.WRITE);
        // ingest reads the lag of these groups for backpressure and the lag metric
        List<String> lagGroups = List.of(defaultOf(applicationYml("ingest"),
                "afterhours.ingest.backpressure.lag-groups").split(","));
        assertThat(acls(users.get("afterhours-ingest")).stream()
                .filter(r -> r.getResource() instanceof AclRuleGroupResource)
                .filter(r -> r.getOperations().contains(StrimziAclOperation.DESCRIBE))
                .map(r -> ((AclRuleGroupResource) r.getResource()).getName()).toList()).containsAll(lagGroups);
        // least privilege: no service may create, delete or alter topics of the catalog, nor act on the cluster
        for (KafkaUser user : users.values()) {
            assertThat(acls(user)).noneMatch(rule -> rule.getResource() instanceof AclRuleTopicResource t
                    && t.getName().startsWith("afterhours.")
                    && rule.getOperations().stream().anyMatch(o -> Set.of(StrimziAclOperation.CREATE,
                            StrimziAclOperation.DELETE, StrimziAclOperation.ALL).contains(o)));
            assertThat(acls(user)).noneMatch(rule -> rule.getResource().getType().equals("cluster"));
        }
    }

    @Test
    void probesPointAtTheHealthGroupsEachServiceServesOnItsPort() {
        Map<String, Deployment> deployments = byName(base(), Deployment.class);
        for (String service : SERVICES) {
            JsonNode yml = applicationYml(service);
            assertThat(yml.at("/management/endpoint/health/probes/enabled").asBoolean()).as(service).isTrue();
            assertThat(yml.at("/management/endpoints/web/exposure/include").asText()).as(service).contains("health");
            assertThat(yml.at("/management/endpoint/health/group/readiness/include").asText()).as(service).isNotBlank();
            assertThat(yml.at("/management/server/port").isMissingNode()).as(service + ": no management port").isTrue();
            int port = Integer.parseInt(defaultOf(yml, "server.port"));

            Container container = container(deployments.get("afterhours-" + service));
            assertThat(path(container.getLivenessProbe())).as(service).isEqualTo("/actuator/health/liveness");
            assertThat(path(container.getStartupProbe())).as(service).isEqualTo("/actuator/health/liveness");
            assertThat(path(container.getReadinessProbe())).as(service).isEqualTo("/actuator/health/readiness");
            for (Probe probe : List.of(container.getLivenessProbe(), container.getReadinessProbe(),
                    container.getStartupProbe())) {
                String portName = probe.getHttpGet().getPort().getStrVal();
                assertThat(container.getPorts()).as(service + " probe port " + portName)
                        .anySatisfy(p -> {
                            assertThat(p.getName()).isEqualTo(portName);
                            assertThat(p.getContainerPort()).isEqualTo(port);
                        });
            }
        }
    }

    @Test
    void everyConfigMapAndSecretAPodReferencesExistsWithTheKeysItNames() {
        List<Parsed> base = base();
        Map<String, Set<String>> configMaps = new TreeMap<>();
        byName(base, ConfigMap.class).forEach((name, cm) -> configMaps.put(name, cm.getData().keySet()));
        Map<String, Set<String>> secrets = strimziSecrets(base);
        generatedSecrets().forEach((name, keys) -> secrets.merge(name, keys, (a, b) -> {
            assertThat(a).as("every overlay generates " + name + " with the same keys").isEqualTo(b);
            return a;
        }));

        assertThat(danglingReferences(base, configMaps, secrets)).isEmpty();
    }

    @Test
    void everyEnvironmentVariableIsOneTheServiceReads() {
        List<Parsed> base = base();
        Map<String, ConfigMap> configMaps = byName(base, ConfigMap.class);
        Map<String, Deployment> deployments = byName(base, Deployment.class);
        for (String service : SERVICES) {
            Path yml = applicationYmlPath(service);
            Set<String> readable = readableVariables(yml);
            Container container = container(deployments.get("afterhours-" + service));
            Set<String> variables = new TreeSet<>();
            container.getEnv().forEach(e -> variables.add(e.getName()));
            for (EnvFromSource from : container.getEnvFrom()) {
                if (from.getConfigMapRef() != null) {
                    variables.addAll(configMaps.get(from.getConfigMapRef().getName()).getData().keySet());
                }
            }
            assertThat(variables).as(service + ": variables that neither " + yml + " nor Spring Boot reads")
                    .allMatch(v -> readable.contains(v) || READ_ELSEWHERE.containsKey(v));
        }
    }

    @Test
    void podsRunAsNonRootWithBoundedResourcesAndEveryDeploymentHasADisruptionBudget() {
        List<Parsed> base = base();
        Map<String, PodDisruptionBudget> budgets = byName(base, PodDisruptionBudget.class);
        Map<String, HorizontalPodAutoscaler> autoscalers = byName(base, HorizontalPodAutoscaler.class);
        for (Deployment deployment : byName(base, Deployment.class).values()) {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(name).isPositive();
            assertThat(pod.getAutomountServiceAccountToken()).as(name).isFalse();
            for (Container c : pod.getContainers()) {
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
                assertThat(c.getSecurityContext().getCapabilities().getDrop()).as(name).containsExactly("ALL");
                assertThat(c.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(name).containsKey("memory");
                Quantity limit = c.getResources().getLimits().get("memory");
                assertThat(Quantity.getAmountInBytes(limit))
                        .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(c.getResources().getRequests().get("memory")));
            }
            Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
            assertThat(budgets.values()).as(name + " has a PodDisruptionBudget")
                    .anyMatch(b -> b.getSpec().getSelector().getMatchLabels().equals(selector));
        }
        for (String service : SERVICES) {
            Container c = container(byName(base, Deployment.class).get("afterhours-" + service));
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as(service).isTrue();
            assertThat(autoscalers.containsKey("afterhours-" + service)).as(service + " autoscaled")
                    .isEqualTo(AUTOSCALED.contains(service));
        }
        autoscalers.values().forEach(hpa -> assertThat(hpa.getSpec().getMaxReplicas())
                .as("no more consumers than partitions")
                .isLessThanOrEqualTo(byName(base, KafkaTopic.class).get(Topics.MESSAGES_RECEIVED.name())
                        .getSpec().getPartitions()));
    }

    @Test
    void theImagesExposeThePortAndRunAsTheUserTheManifestsUse() throws IOException {
        String parent = Files.readString(Path.of("..", "pom.xml"));
        Matcher user = Pattern.compile("<user>(\\d+):(\\d+)</user>").matcher(parent);
        assertThat(user.find()).as("the images profile sets the user").isTrue();
        Map<String, Deployment> deployments = byName(base(), Deployment.class);
        for (String service : SERVICES) {
            String pom = Files.readString(Path.of("..", service + "-service", "pom.xml"));
            Matcher port = Pattern.compile("<afterhours.image.port>(\\d+)</afterhours.image.port>").matcher(pom);
            assertThat(port.find()).as(service + " sets its image port").isTrue();
            assertThat(pom).contains("<afterhours.image.skip>false</afterhours.image.skip>");
            Deployment deployment = deployments.get("afterhours-" + service);
            assertThat(container(deployment).getPorts()).as(service)
                    .anyMatch(p -> p.getName().equals("http") && p.getContainerPort() == Integer.parseInt(port.group(1)));
            assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())
                    .isEqualTo(Long.parseLong(user.group(1)));
            assertThat(container(deployment).getImage()).startsWith("afterhours/" + service + "-service:");
        }
    }

    // --- shared with KustomizeRenderTest ----------------------------------------------------------------------------

    /** Each reference (envFrom, valueFrom, volume) to a ConfigMap or Secret, or a key of one, that does not exist. */
    static List<String> danglingReferences(List<Parsed> resources, Map<String, Set<String>> configMaps,
            Map<String, Set<String>> secrets) {
        List<String> dangling = new ArrayList<>();
        for (Deployment deployment : byName(resources, Deployment.class).values()) {
            String where = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            for (Container c : pod.getContainers()) {
                for (EnvFromSource from : c.getEnvFrom()) {
                    if (from.getConfigMapRef() != null) {
                        check(dangling, where, "ConfigMap", configMaps, from.getConfigMapRef().getName(), null);
                    }
                    if (from.getSecretRef() != null) {
                        check(dangling, where, "Secret", secrets, from.getSecretRef().getName(), null);
                    }
                }
                for (EnvVar env : c.getEnv()) {
                    if (env.getValueFrom() == null) {
                        continue;
                    }
                    var cm = env.getValueFrom().getConfigMapKeyRef();
                    if (cm != null) {
                        check(dangling, where, "ConfigMap", configMaps, cm.getName(), cm.getKey());
                    }
                    var secret = env.getValueFrom().getSecretKeyRef();
                    if (secret != null) {
                        check(dangling, where, "Secret", secrets, secret.getName(), secret.getKey());
                    }
                }
            }
            for (Volume volume : pod.getVolumes()) {
                if (volume.getSecret() != null) {
                    String name = volume.getSecret().getSecretName();
                    check(dangling, where, "Secret", secrets, name, null);
                    volume.getSecret().getItems().forEach(i -> check(dangling, where, "Secret", secrets, name, i.getKey()));
                }
                if (volume.getConfigMap() != null) {
                    String name = volume.getConfigMap().getName();
                    check(dangling, where, "ConfigMap", configMaps, name, null);
                    volume.getConfigMap().getItems().forEach(i -> check(dangling, where, "ConfigMap", configMaps, name, i.getKey()));
                }
            }
        }
        return dangling;
    }

    private static void check(List<String> dangling, String where, String kind, Map<String, Set<String>> existing,
            String name, String key) {
        if (!existing.containsKey(name)) {
            dangling.add(where + " -> " + kind + " " + name + " (none such)");
        } else if (key != null && !existing.get(name).contains(key)) {
            dangling.add(where + " -> " + kind + " " + name + " has no key " + key);
        }
    }

    /** The secrets Strimzi's operators write: the cluster CA, and one per KafkaUser with TLS authentication. */
    static Map<String, Set<String>> strimziSecrets(List<Parsed> resources) {
        Map<String, Set<String>> secrets = new TreeMap<>();
        for (Kafka kafka : byName(resources, Kafka.class).values()) {
            secrets.put(kafka.getMetadata().getName() + "-cluster-ca-cert", Set.of("ca.crt", "ca.p12", "ca.password"));
        }
        for (KafkaUser user : byName(resources, KafkaUser.class).values()) {
            if (user.getSpec().getAuthentication() instanceof KafkaUserTlsClientAuthentication) {
                secrets.put(user.getMetadata().getName(),
                        Set.of("ca.crt", "user.crt", "user.key", "user.p12", "user.password"));
            }
        }
        for (Secret secret : byName(resources, Secret.class).values()) {
            Set<String> keys = new TreeSet<>();
            if (secret.getData() != null) {
                keys.addAll(secret.getData().keySet());
            }
            if (secret.getStringData() != null) {
                keys.addAll(secret.getStringData().keySet());
            }
            secrets.put(secret.getMetadata().getName(), keys);
        }
        return secrets;
    }

    /** The secrets the overlays' secretGenerators make, with the keys their committed *.example files list. */
    static Map<String, Set<String>> generatedSecrets() {
        Map<String, Set<String>> secrets = new TreeMap<>();
        for (Path overlay : overlays()) {
            JsonNode kustomization = readYaml(overlay.resolve("kustomization.yaml"));
            for (JsonNode generator : kustomization.path("secretGenerator")) {
                Set<String> keys = new TreeSet<>();
                for (JsonNode env : generator.path("envs")) {
                    keys.addAll(envFileKeys(overlay.resolve(env.asText() + ".example")));
                }
                assertThat(keys).as(overlay + ": " + generator.path("name").asText() + " has keys").isNotEmpty();
                secrets.merge(generator.path("name").asText(), keys, (a, b) -> {
                    assertThat(a).as("every overlay's " + generator.path("name").asText()).isEqualTo(b);
                    return a;
                });
            }
        }
        return secrets;
    }

    static List<Path> overlays() {
        try (var dirs = Files.list(K8S.resolve("overlays"))) {
            return dirs.filter(d -> Files.exists(d.resolve("kustomization.yaml"))).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> envFileKeys(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.substring(0, l.indexOf('=')))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new IllegalStateException(file + " is missing", e);
        }
    }

    static <T extends HasMetadata> Map<String, T> byName(List<Parsed> resources, Class<T> type) {
        Map<String, T> found = new LinkedHashMap<>();
        for (Parsed p : resources) {
            if (type.isInstance(p.resource())) {
                T previous = found.put(p.name(), type.cast(p.resource()));
                assertThat(previous).as("two " + type.getSimpleName() + " named " + p.name()).isNull();
            }
        }
        return found;
    }

    static <T extends HasMetadata> T single(List<Parsed> resources, Class<T> type) {
        Map<String, T> all = byName(resources, type);
        assertThat(all).hasSize(1);
        return all.values().iterator().next();
    }

    static Container container(Deployment deployment) {
        assertThat(deployment).isNotNull();
        return deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    private static String path(Probe probe) {
        assertThat(probe).isNotNull();
        return probe.getHttpGet().getPath();
    }

    private static List<AclRule> acls(KafkaUser user) {
        return ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls();
    }

    /** The operations a user may do on one topic, by the literal and prefix rules that match its name. */
    private static Set<StrimziAclOperation> topicOperations(KafkaUser user, String topicName) {
        return acls(user).stream()
                .filter(r -> r.getResource() instanceof AclRuleTopicResource t
                        && (t.getPatternType() == AclResourcePatternType.PREFIX ? topicName.startsWith(t.getName())
                                : topicName.equals(t.getName())))
                .flatMap(r -> r.getOperations().stream())
                .collect(Collectors.toSet());
    }

    @SafeVarargs
    private static List<Topic<String, ?>> concat(List<Topic<String, ?>> topics, Topic<String, ?>... more) {
        List<Topic<String, ?>> all = new ArrayList<>(topics);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    private static List<String> groupRead(KafkaUser user) {
        return acls(user).stream().filter(r -> r.getResource() instanceof AclRuleGroupResource)
                .filter(r -> r.getOperations().contains(StrimziAclOperation.READ))
                .map(r -> ((AclRuleGroupResource) r.getResource()).getName()).toList();
    }

    private static List<String> concat(Set<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    // --- application.yml ---------------------------------------------------------------------------------------------

    static Path applicationYmlPath(String service) {
        return Path.of("..", service + "-service", "src", "main", "resources", "application.yml");
    }

    static JsonNode applicationYml(String service) {
        return readYaml(applicationYmlPath(service));
    }

    static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+):((?:[^{}]|\\{[^}]*})*)}");

    /** The default of the placeholder that a property's value is, e.g. 8180 for {@code ${SERVER_PORT:8180}}. */
    static String defaultOf(JsonNode yml, String property) {
        JsonNode node = yml.at("/" + property.replace('.', '/'));
        assertThat(node.isValueNode()).as(property).isTrue();
        Matcher m = PLACEHOLDER.matcher(node.asText());
        return m.matches() ? m.group(2) : node.asText();
    }

    /**
     * The environment variables that reach a property of this application.yml: the placeholders it names, and the
     * relaxed-binding names of each property it sets (dots to underscores, dashes dropped or made underscores).
     */
    static Set<String> readableVariables(Path yml) {
        Set<String> names = new TreeSet<>();
        try {
            String text = Files.readString(yml);
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
            // variables named in the file's comments as the way to set a list property (the notifier's ack-link keys)
            Matcher documented = Pattern.compile("#.*?\\b(AFTERHOURS_[A-Z0-9_]+)").matcher(text);
            while (documented.find()) {
                names.add(documented.group(1));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        flatten(readYaml(yml), "", names);
        return names;
    }

    private static void flatten(JsonNode node, String prefix, Set<String> names) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                flatten(field.getValue(), prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), names);
            }
        } else {
            String upper = prefix.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
            names.add(upper.replace("-", ""));
            names.add(upper.replace('-', '_'));
        }
    }
}
