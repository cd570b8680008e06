package dev.podium.launcher;

import dev.podium.actors.objects.ObjectEntity;
import dev.podium.http.ReadinessCheck;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.StreamSupport;

/**
 * What this JVM knows of the cluster: members and their state, which are unreachable, which one
 * is oldest (it hosts the scheduler and the other singletons) and how many shards and entities
 * each member hosts. Shown by {@code /readyz?verbose} and logged on membership changes.
 */
final class ClusterView implements ReadinessCheck {
    /** Short: while a member is dying its region cannot answer, and a readiness probe must not wait for it. */
    private static final Duration STATS_TIMEOUT = Duration.ofMillis(800);
    private final ActorSystem<?> system;

    ClusterView(ActorSystem<?> system) {
        this.system = system;
    }

    @Override
    public String name() {
        return "cluster";
    }

    /** Ready while this JVM is an Up member; the details list every member (gathered only for a verbose probe). */
    @Override
    public CompletionStage<Result> check(boolean verbose) {
        MemberStatus self = Cluster.get(system).selfMember().status();
        boolean up = self == MemberStatus.up() || self == MemberStatus.weaklyUp();
        if (!verbose) return java.util.concurrent.CompletableFuture.completedFuture(new Result(up, List.of()));
        return describe().thenApply(lines -> new Result(up, lines));
    }

    CompletionStage<List<String>> describe() {
        return shardsPerMember().thenApply(this::lines);
    }

    private List<String> lines(Map<Address, Hosted> hosted) {
        Cluster cluster = Cluster.get(system);
        ClusterEvent.CurrentClusterState state = cluster.state();
        List<Member> members = StreamSupport.stream(state.getMembers().spliterator(), false).toList();
        Member oldest = members.stream().filter(m -> m.status() == MemberStatus.up()).min(Member.ageOrdering()).orElse(null);
        List<String> lines = new ArrayList<>();
        lines.add("self " + cluster.selfMember().address() + " (" + cluster.selfMember().status() + ")");
        for (Member m : members.stream().sorted(Comparator.comparing(m -> m.address().toString())).toList()) {
            Hosted h = hosted.isEmpty() ? null : hosted.getOrDefault(m.address(), new Hosted(0, 0));
            lines.add("member " + m.address() + " " + m.status()
                    + (state.getUnreachable().contains(m) ? " unreachable" : "")
                    + (h == null ? ", shards ?" : ", shards " + h.shards() + ", entities " + h.entities())
                    + (m.equals(oldest) ? ", oldest (scheduler, node-lifecycle, namespace-controller, allocation-repair)" : ""));
        }
        List<String> unreachable = state.getUnreachable().stream().map(m -> m.address().toString()).sorted().toList();
        lines.add("unreachable: " + (unreachable.isEmpty() ? "none" : String.join(", ", unreachable)));
        if (hosted.isEmpty()) lines.add("shards: the sharding statistics did not answer within " + STATS_TIMEOUT.toMillis() + " ms (shards moving?)");
        return lines;
    }

    /** Shards and live entities per member, summed over every kind's shard region; empty when any region did not answer in time. */
    private CompletionStage<Map<Address, Hosted>> shardsPerMember() {
        List<CompletableFuture<ShardRegion.ClusterShardingStats>> stats = new ArrayList<>();
        for (ResourceKind kind : KindRegistry.all()) {
            CompletionStage<ShardRegion.ClusterShardingStats> s = AskPattern.ask(ClusterSharding.get(system).shardState(),
                    replyTo -> new GetClusterShardingStats(ObjectEntity.key(kind), STATS_TIMEOUT, replyTo),
                    STATS_TIMEOUT.plusMillis(200), system.scheduler());
            stats.add(s.toCompletableFuture().exceptionally(e -> null));
        }
        return CompletableFuture.allOf(stats.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<Address, Hosted> hosted = new TreeMap<>(Comparator.comparing(Address::toString));
            for (CompletableFuture<ShardRegion.ClusterShardingStats> f : stats) {
                if (f.join() == null) {
                    hosted.clear();
                    return hosted;
                }
                f.join().getRegions().forEach((address, region) -> {
                    int entities = region.getStats().values().stream().mapToInt(v -> (Integer) v).sum();
                    hosted.merge(address, new Hosted(region.getStats().size(), entities), Hosted::plus);
                });
            }
            return hosted;
        });
    }

    private record Hosted(int shards, int entities) {
        Hosted plus(Hosted o) {
            return new Hosted(shards + o.shards, entities + o.entities);
        }
    }
}
