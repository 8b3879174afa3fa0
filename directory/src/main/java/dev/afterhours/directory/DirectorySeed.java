package dev.afterhours.directory;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.EscalationPolicy;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.contracts.StaffMember;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.DumperOptions;

/**
 * Reads a directory seed file: YAML with top-level lists {@code clients}, {@code staff}, {@code rotations} and
 * {@code escalationPolicies}, each entry shaped like its Avro record. Scalars are read as text and converted by
 * the schema, so {@code 09:00} stays a time (YAML 1.1 would read it as the number 540).
 */
public final class DirectorySeed {

    private static final Set<String> SECTIONS = Set.of("clients", "staff", "rotations", "escalationPolicies");

    private DirectorySeed() {
    }

    public static DirectorySnapshot load(Path file) {
        return load(file, DirectoryValidator.shapeOnly());
    }

    /** @param validator judges every record, e.g. with the deployment's outbound allow-list */
    public static DirectorySnapshot load(Path file, DirectoryValidator validator) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return parse(reader, file.toString(), validator);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read directory seed " + file, e);
        }
    }

    /**
     * @throws InvalidDirectoryRecordException listing every problem in the file, each with its path
     */
    public static DirectorySnapshot parse(Reader reader, String source) {
        return parse(reader, source, DirectoryValidator.shapeOnly());
    }

    /**
     * @param validator judges every record, e.g. with the deployment's outbound allow-list
     * @throws InvalidDirectoryRecordException listing every problem in the file, each with its path
     */
    public static DirectorySnapshot parse(Reader reader, String source, DirectoryValidator validator) {
        LoaderOptions options = new LoaderOptions();
        Resolver textOnly = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
                // every scalar stays a String; the Avro schema decides what it means
            }
        };
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options, textOnly);
        Object document = yaml.load(reader);
        List<String> problems = new ArrayList<>();
        if (!(document instanceof Map<?, ?> root)) {
            throw new InvalidDirectoryRecordException(List.of(source + ": expected a mapping with " + SECTIONS));
        }
        root.keySet().stream().map(String::valueOf).filter(k -> !SECTIONS.contains(k))
                .forEach(k -> problems.add(source + ": unknown section '" + k + "' (known: " + SECTIONS + ")"));
        List<ClientProfile> clients = section(root, "clients", ClientProfile.class, source, validator, problems);
        List<StaffMember> staff = section(root, "staff", StaffMember.class, source, validator, problems);
        List<Rotation> rotations = section(root, "rotations", Rotation.class, source, validator, problems);
        List<EscalationPolicy> policies = section(root, "escalationPolicies", EscalationPolicy.class, source, validator, problems);
        for (int i = 0; i < clients.size(); i++) {
            String prefix = source + ": clients[" + i + "].";
            DirectoryValidator.clashesWithOtherClients(clients.get(i), clients.subList(0, i))
                    .forEach(problem -> problems.add(prefix + problem));
        }
        if (!problems.isEmpty()) {
            throw new InvalidDirectoryRecordException(problems);
        }
        return new DirectorySnapshot(clients, staff, rotations, policies);
    }

    private static <T extends SpecificRecord> List<T> section(Map<?, ?> root, String name, Class<T> type, String source,
            DirectoryValidator validator, List<String> problems) {
        Object entries = root.get(name);
        if (entries == null) {
            return List.of();
        }
        if (!(entries instanceof List<?> list)) {
            problems.add(source + ": " + name + " must be a list");
            return List.of();
        }
        List<T> records = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String prefix = source + ": " + name + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                problems.add(prefix + ": expected a mapping");
                continue;
            }
            try {
                records.add(DirectoryRecords.fromMap(map, type, validator));
            } catch (InvalidDirectoryRecordException e) {
                e.problems().forEach(p -> problems.add(prefix + "." + p));
            }
        }
        return records;
    }
}
