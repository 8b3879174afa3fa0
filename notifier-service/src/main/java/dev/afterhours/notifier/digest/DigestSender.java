package dev.afterhours.notifier.digest;

import dev.afterhours.businesstime.SupportHours;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.DigestOutcome;
import dev.afterhours.contracts.DigestRecorded;
import dev.afterhours.contracts.NotificationChannel;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.notifier.delivery.DeliveryResult;
import dev.afterhours.notifier.delivery.EmailSender;
import dev.afterhours.notifier.delivery.SlackPoster;
import dev.afterhours.notifier.ledger.RecordingFailedException;
import dev.afterhours.notifier.slawarning.WorkingHours;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends each account manager their morning digest, once per working day.
 *
 * <p>A person's working day is theirs ({@code StaffMember.workingHours}, in their zone), or, when they name none, the
 * calendar of the first of their clients by id. At each check, for everyone who manages at least one client (and
 * whose id falls in a partition of the SLA events this instance consumes, so that one instance handles each person),
 * a digest is due when the working day has started on today's local date; it lists what arrived for their clients
 * since the end of the previous working day, and what is still open from before ({@link DigestBook#forDigest},
 * {@link Digests}). Nothing to list: nothing is sent.
 *
 * <p>By Slack or e-mail: a person with a {@code slackUserId} gets it as a Slack message from the notifier's app
 * (one line per SLA, {@link SlackPoster#lines}) when the Slack app is configured; by e-mail otherwise, and when
 * Slack refuses or fails (after its retries), recording why in the digest's {@code fallback}. There is no
 * per-person channel choice in the directory: someone who gave a Slack member id is reachable there.
 *
 * <p>Once per person and day: {@code ATTEMPTED} is written to {@code afterhours.notifier.digests.v1} under
 * {@code <staffId>|<day>} and acknowledged by the broker before the message goes out, then {@code SENT} or
 * {@code FAILED} (a failed Slack post is followed by the e-mail's own {@code ATTEMPTED}); any recorded outcome means
 * never again, across restarts and instances (losing a digest is preferred to sending it twice, as for pages).
 */
public final class DigestSender {

    private static final Logger log = LoggerFactory.getLogger(DigestSender.class);
    private static final String SLACK_FAILED = "slack_failed";
    private static final String SLACK_NOT_CONFIGURED = "slack_not_configured";

    private final DirectoryView directory;
    private final DigestBook book;
    private final DigestLedger ledger;
    private final EmailSender email;
    private final SlackPoster slack;
    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final Predicate<String> handlesStaff;
    private final String from;
    private final MeterRegistry registry;
    private final Clock clock;

    public DigestSender(DirectoryView directory, DigestBook book, DigestLedger ledger, EmailSender email,
            SlackPoster slack, KafkaTemplate<String, SpecificRecord> kafka, Predicate<String> handlesStaff, String from,
            MeterRegistry registry, Clock clock) {
        this.directory = directory;
        this.book = book;
        this.ledger = ledger;
        this.email = email;
        this.slack = slack;
        this.kafka = kafka;
        this.handlesStaff = handlesStaff;
        this.from = from;
        this.registry = registry;
        this.clock = clock;
        for (DigestOutcome outcome : List.of(DigestOutcome.SENT, DigestOutcome.FAILED)) {
            counter(outcome);
        }
        fallback(SLACK_FAILED);
        fallback(SLACK_NOT_CONFIGURED);
    }

    /** Sends every digest due now and not sent before; returns how many went out. */
    public int sendDue() {
        Instant now = clock.instant();
        Map<String, List<ClientProfile>> byManager = directory.clients().stream()
                .sorted(Comparator.comparing(ClientProfile::getClientId))
                .collect(Collectors.groupingBy(ClientProfile::getAccountManagerId));
        int sent = 0;
        for (Map.Entry<String, List<ClientProfile>> managed : byManager.entrySet()) {
            Optional<StaffMember> staff = directory.staff(managed.getKey());
            if (staff.isEmpty() || !handlesStaff.test(managed.getKey())) {
                continue;
            }
            try {
                sent += sendIfDue(staff.get(), managed.getValue(), now) ? 1 : 0;
            } catch (RecordingFailedException e) {
                log.warn("Digest of {} not sent now: {}", managed.getKey(), e.getMessage());
            } catch (RuntimeException e) {
                log.error("Digest of {} failed", managed.getKey(), e);
            }
        }
        return sent;
    }

    private boolean sendIfDue(StaffMember staff, List<ClientProfile> clients, Instant now) {
        Optional<SupportHours> hours = WorkingHours.own(staff).or(() -> WorkingHours.of(staff, clients.getFirst()));
        Optional<Digests.Window> window = hours.flatMap(h -> Digests.due(h, now));
        if (window.isEmpty()) {
            return false;
        }
        String digestId = staff.getStaffId() + "|" + window.get().day();
        if (ledger.outcome(digestId) != null) {
            return false;
        }
        Set<String> clientIds = clients.stream().map(ClientProfile::getClientId).collect(Collectors.toSet());
        List<DigestBook.Entry> entries = book.forDigest(clientIds, window.get().since(), window.get().dayStart());
        if (entries.isEmpty()) {
            return false;
        }
        ZoneId zone = hours.get().zone();
        Map<String, String> names = clients.stream().collect(Collectors.toMap(ClientProfile::getClientId, ClientProfile::getName));
        String subject = Digests.subject(window.get(), entries.size());
        String slackUserId = staff.getSlackUserId();
        String fallback = null;
        if (slackUserId != null && slack.enabled()) {
            Attempt attempt = new Attempt(digestId, staff, window.get(), NotificationChannel.SLACK, slackUserId, entries.size());
            record(attempt, DigestOutcome.ATTEMPTED, null, null);
            DeliveryResult result = slack.lines(slackUserId, subject,
                    Digests.slackIntro(staff.getName(), window.get(), entries.size(), zone),
                    Digests.slackLines(entries, names, zone), digestId);
            if (result instanceof DeliveryResult.Failed failed) {
                fallback = "Slack failed: " + failed.error();
                if (staff.getEmail() == null) {
                    record(attempt, DigestOutcome.FAILED, failed.error(), null);
                    log.warn("Digest {} to Slack {} failed, and {} has no e-mail address: {}", digestId, slackUserId,
                            staff.getStaffId(), failed.error());
                    return false;
                }
                fallback(SLACK_FAILED).increment();
            } else {
                record(attempt, DigestOutcome.SENT, null, null);
                log.info("Digest {} sent to Slack {}: {} SLAs", digestId, slackUserId, entries.size());
                return true;
            }
        } else if (slackUserId != null) {
            fallback = "Slack is not configured (afterhours.notifier.slack)";
            if (staff.getEmail() != null) {
                fallback(SLACK_NOT_CONFIGURED).increment();
            }
        }
        String to = staff.getEmail();
        if (to == null) {
            String error = fallback == null ? "no e-mail address" : "no e-mail address, and " + fallback;
            log.warn("Digest {} not sent: {} has {}", digestId, staff.getStaffId(), error);
            record(new Attempt(digestId, staff, window.get(), NotificationChannel.EMAIL, "", entries.size()),
                    DigestOutcome.FAILED, error, null);
            return false;
        }
        if (fallback != null) {
            log.info("Digest {} goes by e-mail to {}: {}", digestId, to, fallback);
        }
        String body = Digests.body(staff.getName(), window.get(), entries, names, zone);
        Attempt attempt = new Attempt(digestId, staff, window.get(), NotificationChannel.EMAIL, to, entries.size());
        record(attempt, DigestOutcome.ATTEMPTED, null, fallback);
        DeliveryResult result = email.send(from, to, subject, body, digestId, Map.of("X-Afterhours-Digest-Id", digestId,
                "Auto-Submitted", "auto-generated"));
        return switch (result) {
            case DeliveryResult.Delivered d -> {
                record(attempt, DigestOutcome.SENT, null, fallback);
                log.info("Digest {} sent to {}: {} SLAs", digestId, to, entries.size());
                yield true;
            }
            case DeliveryResult.Failed f -> {
                record(attempt, DigestOutcome.FAILED, f.error(), fallback);
                log.warn("Digest {} to {} failed: {}", digestId, to, f.error());
                yield false;
            }
        };
    }

    /** One try at delivering a digest on one channel. */
    private record Attempt(String digestId, StaffMember staff, Digests.Window window, NotificationChannel channel,
                           String destination, int items) {
    }

    private void record(Attempt attempt, DigestOutcome outcome, @Nullable String error, @Nullable String fallback) {
        String digestId = attempt.digestId();
        DigestRecorded event = DigestRecorded.newBuilder().setDigestId(digestId).setStaffId(attempt.staff().getStaffId())
                .setDay(attempt.window().day().toString()).setOutcome(outcome).setChannel(attempt.channel())
                .setDestination(attempt.destination()).setItems(attempt.items()).setError(error).setFallback(fallback)
                .setOccurredAt(clock.instant()).build();
        ledger.record(kafka, Topics.NOTIFIER_DIGESTS.name(), event);
        if (outcome != DigestOutcome.ATTEMPTED) {
            counter(outcome).increment();
        }
    }

    private Counter fallback(String reason) {
        return Counter.builder("afterhours.notifier.digest.fallbacks")
                .description("Digests sent by e-mail to people with a Slack member id, by reason (slack_failed, "
                        + "slack_not_configured)")
                .tag("reason", reason)
                .register(registry);
    }

    private Counter counter(DigestOutcome outcome) {
        return Counter.builder("afterhours.notifier.digests")
                .description("Morning digests, by outcome (sent, failed)")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }
}
