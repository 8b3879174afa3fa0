package dev.afterhours.contracts;

import java.util.List;

/** The catalog of every topic Afterhours uses, shared by production code and tests. Immutable. */
public final class Topics {

    /** Every message on every channel, as ingest accepted it. */
    public static final Topic<String, MessageReceived> MESSAGES_RECEIVED =
            new Topic<>("afterhours.messages.received.v1", String.class, MessageReceived.class, false);

    /** Every message with the classifier's judgement. */
    public static final Topic<String, MessageClassified> MESSAGES_CLASSIFIED =
            new Topic<>("afterhours.messages.classified.v1", String.class, MessageClassified.class, false);

    /** SLA lifecycle: started, deferred, warned, breached, met. */
    public static final Topic<String, SlaEvent> SLA_EVENTS =
            new Topic<>("afterhours.sla.events.v1", String.class, SlaEvent.class, false);

    /** Someone must be paged now. */
    public static final Topic<String, EscalationRequested> ESCALATIONS =
            new Topic<>("afterhours.escalations.v1", String.class, EscalationRequested.class, false);

    /** Pages delivered, failed, acknowledged, escalated. */
    public static final Topic<String, NotificationEvent> NOTIFICATIONS =
            new Topic<>("afterhours.notifications.v1", String.class, NotificationEvent.class, false);

    /** Acknowledgements to send to clients, stating when the answer will come. */
    public static final Topic<String, AutoReplyRequested> AUTO_REPLIES =
            new Topic<>("afterhours.auto-replies.v1", String.class, AutoReplyRequested.class, false);

    /**
     * What the notifier did with each acknowledgement request (attempted, sent, failed, opted out, channel not
     * supported), keyed by requestId and compacted: the record of sends that makes an acknowledgement at most once.
     */
    public static final Topic<String, AutoReplyRecorded> AUTO_REPLY_OUTCOMES =
            new Topic<>("afterhours.auto-replies.outcomes.v1", String.class, AutoReplyRecorded.class, true);

    /**
     * Staff replies written through ingest's API, to send on the client's channel (the notifier), keyed by clientId.
     * Each carries the OUTBOUND message to publish to {@link #MESSAGES_RECEIVED} once the reply was really sent.
     */
    public static final Topic<String, ReplyRequested> REPLIES =
            new Topic<>("afterhours.replies.v1", String.class, ReplyRequested.class, false);

    /** Client context for whoever is on call. */
    public static final Topic<String, CrmNoteAdded> CRM_NOTES =
            new Topic<>("afterhours.crm-notes.v1", String.class, CrmNoteAdded.class, false, true);

    /** Staff overrides of the classifier's urgency, with the message, for the false-911 rate and retraining. */
    public static final Topic<String, UrgencyCorrected> URGENCY_CORRECTIONS =
            new Topic<>("afterhours.classifier.urgency-corrections.v1", String.class, UrgencyCorrected.class, false);

    public static final Topic<String, ClientProfile> DIRECTORY_CLIENTS =
            new Topic<>("afterhours.directory.clients.v1", String.class, ClientProfile.class, true);

    public static final Topic<String, StaffMember> DIRECTORY_STAFF =
            new Topic<>("afterhours.directory.staff.v1", String.class, StaffMember.class, true);

    public static final Topic<String, Rotation> DIRECTORY_ROTATIONS =
            new Topic<>("afterhours.directory.rotations.v1", String.class, Rotation.class, true);

    public static final Topic<String, EscalationPolicy> DIRECTORY_ESCALATION_POLICIES =
            new Topic<>("afterhours.directory.escalation-policies.v1", String.class, EscalationPolicy.class, true);

    /** Integrations' API keys, hashed; see ApiKey.avsc. Part of the directory: every service follows it. */
    public static final Topic<String, ApiKey> DIRECTORY_API_KEYS =
            new Topic<>("afterhours.directory.api-keys.v1", String.class, ApiKey.class, true);

    /**
     * Ingest's own state, not an event stream: voicemails waiting for their transcription, so a restarted ingest
     * still publishes them. Keyed by recordingSid, compacted; not in {@link #ALL}, which lists what services exchange.
     */
    public static final Topic<String, PendingVoicemail> INGEST_PENDING_VOICEMAILS =
            new Topic<>("afterhours.ingest.pending-voicemails.v1", String.class, PendingVoicemail.class, true);

    /**
     * The notifier's own record of the morning digests it sent (attempted, sent, failed), keyed by digestId
     * ({@code <staffId>|<day>}) and compacted: what makes a digest once per person per working day. Not in
     * {@link #ALL}, like the pending voicemails: no other service reads it.
     */
    public static final Topic<String, DigestRecorded> NOTIFIER_DIGESTS =
            new Topic<>("afterhours.notifier.digests.v1", String.class, DigestRecorded.class, true);

    /**
     * The notifier's record of the staff replies it sent (attempted, sent, failed), keyed by replyId and compacted:
     * what makes a reply once, and what its status shows. Not in {@link #ALL}, like the digests: no other service
     * reads it.
     */
    public static final Topic<String, ReplyRecorded> NOTIFIER_REPLIES =
            new Topic<>("afterhours.notifier.replies.v1", String.class, ReplyRecorded.class, true);

    public static final List<Topic<String, ?>> ALL = List.of(
            MESSAGES_RECEIVED, MESSAGES_CLASSIFIED, SLA_EVENTS, ESCALATIONS, NOTIFICATIONS, AUTO_REPLIES, AUTO_REPLY_OUTCOMES, REPLIES, CRM_NOTES,
            URGENCY_CORRECTIONS, DIRECTORY_CLIENTS, DIRECTORY_STAFF, DIRECTORY_ROTATIONS, DIRECTORY_ESCALATION_POLICIES,
            DIRECTORY_API_KEYS);

    public static final List<Topic<String, ?>> DIRECTORY = List.of(
            DIRECTORY_CLIENTS, DIRECTORY_STAFF, DIRECTORY_ROTATIONS, DIRECTORY_ESCALATION_POLICIES, DIRECTORY_API_KEYS);

    /** The client id of a message whose sender matched no client; such messages are kept for triage. */
    public static final String UNRESOLVED_CLIENT = "unresolved";

    private Topics() {
    }
}
