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
import dev.afterhours.notifier.ledger.RecordingFailedException;
import dev.afterhours.notifier.slawarning.WorkingHours;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * <p>Once per person and day: {@code ATTEMPTED} is written to {@code afterhours.notifier.digests.v1} under
 * {@code <staffId>|<day>} and acknowledged by the broker before the e-mail goes out, then {@code SENT} or
 * {@code FAILED}; any recorded outcome means never again, across restarts and instances (losing a digest is
 * preferred to sending it twice, as for pages).
 */
public final class DigestSender {

    private static final Logger log = LoggerFactory.getLogger(DigestSender.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final DirectoryView directory;
    private final DigestBook book;
    private final DigestLedger ledger;
    private final EmailSender email;
    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final Predicate<String> handlesStaff;
    private final String from;
    private final MeterRegistry registry;
    private final Clock clock;

    public DigestSender(DirectoryView directory, DigestBook book, DigestLedger ledger, EmailSender email,
            KafkaTemplate<String, SpecificRecord> kafka, Predicate<String> handlesStaff, String from,
            MeterRegistry registry, Clock clock) {
        this.directory = directory;
        this.book = book;
        this.ledger = ledger;
        this.email = email;
        this.kafka = kafka;
        this.handlesStaff = handlesStaff;
        this.from = from;
        this.registry = registry;
        this.clock = clock;
        for (DigestOutcome outcome : List.of(DigestOutcome.SENT, DigestOutcome.FAILED)) {
            counter(outcome);
        }
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
        String to = staff.getEmail();
        if (to == null) {
            log.warn("Digest {} not sent: {} has no e-mail address", digestId, staff.getStaffId());
            record(digestId, staff, window.get(), DigestOutcome.FAILED, "", entries.size(), "no e-mail address");
            return false;
        }
        Map<String, String> names = clients.stream().collect(Collectors.toMap(ClientProfile::getClientId, ClientProfile::getName));
        String subject = Digests.subject(window.get(), entries.size());
        String body = Digests.body(staff.getName(), window.get(), entries, names, hours.get().zone());
        record(digestId, staff, window.get(), DigestOutcome.ATTEMPTED, to, entries.size(), null);
        DeliveryResult result = email.send(from, to, subject, body, digestId, Map.of("X-Afterhours-Digest-Id", digestId,
                "Auto-Submitted", "auto-generated"));
        return switch (result) {
            case DeliveryResult.Delivered d -> {
                record(digestId, staff, window.get(), DigestOutcome.SENT, to, entries.size(), null);
                log.info("Digest {} sent to {}: {} SLAs", digestId, to, entries.size());
                yield true;
            }
            case DeliveryResult.Failed f -> {
                record(digestId, staff, window.get(), DigestOutcome.FAILED, to, entries.size(), f.error());
                log.warn("Digest {} to {} failed: {}", digestId, to, f.error());
                yield false;
            }
        };
    }

    private void record(String digestId, StaffMember staff, Digests.Window window, DigestOutcome outcome, String to,
            int items, @Nullable String error) {
        DigestRecorded event = DigestRecorded.newBuilder().setDigestId(digestId).setStaffId(staff.getStaffId())
                .setDay(window.day().toString()).setOutcome(outcome).setChannel(NotificationChannel.EMAIL)
                .setDestination(to).setItems(items).setError(error).setOccurredAt(clock.instant()).build();
        try {
            kafka.send(Topics.NOTIFIER_DIGESTS.name(), digestId, event).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecordingFailedException("Interrupted while recording digest " + digestId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RecordingFailedException("Could not record digest " + digestId + " " + outcome + ": " + e, e);
        }
        ledger.apply(event);
        if (outcome != DigestOutcome.ATTEMPTED) {
            counter(outcome).increment();
        }
    }

    private Counter counter(DigestOutcome outcome) {
        return Counter.builder("afterhours.notifier.digests")
                .description("Morning digests, by outcome (sent, failed)")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }
}
