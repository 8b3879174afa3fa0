package dev.afterhours.notifier.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.CrmNoteAdded;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CrmNotesTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final CrmNotes notes = new CrmNotes(2);

    private static CrmNoteAdded note(String id, int minute, String text) {
        return CrmNoteAdded.newBuilder().setNoteId(id).setClientId("acme").setAuthor("alice").setText(text)
                .setAddedAt(T0.plusSeconds(60L * minute)).build();
    }

    private static CrmNoteAdded edited(CrmNoteAdded note, int minute, String text, boolean pinned) {
        return CrmNoteAdded.newBuilder(note).setVersion(note.getVersion() + 1).setText(text).setPinned(pinned)
                .setEditedBy("bob").setEditedAt(T0.plusSeconds(60L * minute)).build();
    }

    @Test
    void aPageCarriesThePinnedNotesFirstThenTheLatestOthers() {
        CrmNoteAdded old = note("old", 0, "VIP: call the CEO's mobile, never the office");
        notes.add(old);
        notes.add(note("a", 1, "a"));
        notes.add(note("b", 2, "b"));
        notes.add(note("c", 3, "c"));
        notes.add(edited(old, 4, old.getText(), true));

        assertThat(notes.forPage("acme")).extracting(CrmNoteAdded::getNoteId).containsExactly("old", "c", "b");
        assertThat(notes.forPage("acme").getFirst().getVersion()).isEqualTo(2);
        assertThat(notes.forPage("other")).isEmpty();
    }

    @Test
    void everyVersionIsKeptAndTheHighestIsCurrent() {
        CrmNoteAdded first = note("n", 0, "payment provider migration this week");
        CrmNoteAdded second = edited(first, 5, "payment provider migration done", false);
        notes.add(second);
        notes.add(first); // versions may be read in any order across a replay; the highest wins
        notes.add(first);

        assertThat(notes.history("acme", "n")).extracting(CrmNoteAdded::getVersion).containsExactly(1, 2);
        assertThat(notes.current("acme", "n")).hasValueSatisfying(
                n -> assertThat(n.getText()).isEqualTo("payment provider migration done"));
        assertThat(notes.current("acme", "missing")).isEmpty();
    }

    @Test
    void searchFiltersByTextCaseInsensitivelyAndByPin() {
        CrmNoteAdded vip = note("vip", 0, "VIP client");
        notes.add(vip);
        notes.add(edited(vip, 1, "VIP client, escalate to Bob", true));
        notes.add(note("w", 2, "Weekly call on Mondays"));

        assertThat(notes.search("acme", "  escalate ", null)).extracting(CrmNoteAdded::getNoteId).containsExactly("vip");
        assertThat(notes.search("acme", null, false)).extracting(CrmNoteAdded::getNoteId).containsExactly("w");
        assertThat(notes.search("acme", "client", true)).hasSize(1);
        assertThat(notes.search("acme", "", null)).extracting(CrmNoteAdded::getNoteId).containsExactly("vip", "w");
    }
}
