package dev.afterhours.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.SlaPolicy;
import dev.afterhours.contracts.SupportCalendar;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A client's Slack channels, web form slug and language: their shape, and that no two clients share one. */
class ChannelIdentitiesValidationTest {

    private static ClientProfile.Builder client(String clientId) {
        return ClientProfile.newBuilder()
                .setClientId(clientId)
                .setName(clientId)
                .setAccountManagerId("alice")
                .setCalendar(SupportCalendar.newBuilder().setZone("UTC").build())
                .setSlaPolicy(SlaPolicy.newBuilder().setTargets(List.of()).build());
    }

    @Test
    void olderRecordsWithoutTheFieldsStayValid() {
        ClientProfile plain = client("acme").build();
        assertThat(plain.getSlackChannels()).isEmpty();
        assertThat(plain.getFormSlug()).isNull();
        assertThat(plain.getLanguage()).isNull();
        assertThat(DirectoryValidator.problems(plain)).isEmpty();
    }

    @Test
    void wellFormedIdentitiesAreAccepted() {
        ClientProfile client = client("bergmann").setSlackChannels(List.of("C0BERGMANN", "G01ABCDEF"))
                .setFormSlug("bergmann-gmbh").setLanguage("de").build();
        assertThat(DirectoryValidator.problems(client)).isEmpty();
        assertThat(DirectoryValidator.problems(client("x").setLanguage("pt-BR").setFormSlug("x").build())).isEmpty();
    }

    @Test
    void eachProblemNamesItsField() {
        ClientProfile client = client("acme")
                .setSlackChannels(List.of("#general", "C0ACMESHOP", "C0ACMESHOP"))
                .setFormSlug("Acme Shop/../x")
                .setLanguage("not a language!")
                .build();
        assertThat(DirectoryValidator.problems(client)).satisfiesExactly(
                p -> assertThat(p).startsWith("slackChannels[0]: '#general' is not a Slack channel id"),
                p -> assertThat(p).isEqualTo("slackChannels[2]: C0ACMESHOP is listed twice"),
                p -> assertThat(p).startsWith("formSlug: 'Acme Shop/../x' must be"),
                p -> assertThat(p).startsWith("language: 'not a language!' is not a BCP 47 language tag"));
        assertThat(DirectoryValidator.problems(client("y").setFormSlug("-y").build()))
                .singleElement().asString().startsWith("formSlug:");
    }

    @Test
    void aFormSlugOrSlackChannelNamesOneClient() {
        ClientProfile acme = client("acme").setFormSlug("acme").setSlackChannels(List.of("C0ACMESHOP")).build();
        ClientProfile copycat = client("copycat").setFormSlug("acme").setSlackChannels(List.of("C0OTHER1", "C0ACMESHOP")).build();

        assertThat(DirectoryValidator.clashesWithOtherClients(copycat, List.of(acme))).containsExactly(
                "formSlug: 'acme' is already the form of client 'acme'; a form slug names one client",
                "slackChannels[1]: C0ACMESHOP is already a channel of client 'acme'; a channel belongs to one client");
        assertThat(DirectoryValidator.clashesWithOtherClients(acme, List.of(acme)))
                .as("saving a client again compares it with the others only").isEmpty();
        assertThat(DirectoryValidator.clashesWithOtherClients(client("z").build(), List.of(client("w").build())))
                .as("two clients without a form do not clash").isEmpty();
    }

    @Test
    void aSeedFileWithTwoClientsOnOneFormIsRefused() {
        String yaml = """
                clients:
                  - {clientId: a, name: A, accountManagerId: alice, calendar: {zone: UTC}, slaPolicy: {targets: []}, formSlug: shared}
                  - {clientId: b, name: B, accountManagerId: alice, calendar: {zone: UTC}, slaPolicy: {targets: []}, formSlug: shared}
                """;
        assertThatThrownBy(() -> DirectorySeed.parse(new StringReader(yaml), "seed.yml"))
                .isInstanceOfSatisfying(InvalidDirectoryRecordException.class, e -> assertThat(e.problems())
                        .containsExactly("seed.yml: clients[1].formSlug: 'shared' is already the form of client 'a'; "
                                + "a form slug names one client"));
    }
}
