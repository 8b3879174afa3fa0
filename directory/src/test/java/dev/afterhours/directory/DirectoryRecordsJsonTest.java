package dev.afterhours.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afterhours.contracts.ClientProfile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON says what type a value is: the admin API takes it at its word, where YAML's reader may coerce. */
class DirectoryRecordsJsonTest {

    private static Map<String, Object> acme() {
        ClientProfile acme = DirectorySeed.load(Path.of("../deploy/local/directory.yml")).clients().getFirst();
        return new LinkedHashMap<>(DirectoryRecords.toMap(acme));
    }

    @Test
    void aValidRecordReadsTheSameAsFromYaml() {
        assertThat(DirectoryRecords.fromJson(acme(), ClientProfile.class, DirectoryValidator.shapeOnly()))
                .isEqualTo(DirectoryRecords.fromMap(acme(), ClientProfile.class));
    }

    @Test
    void aWrongJsonTypeIsAProblemNamingTheField() {
        for (Object wrong : List.of(true, -1, 1e300, List.of(1), Map.of("a", "b"))) {
            Map<String, Object> map = acme();
            map.put("name", wrong);
            assertThatThrownBy(() -> DirectoryRecords.fromJson(map, ClientProfile.class, DirectoryValidator.shapeOnly()))
                    .as("name: %s", wrong)
                    .isInstanceOf(InvalidDirectoryRecordException.class)
                    .satisfies(e -> assertThat(((InvalidDirectoryRecordException) e).problems())
                            .singleElement().asString().startsWith("name: expected text"));
        }
        Map<String, Object> lenient = acme();
        lenient.put("name", 2024);
        assertThat(DirectoryRecords.fromMap(lenient, ClientProfile.class).getName()).as("YAML may").isEqualTo("2024");
    }
}
