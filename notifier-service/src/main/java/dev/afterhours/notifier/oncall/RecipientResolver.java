package dev.afterhours.notifier.oncall;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.EscalationLevel;
import dev.afterhours.contracts.EscalationPolicy;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks who is paged, from the live directory.
 *
 * <ul>
 *   <li>An escalation: step N of the client's escalation policy. The steps are the policy's levels (the rotation's
 *       on-call member plus the level's staffIds), walked {@code 1 + repeat} times, then, if the policy has one, a
 *       final step: everyone of every level ({@code finalAllLevels}) and/or {@code finalStaffIds}, so an
 *       escalation nobody acknowledges never ends in silence. A client without a (known) policy, or a first step that
 *       yields nobody, falls back to the client's account manager.</li>
 *   <li>An SLA breach: the client's account manager; also the on-call member of the policy's first level when the
 *       account manager is in quiet hours now (the breach then still reaches someone awake, while the account
 *       manager gets a silent email) or when the breached SLA was an EMERGENCY one.</li>
 *   <li>A client that is not in the directory (or {@code unresolved}): the configured triage person, else nobody,
 *       with the reason, so the caller records a NotificationFailed.</li>
 * </ul>
 */
public final class RecipientResolver {

    private static final Logger log = LoggerFactory.getLogger(RecipientResolver.class);

    private final StaffDirectory directory;
    private final @Nullable String triageStaffId;

    public RecipientResolver(StaffDirectory directory, @Nullable String triageStaffId) {
        this.directory = directory;
        this.triageStaffId = triageStaffId;
    }

    /** Recipients of an escalation at step {@code level} (1-based; see the class comment for steps). */
    public Recipients forEscalation(String clientId, int level, Instant now) {
        Optional<ClientProfile> client = directory.client(clientId);
        if (client.isEmpty()) {
            return triage(clientId, level);
        }
        Optional<EscalationPolicy> policy = policyOf(client.get());
        if (policy.isEmpty()) {
            return level == 1 ? Recipients.of(List.of(client.get().getAccountManagerId()), "account manager (no escalation policy)")
                    : Recipients.nobody("client '" + clientId + "' has no escalation policy, so no level " + level);
        }
        List<EscalationLevel> levels = policy.get().getLevels();
        int walked = walkedSteps(policy.get());
        if (level == walked + 1 && hasFinalAction(policy.get())) {
            return finalAction(policy.get(), now);
        }
        if (level < 1 || level > walked) {
            return Recipients.nobody("policy '" + policy.get().getPolicyId() + "' has no level " + level);
        }
        Set<String> staffIds = new LinkedHashSet<>();
        EscalationLevel policyLevel = levels.get((level - 1) % levels.size());
        onCall(policyLevel, now).ifPresent(staffIds::add);
        staffIds.addAll(policyLevel.getStaffIds());
        if (staffIds.isEmpty()) {
            if (level == 1) {
                log.warn("Policy {} level 1 yields nobody for client {} (rotation {} missing or empty); paging the account manager",
                        policy.get().getPolicyId(), clientId, policyLevel.getRotationId());
                return Recipients.of(List.of(client.get().getAccountManagerId()), "account manager (policy level 1 yields nobody)");
            }
            return Recipients.nobody("policy '" + policy.get().getPolicyId() + "' level " + level + " yields nobody");
        }
        int round = (level - 1) / levels.size() + 1;
        int policyLevelNumber = (level - 1) % levels.size() + 1;
        return Recipients.of(new ArrayList<>(staffIds), "policy " + policy.get().getPolicyId() + " level "
                + policyLevelNumber + (walked > levels.size() ? " (round " + round + " of " + (1 + policy.get().getRepeat()) + ")" : ""))
                .on(policyLevel.getChannels());
    }

    /** The policy's levels walked 1 + repeat times. */
    private static int walkedSteps(EscalationPolicy policy) {
        return policy.getLevels().size() * (1 + Math.max(0, policy.getRepeat()));
    }

    private static boolean hasFinalAction(EscalationPolicy policy) {
        return !policy.getLevels().isEmpty() && (policy.getFinalAllLevels() || !policy.getFinalStaffIds().isEmpty());
    }

    /** The last step: nobody acknowledged in any round, so everyone the policy names at once, and/or the duty manager. */
    private Recipients finalAction(EscalationPolicy policy, Instant now) {
        Set<String> staffIds = new LinkedHashSet<>();
        if (policy.getFinalAllLevels()) {
            for (EscalationLevel level : policy.getLevels()) {
                onCall(level, now).ifPresent(staffIds::add);
                staffIds.addAll(level.getStaffIds());
            }
        }
        staffIds.addAll(policy.getFinalStaffIds());
        int rounds = 1 + Math.max(0, policy.getRepeat());
        String rule = "final action of policy " + policy.getPolicyId() + ": nobody acknowledged in " + rounds
                + (rounds == 1 ? " round" : " rounds");
        return staffIds.isEmpty() ? Recipients.nobody(rule + ", and it names nobody")
                : Recipients.of(new ArrayList<>(staffIds), rule);
    }

    /** Where a step falls in a policy: the round (1-based) and the policy's level in it, or the final action. */
    public record StepPosition(int round, int policyLevel, boolean finalAction) {
    }

    /**
     * Where step {@code level} falls in the client's escalation policy as it is now (a policy changed since may
     * say otherwise of an old incident); empty without a policy or outside it.
     */
    public Optional<StepPosition> position(String clientId, int level) {
        return directory.client(clientId).flatMap(this::policyOf).flatMap(policy -> {
            int size = policy.getLevels().size();
            int walked = walkedSteps(policy);
            if (level >= 1 && level <= walked) {
                return Optional.of(new StepPosition((level - 1) / size + 1, (level - 1) % size + 1, false));
            }
            if (level == walked + 1 && hasFinalAction(policy)) {
                return Optional.of(new StepPosition(1 + Math.max(0, policy.getRepeat()), 0, true));
            }
            return Optional.empty();
        });
    }

    /** How many steps an escalation for this client can take (0 without a policy). */
    public int steps(String clientId) {
        return directory.client(clientId).flatMap(this::policyOf)
                .map(p -> walkedSteps(p) + (hasFinalAction(p) ? 1 : 0)).orElse(0);
    }

    /** Recipients of an SLA breach. */
    public Recipients forBreach(String clientId, Urgency urgency, Instant now) {
        Optional<ClientProfile> client = directory.client(clientId);
        if (client.isEmpty()) {
            return triage(clientId, 1);
        }
        String accountManager = client.get().getAccountManagerId();
        Set<String> staffIds = new LinkedHashSet<>();
        staffIds.add(accountManager);
        Optional<StaffMember> manager = directory.staff(accountManager);
        boolean managerQuiet = manager.isPresent() && QuietHours.isQuiet(manager.get(), now);
        String rule = "account manager";
        if (managerQuiet || urgency == Urgency.EMERGENCY) {
            Optional<String> onCall = policyOf(client.get())
                    .filter(p -> !p.getLevels().isEmpty())
                    .flatMap(p -> onCall(p.getLevels().getFirst(), now));
            if (onCall.isPresent()) {
                staffIds.add(onCall.get());
                rule = managerQuiet ? "account manager (quiet hours) and on call" : "account manager and on call (EMERGENCY SLA)";
            }
        }
        return Recipients.of(new ArrayList<>(staffIds), rule);
    }

    /**
     * The recipients without those on time off now ({@code StaffMember.timeOff}). When that leaves nobody, an
     * EMERGENCY still pages them (an emergency is not held for the next level's ack timeout), with the reason in the
     * rule; below EMERGENCY it is nobody, recorded as such, and an escalation moves on to its next level as for
     * anyone who does not answer.
     */
    public Recipients withoutTimeOff(Recipients recipients, Urgency urgency, Instant now) {
        List<String> away = recipients.staffIds().stream()
                .filter(id -> directory.staff(id).filter(staff -> onTimeOff(staff, now)).isPresent()).toList();
        if (away.isEmpty()) {
            return recipients;
        }
        List<String> present = recipients.staffIds().stream().filter(id -> !away.contains(id)).toList();
        if (!present.isEmpty()) {
            return recipients.replacing(present, recipients.rule() + "; skipped on time off: " + String.join(", ", away));
        }
        if (urgency == Urgency.EMERGENCY) {
            log.warn("Paging {} although on time off: EMERGENCY and nobody else at this step ({})", away, recipients.rule());
            return recipients.replacing(away, recipients.rule() + "; on time off, paged anyway: EMERGENCY and nobody else at this step");
        }
        return Recipients.nobody(String.join(", ", away) + " on time off (" + recipients.rule() + ")");
    }

    static boolean onTimeOff(StaffMember staff, Instant now) {
        return staff.getTimeOff().stream().anyMatch(off -> !now.isBefore(off.getFrom()) && now.isBefore(off.getTo()));
    }

    /** Whether an escalation for this client follows a policy with a level after {@code level}. */
    public boolean hasLevelAfter(String clientId, int level) {
        return steps(clientId) > level;
    }

    /** The ackTimeout of a step, if the client's policy has it and a step follows it. */
    public Optional<Duration> ackTimeout(String clientId, int level) {
        return directory.client(clientId).flatMap(this::policyOf)
                .filter(p -> level >= 1 && level <= walkedSteps(p))
                .map(p -> Duration.parse(p.getLevels().get((level - 1) % p.getLevels().size()).getAckTimeout()));
    }

    private Recipients triage(String clientId, int level) {
        if (triageStaffId != null && level == 1) {
            return Recipients.of(List.of(triageStaffId), "triage (client '" + clientId + "' not in the directory)");
        }
        return Recipients.nobody("client '" + clientId + "' is not in the directory"
                + (triageStaffId == null ? " and afterhours.notifier.triage-staff-id is not set" : " (triage is paged at level 1 only)"));
    }

    private Optional<EscalationPolicy> policyOf(ClientProfile client) {
        String policyId = client.getEscalationPolicyId();
        if (policyId == null) {
            return Optional.empty();
        }
        Optional<EscalationPolicy> policy = directory.escalationPolicy(policyId);
        if (policy.isEmpty()) {
            log.warn("Client {} names escalation policy {}, which is not in the directory", client.getClientId(), policyId);
        }
        return policy;
    }

    private Optional<String> onCall(EscalationLevel level, Instant now) {
        if (level.getRotationId() == null) {
            return Optional.empty();
        }
        Optional<Rotation> rotation = directory.rotation(level.getRotationId());
        if (rotation.isEmpty()) {
            log.warn("Rotation {} is not in the directory", level.getRotationId());
            return Optional.empty();
        }
        return OnCall.at(rotation.get(), now);
    }
}
