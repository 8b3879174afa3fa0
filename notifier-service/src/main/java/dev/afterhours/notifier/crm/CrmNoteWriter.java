package dev.afterhours.notifier.crm;

import dev.afterhours.contracts.CrmNoteAdded;
import dev.afterhours.contracts.Topics;
import dev.afterhours.notifier.kafka.TopicFollower;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Writes notes as versions on the CRM notes topic (keyed by client) and answers once this instance's follower has
 * applied the version to {@link CrmNotes}, so the page that follows carries it. Writes are serialized in this instance, so
 * two edits of one note here never claim the same version; two instances editing the same note in the same moment
 * could, and the later version then replaces the earlier in the history (see the README).
 */
public class CrmNoteWriter {

    private static final Logger log = LoggerFactory.getLogger(CrmNoteWriter.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration VISIBLE_TIMEOUT = Duration.ofSeconds(10);

    /** Kafka did not take the write: nothing changed. */
    public static final class NotWrittenException extends RuntimeException {
        NotWrittenException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final KafkaOperations<String, SpecificRecord> kafka;
    private final CrmNotes notes;
    private final TopicFollower<CrmNoteAdded> follower;
    private final Clock clock;

    /** @param follower the follower feeding {@code notes}: a write is answered once it has applied it */
    public CrmNoteWriter(KafkaOperations<String, SpecificRecord> kafka, CrmNotes notes,
            TopicFollower<CrmNoteAdded> follower, Clock clock) {
        this.kafka = kafka;
        this.notes = notes;
        this.follower = follower;
        this.clock = clock;
    }

    /** A new note, version 1, written by {@code author}. */
    public CrmNoteAdded create(String clientId, String author, String text, boolean pinned,
            @Nullable String conversationId) throws InterruptedException {
        return create(UUID.randomUUID().toString(), clientId, author, text, pinned, conversationId);
    }

    /**
     * A new note, version 1, under a given id: writing it again (a retry after a failure further on) replaces the
     * same version instead of adding a second note.
     */
    public synchronized CrmNoteAdded create(String noteId, String clientId, String author, String text, boolean pinned,
            @Nullable String conversationId) throws InterruptedException {
        CrmNoteAdded note = CrmNoteAdded.newBuilder().setNoteId(noteId).setClientId(clientId)
                .setAuthor(author).setText(text).setAddedAt(now()).setPinned(pinned)
                .setConversationId(conversationId).build();
        return write(note);
    }

    /** The next version of {@code current}: its text and pin as given (null: unchanged), made by {@code editor}. */
    public synchronized CrmNoteAdded edit(CrmNoteAdded current, String editor, @Nullable String text,
            @Nullable Boolean pinned) throws InterruptedException {
        CrmNoteAdded latest = notes.current(current.getClientId(), current.getNoteId()).orElse(current);
        CrmNoteAdded next = CrmNoteAdded.newBuilder(latest).setVersion(latest.getVersion() + 1)
                .setText(text != null ? text : latest.getText())
                .setPinned(pinned != null ? pinned : latest.getPinned())
                .setEditedBy(editor).setEditedAt(now()).build();
        return write(next);
    }

    private CrmNoteAdded write(CrmNoteAdded note) throws InterruptedException {
        RecordMetadata written;
        try {
            written = kafka.send(Topics.CRM_NOTES.name(), note.getClientId(), note)
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getRecordMetadata();
        } catch (ExecutionException | TimeoutException e) {
            throw new NotWrittenException("Kafka did not take the note: " + e, e);
        }
        TopicPartition partition = new TopicPartition(written.topic(), written.partition());
        if (!follower.awaitPositions(Map.of(partition, written.offset() + 1), VISIBLE_TIMEOUT)) {
            log.warn("Note {} v{} is written but not yet read back after {}", note.getNoteId(), note.getVersion(),
                    VISIBLE_TIMEOUT);
        }
        return note;
    }

    /** Milliseconds, as the topic keeps them, so what is answered equals what is read back. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
