package dev.afterhours.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.manifests.KubernetesModel.Parsed;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders deploy/k8s (the base and each overlay) with kustomize, as {@code kubectl apply -k} would, and checks the
 * result as {@link ManifestsTest} checks the sources: it parses into the models, and every reference resolves
 * (after kustomize has renamed the generated secrets).
 *
 * <p>Kustomize is not on Maven Central, Debian's {@code kubernetes-client} (kubectl 1.20, kustomize v2) is too old for
 * these files, and npm has no kustomize package: the test uses {@code kustomize} or {@code kubectl} (1.21 or newer,
 * kustomize built in) from the PATH, or {@code $KUSTOMIZE} / {@code $KUBECTL}, and is <em>skipped, loudly</em>, on a
 * machine that has neither.
 */
class KustomizeRenderTest {

    private static List<String> kustomize;

    @TempDir
    static Path work;

    @BeforeAll
    static void findKustomize() {
        kustomize = locate().orElse(null);
    }

    /** In the test, not in @BeforeAll, so that surefire counts it as skipped rather than not at all. */
    private static void requireKustomize() {
        if (kustomize == null) {
            String message = "NOT RENDERED: neither kustomize nor kubectl is on the PATH (or in $KUSTOMIZE / $KUBECTL), "
                    + "so the kustomize build of deploy/k8s was not checked on this machine. ManifestsTest still "
                    + "parsed every file. Install kubectl (1.21+) or kustomize to run this check.";
            System.err.println("\n!!! " + message + "\n");
            Assumptions.abort(message);
        }
    }

    @Test
    void theBaseAndEveryOverlayRenderIntoValidManifestsWhoseReferencesResolve() throws Exception {
        requireKustomize();
        Path tree = copyWithExampleSecrets();
        List<Path> targets = new ArrayList<>();
        targets.add(tree.resolve("base"));
        for (Path overlay : ManifestsTest.overlays()) {
            targets.add(tree.resolve(ManifestsTest.K8S.relativize(overlay)));
        }
        for (Path target : targets) {
            String rendered = render(target);
            List<Parsed> resources = KubernetesModel.parse(target.toString(), rendered);
            assertThat(resources).as(target + " renders something").hasSizeGreaterThan(20);
            assertThat(resources).allSatisfy(p -> assertThat(p.problems()).as(p.source() + " " + p.kind()).isEmpty());

            Map<String, Set<String>> configMaps = new TreeMap<>();
            ManifestsTest.byName(resources, ConfigMap.class).forEach((n, cm) -> configMaps.put(n, cm.getData().keySet()));
            Map<String, Set<String>> secrets = ManifestsTest.strimziSecrets(resources);
            if (target.endsWith("base")) {
                secrets.putAll(ManifestsTest.generatedSecrets());   // the base leaves the secrets to the overlays
            }
            assertThat(ManifestsTest.danglingReferences(resources, configMaps, secrets)).as(target.toString()).isEmpty();

            if (!target.endsWith("base")) {
                // one namespace for everything namespaced, and the services' topics managed in it
                assertThat(resources.stream().map(Parsed::resource).filter(r -> !r.getKind().equals("Namespace"))
                        .map(r -> r.getMetadata().getNamespace()).distinct().toList()).as(target.toString()).hasSize(1);
                assertThat(ManifestsTest.byName(resources, KafkaTopic.class)).hasSizeGreaterThan(20);
                assertThat(ManifestsTest.byName(resources, Deployment.class).values().stream()
                        .map(d -> ManifestsTest.container(d).getImage())).allMatch(i -> !i.isBlank());
            }
        }
    }

    private static Path copyWithExampleSecrets() throws IOException {
        Path tree = work.resolve("k8s");
        try (Stream<Path> files = Files.walk(ManifestsTest.K8S)) {
            for (Path source : files.toList()) {
                Path target = tree.resolve(ManifestsTest.K8S.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!source.getFileName().toString().endsWith(".env")) {   // never a real secret
                    Files.copy(source, target);
                    if (source.getFileName().toString().endsWith(".env.example")) {
                        Files.copy(source, target.resolveSibling(source.getFileName().toString()
                                .replace(".env.example", ".env")));
                    }
                }
            }
        }
        return tree;
    }

    private static String render(Path target) throws Exception {
        List<String> command = new ArrayList<>(kustomize);
        command.add(target.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + err).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    /** kustomize build, or kubectl kustomize, whichever exists. */
    private static Optional<List<String>> locate() {
        String explicit = System.getenv("KUSTOMIZE");
        if (explicit != null && Files.isExecutable(Path.of(explicit))) {
            return Optional.of(List.of(explicit, "build"));
        }
        String kubectl = System.getenv("KUBECTL");
        if (kubectl != null && Files.isExecutable(Path.of(kubectl))) {
            return Optional.of(List.of(kubectl, "kustomize"));
        }
        return onPath("kustomize").map(k -> List.of(k.toString(), "build"))
                .or(() -> onPath("kubectl").map(k -> List.of(k.toString(), "kustomize")));
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
