package dev.afterhours.notifier.crm;

import dev.afterhours.contracts.CrmNoteAdded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Every client's CRM notes with every version of each, fed by a follower of the CRM notes topic (read from its
 * beginning; the topic is kept forever). A note's current version is its highest; a page carries the client's
 * pinned notes and then its latest others. Everything is held in memory: a note is its text, so ten thousand
 * notes of a paragraph each are a few megabytes.
 */
public final class CrmNotes {

    /** At most this many pinned notes travel with a page, most recently changed first. */
    public static final int PINNED_PER_PAGE = 5;

    private static final Comparator<CrmNoteAdded> PINNED_THEN_RECENT = Comparator
            .comparing((CrmNoteAdded n) -> !n.getPinned())
            .thenComparing(CrmNotes::changedAt, Comparator.reverseOrder())
            .thenComparing(CrmNoteAdded::getNoteId);

    private final int latestPerPage;
    /** Per client, per note id (first written first), its versions in version order. */
    private final Map<String, Map<String, List<CrmNoteAdded>>> byClient = new HashMap<>();

    /** @param latestPerPage how many unpinned notes, newest first, a page carries besides the pinned ones */
    public CrmNotes(int latestPerPage) {
        this.latestPerPage = latestPerPage;
    }

    /** When this version was made: an edit's time, else when the note was written. */
    public static Instant changedAt(CrmNoteAdded note) {
        return note.getEditedAt() != null ? note.getEditedAt() : note.getAddedAt();
    }

    /** Applies one version from the topic; the same version again (a replay) replaces itself. */
    public synchronized void add(CrmNoteAdded note) {
        List<CrmNoteAdded> versions = byClient.computeIfAbsent(note.getClientId(), c -> new LinkedHashMap<>())
                .computeIfAbsent(note.getNoteId(), n -> new ArrayList<>());
        versions.removeIf(v -> v.getVersion() == note.getVersion());
        versions.add(note);
        versions.sort(Comparator.comparingInt(CrmNoteAdded::getVersion));
    }

    /** What a page for the client carries: pinned notes first, then the latest others. */
    public synchronized List<CrmNoteAdded> forPage(String clientId) {
        List<CrmNoteAdded> current = currentOf(clientId).sorted(PINNED_THEN_RECENT).toList();
        List<CrmNoteAdded> pinned = current.stream().filter(CrmNoteAdded::getPinned).limit(PINNED_PER_PAGE).toList();
        List<CrmNoteAdded> latest = current.stream().filter(n -> !n.getPinned()).limit(latestPerPage).toList();
        return Stream.concat(pinned.stream(), latest.stream()).toList();
    }

    /**
     * The client's notes as they are now, pinned first, then most recently changed first.
     *
     * @param query  if not blank, only notes whose text contains it (case-insensitive)
     * @param pinned if not null, only notes pinned (true) or not (false)
     */
    public synchronized List<CrmNoteAdded> search(String clientId, @Nullable String query, @Nullable Boolean pinned) {
        String needle = query == null || query.isBlank() ? null : query.strip().toLowerCase(Locale.ROOT);
        return currentOf(clientId)
                .filter(n -> pinned == null || n.getPinned() == pinned)
                .filter(n -> needle == null || n.getText().toLowerCase(Locale.ROOT).contains(needle))
                .sorted(PINNED_THEN_RECENT).toList();
    }

    /** The note's current version. */
    public synchronized Optional<CrmNoteAdded> current(String clientId, String noteId) {
        List<CrmNoteAdded> versions = versionsOf(clientId, noteId);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.getLast());
    }

    /** Every version of the note, first written first. */
    public synchronized List<CrmNoteAdded> history(String clientId, String noteId) {
        return List.copyOf(versionsOf(clientId, noteId));
    }

    private List<CrmNoteAdded> versionsOf(String clientId, String noteId) {
        return byClient.getOrDefault(clientId, Map.of()).getOrDefault(noteId, List.of());
    }

    private Stream<CrmNoteAdded> currentOf(String clientId) {
        return byClient.getOrDefault(clientId, Map.of()).values().stream().map(List::getLast);
    }
}
