// Kills processes with SIGKILL and measures how long their consumer groups take to hand the dead members' partitions
// to the survivors. Used by deploy/bin/measure-takeover.sh; run with the Kafka client jars on the class path:
//   java -cp 'deploy/target/stack/kafka-libs/*' deploy/local/TakeoverWatch.java BOOTSTRAP PID... 
// Before the kill it notes every member of every afterhours-* consumer group (Kafka Streams' included). After it, a
// group has taken over once none of its members is one of the killed processes' (they are the members that vanish:
// their client ids are not known in advance, so "vanished" is the test) and every partition it had assigned is
// assigned again, to a live member. Prints one line per group with the time from the kill, or that it did not
// happen within 5 minutes. Groups without members before the kill are left out. TakeoverIT (deploy/src/test) runs it
// too, against the test's broker.
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

public class TakeoverWatch {

    public static void main(String[] args) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        try (Admin admin = Admin.create(config)) {
            List<String> listed = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get().stream().map(GroupListing::groupId)
                    .filter(g -> g.startsWith("afterhours-")).sorted().toList();
            // A group nobody is in (left over from an earlier run) has nothing to take over: it is not waited for.
            Map<String, ConsumerGroupDescription> before = new TreeMap<>(admin.describeConsumerGroups(listed).all().get());
            before.values().removeIf(description -> description.members().isEmpty());
            List<String> groups = List.copyOf(before.keySet());
            Map<String, Set<String>> membersBefore = new TreeMap<>();
            Map<String, Set<TopicPartition>> assignedBefore = new TreeMap<>();
            before.forEach((group, description) -> {
                membersBefore.put(group, memberIds(description.members()));
                assignedBefore.put(group, assigned(description.members()));
                System.out.printf("before: %-36s %d members, %d partitions assigned, %s%n", group,
                        description.members().size(), assigned(description.members()).size(), description.groupState());
            });
            long killedAt = System.nanoTime();
            for (int i = 1; i < args.length; i++) {
                long pid = Long.parseLong(args[i]);
                boolean killed = ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false);
                System.out.printf("kill -9 %d: %s%n", pid, killed ? "sent" : "no such process");
            }
            Map<String, Long> takenOverAfterMs = new TreeMap<>();
            Map<String, Boolean> memberVanished = new TreeMap<>();
            while (takenOverAfterMs.size() < groups.size()
                    && System.nanoTime() - killedAt < Duration.ofMinutes(5).toNanos()) {
                Map<String, ConsumerGroupDescription> now = admin.describeConsumerGroups(groups).all().get();
                for (String group : groups) {
                    if (takenOverAfterMs.containsKey(group)) {
                        continue;
                    }
                    ConsumerGroupDescription description = now.get(group);
                    Set<String> members = memberIds(description.members());
                    boolean vanished = !members.containsAll(membersBefore.get(group));
                    memberVanished.put(group, vanished || memberVanished.getOrDefault(group, false));
                    Set<TopicPartition> liveAssignment = assigned(description.members());
                    if (memberVanished.get(group) && description.groupState() == GroupState.STABLE
                            && liveAssignment.containsAll(assignedBefore.get(group))) {
                        takenOverAfterMs.put(group, (System.nanoTime() - killedAt) / 1_000_000);
                    }
                }
                Thread.sleep(250);
            }
            for (String group : groups) {
                Long ms = takenOverAfterMs.get(group);
                System.out.printf("takeover: %-36s %s%n", group, ms == null
                        ? "NOT within 5 minutes (" + (memberVanished.getOrDefault(group, false)
                                ? "a member left but the partitions were not all reassigned)" : "no member left: was one of its instances killed?)")
                        : String.format("%.1f s after the kill, every partition assigned to a live member", ms / 1000.0));
            }
        }
    }

    private static Set<String> memberIds(Collection<MemberDescription> members) {
        return members.stream().map(MemberDescription::consumerId).collect(Collectors.toCollection(HashSet::new));
    }

    private static Set<TopicPartition> assigned(Collection<MemberDescription> members) {
        return members.stream().flatMap(m -> m.assignment().topicPartitions().stream()).collect(Collectors.toSet());
    }
}
