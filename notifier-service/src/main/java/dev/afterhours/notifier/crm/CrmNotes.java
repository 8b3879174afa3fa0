package dev.afterhours.notifier.crm;

import dev.afterhours.contracts.CrmNoteAdded;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest CRM notes of each client, newest first, fed by a follower of the CRM notes topic. Only the few a page
 * carries are kept, so memory stays bounded however long the topic is.
 */
public final class CrmNotes {

    private static final Comparator<CrmNoteAdded> NEWEST_FIRST =
            Comparator.comparing(CrmNoteAdded::getAddedAt).reversed().thenComparing(CrmNoteAdded::getNoteId);

    private final int keep;
    private final Map<String, List<CrmNoteAdded>> byClient = new HashMap<>();

    public CrmNotes(int keep) {
        this.keep = keep;
    }

    public synchronized void add(CrmNoteAdded note) {
        List<CrmNoteAdded> notes = byClient.computeIfAbsent(note.getClientId(), c -> new ArrayList<>());
        notes.removeIf(n -> n.getNoteId().equals(note.getNoteId()));
        notes.add(note);
        notes.sort(NEWEST_FIRST);
        while (notes.size() > keep) {
            notes.removeLast();
        }
    }

    /** The client's latest notes, newest first. */
    public synchronized List<CrmNoteAdded> latest(String clientId) {
        return List.copyOf(byClient.getOrDefault(clientId, List.of()));
    }
}
