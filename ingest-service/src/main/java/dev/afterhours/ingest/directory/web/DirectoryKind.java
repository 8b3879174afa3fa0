package dev.afterhours.ingest.directory.web;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.EscalationPolicy;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.Topic;
import dev.afterhours.contracts.Topics;
import dev.afterhours.directory.DirectoryView;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * One kind of directory record as the admin API exposes it: its URL segment, record type, topic, id field and
 * how to read it from the {@link DirectoryView}.
 */
record DirectoryKind<T extends SpecificRecord>(
        String segment,
        String noun,
        Class<T> type,
        Topic<String, T> topic,
        String idField,
        Function<T, String> id,
        BiFunction<DirectoryView, String, Optional<T>> find,
        Function<DirectoryView, Collection<T>> all) {

    static final DirectoryKind<ClientProfile> CLIENTS = new DirectoryKind<>("clients", "client", ClientProfile.class,
            Topics.DIRECTORY_CLIENTS, "clientId", ClientProfile::getClientId, DirectoryView::client, DirectoryView::clients);
    static final DirectoryKind<StaffMember> STAFF = new DirectoryKind<>("staff", "staff member", StaffMember.class,
            Topics.DIRECTORY_STAFF, "staffId", StaffMember::getStaffId, DirectoryView::staff, DirectoryView::staffMembers);
    static final DirectoryKind<Rotation> ROTATIONS = new DirectoryKind<>("rotations", "rotation", Rotation.class,
            Topics.DIRECTORY_ROTATIONS, "rotationId", Rotation::getRotationId, DirectoryView::rotation,
            DirectoryView::rotations);
    static final DirectoryKind<EscalationPolicy> ESCALATION_POLICIES = new DirectoryKind<>("escalation-policies",
            "escalation policy", EscalationPolicy.class, Topics.DIRECTORY_ESCALATION_POLICIES, "policyId",
            EscalationPolicy::getPolicyId, DirectoryView::escalationPolicy, DirectoryView::escalationPolicies);

    static final List<DirectoryKind<?>> ALL = List.of(CLIENTS, STAFF, ROTATIONS, ESCALATION_POLICIES);

    static Optional<DirectoryKind<?>> bySegment(String segment) {
        return ALL.stream().<DirectoryKind<?>>map(k -> k).filter(k -> k.segment().equals(segment)).findFirst();
    }
}
