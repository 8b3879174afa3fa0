package dev.afterhours.classifier.correction;

import dev.afterhours.contracts.CorrectionDirection;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.contracts.UrgencyCorrected;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Pure logic of corrections: the event, its direction, and its line in the training corpus. */
public final class Corrections {

    private Corrections() {
    }

    /** Urgency symbols run from EMERGENCY to LOW, so a smaller ordinal is more urgent. */
    public static CorrectionDirection direction(Urgency previous, Urgency corrected) {
        int compared = Integer.compare(previous.ordinal(), corrected.ordinal());
        return compared > 0 ? CorrectionDirection.RAISED : compared < 0 ? CorrectionDirection.LOWERED
                : CorrectionDirection.UNCHANGED;
    }

    public static UrgencyCorrected of(MessageClassified classified, CorrectionRequest request, UUID correctionId,
            Instant correctedAt) {
        MessageReceived message = classified.getMessage();
        return UrgencyCorrected.newBuilder()
                .setCorrectionId(correctionId)
                .setMessageId(classified.getMessageId())
                .setClientId(classified.getClientId())
                .setConversationId(classified.getConversationId())
                .setChannel(message.getChannel())
                .setPreviousUrgency(classified.getUrgency())
                .setCorrectedUrgency(request.urgency())
                .setDirection(direction(classified.getUrgency(), request.urgency()))
                .setPreviousReasons(List.copyOf(classified.getReasons()))
                .setCorrectedBy(request.correctedBy())
                .setReason(request.reason())
                .setCorrectedAt(correctedAt)
                .setMessage(message)
                .build();
    }

    /**
     * The latest correction of each message, in the order of their correction time. "Latest" is the later record
     * on the topic: corrections are keyed by clientId, so those of one message share a partition and its order.
     */
    public static List<UrgencyCorrected> latestPerMessage(List<UrgencyCorrected> inTopicOrder) {
        Map<String, UrgencyCorrected> latest = new LinkedHashMap<>();
        inTopicOrder.forEach(c -> latest.put(c.getMessageId(), c));
        List<UrgencyCorrected> result = new ArrayList<>(latest.values());
        result.sort(Comparator.comparing(UrgencyCorrected::getCorrectedAt).thenComparing(UrgencyCorrected::getMessageId));
        return result;
    }

    /**
     * One example of the training corpus ({@code classifier-training/corpus/*.jsonl}): the message as the staff
     * member judged it. Keys in the corpus order; headers sorted so the export is stable.
     */
    public static Map<String, Object> corpusLine(UrgencyCorrected correction) {
        MessageReceived message = correction.getMessage();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", "correction-" + correction.getMessageId());
        line.put("language", "und");
        line.put("channel", message.getChannel().name());
        line.put("subject", message.getSubject());
        line.put("body", message.getBody());
        line.put("headers", new TreeMap<>(message.getHeaders()));
        line.put("urgency", correction.getCorrectedUrgency().name());
        line.put("needsResponse", correction.getCorrectedUrgency() != Urgency.LOW);
        line.put("autoReply", false);
        line.put("split", "train");
        line.put("note", "corrected by " + correction.getCorrectedBy() + ": " + correction.getReason());
        return line;
    }
}
