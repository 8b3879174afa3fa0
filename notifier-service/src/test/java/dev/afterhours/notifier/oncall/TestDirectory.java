package dev.afterhours.notifier.oncall;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.EscalationLevel;
import dev.afterhours.contracts.EscalationPolicy;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.contracts.SlaPolicy;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.SupportCalendar;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A directory in plain maps, for unit tests. */
public final class TestDirectory implements StaffDirectory {

    final Map<String, ClientProfile> clients = new HashMap<>();
    final Map<String, StaffMember> staff = new HashMap<>();
    final Map<String, Rotation> rotations = new HashMap<>();
    final Map<String, EscalationPolicy> policies = new HashMap<>();

    public static ClientProfile client(String id, String name, String accountManager, @Nullable String policyId) {
        return ClientProfile.newBuilder().setClientId(id).setName(name).setAccountManagerId(accountManager)
                .setCalendar(SupportCalendar.newBuilder().setZone("America/New_York").build())
                .setSlaPolicy(SlaPolicy.newBuilder().setTargets(List.of()).build())
                .setEscalationPolicyId(policyId)
                .build();
    }

    public static StaffMember person(String id, @Nullable String quietFrom, @Nullable String quietTo) {
        return StaffMember.newBuilder().setStaffId(id).setName(id).setZone("UTC").setEmail(id + "@agency.example")
                .setWebhookUrl("http://localhost:1/hooks/" + id).setQuietFrom(quietFrom).setQuietTo(quietTo).build();
    }

    public TestDirectory add(ClientProfile client) {
        clients.put(client.getClientId(), client);
        return this;
    }

    public TestDirectory add(StaffMember member) {
        staff.put(member.getStaffId(), member);
        return this;
    }

    public TestDirectory rotation(String id, Instant startsAt, String shift, String... members) {
        return rotation(Rotation.newBuilder().setRotationId(id).setName(id).setMembers(List.of(members))
                .setStartsAt(startsAt).setShiftLength(shift).build());
    }

    public TestDirectory rotation(Rotation rotation) {
        rotations.put(rotation.getRotationId(), rotation);
        return this;
    }

    public TestDirectory policy(String id, EscalationLevel... levels) {
        return policy(EscalationPolicy.newBuilder().setPolicyId(id).setName(id).setLevels(List.of(levels)).build());
    }

    public TestDirectory policy(EscalationPolicy policy) {
        policies.put(policy.getPolicyId(), policy);
        return this;
    }

    @Override
    public Optional<ClientProfile> client(String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    @Override
    public Optional<StaffMember> staff(String staffId) {
        return Optional.ofNullable(staff.get(staffId));
    }

    @Override
    public Optional<Rotation> rotation(String rotationId) {
        return Optional.ofNullable(rotations.get(rotationId));
    }

    @Override
    public Optional<EscalationPolicy> escalationPolicy(String policyId) {
        return Optional.ofNullable(policies.get(policyId));
    }
}
