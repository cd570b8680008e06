package dev.podium.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.podium.actors.namespaces.NamespaceController;
import dev.podium.actors.nodes.LocalNodes;
import dev.podium.actors.nodes.NodeAgents;
import dev.podium.actors.nodes.NodeLifecycleController;
import dev.podium.actors.scheduler.SchedulerActor;
import dev.podium.actors.services.AllocationRepair;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ShardedObjectClient;
import dev.podium.actors.objects.ObjectEntity;
import dev.podium.http.ApiServer;
import dev.podium.persistence.watch.JdbcJournalTail;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializationExtension;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * One running Podium JVM: the actor system joined to its cluster, object entities, the watch
 * cache tailing the journal, the API server and the built-in controllers.
 */
public final class PodiumNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PodiumNode.class);
    private final ActorSystem<Void> system;
    private final WatchCache cache;
    private final JdbcJournalTail tail;
    private final ServerBinding binding;
    private final DataDirLock lock;
    private final Path kubeconfig;
    private final LocalNodes nodes;
    private final boolean keepWorkloads;

    private PodiumNode(ActorSystem<Void> system, WatchCache cache, JdbcJournalTail tail, ServerBinding binding, DataDirLock lock, Path kubeconfig,
                       LocalNodes nodes, boolean keepWorkloads) {
        this.system = system;
        this.cache = cache;
        this.tail = tail;
        this.binding = binding;
        this.lock = lock;
        this.kubeconfig = kubeconfig;
        this.nodes = nodes;
        this.keepWorkloads = keepWorkloads;
    }

    public static PodiumNode start(NodeSettings settings) throws Exception {
        if (settings.cluster().joinsOthers() && settings.database().isEmbedded()) {
            throw new IllegalArgumentException("a cluster of several Podium JVMs needs PostgreSQL: the embedded H2 store belongs to one JVM. "
                    + "Pass --db jdbc:postgresql://HOST:PORT/DB to every member, or leave --seed out to run a single node");
        }
        CommonPool.warnIfThreadPerTask();
        DataDirLock lock = DataDirLock.acquire(settings.dataDir());
        ActorSystem<Void> system = null;
        try {
            settings.database().createSchema();
            Config config = settings.database().toConfig().withFallback(settings.cluster().toConfig()).withFallback(settings.overrides())
                    .withFallback(ConfigFactory.load());
            system = ActorSystem.create(Behaviors.empty(), ClusterSettings.SYSTEM_NAME, config);
            Config podium = config.getConfig("podium");
            joinCluster(system, settings.cluster(), podium.getDuration("cluster-join-timeout"));
            ObjectEntity.init(system, settings.clock());
            WatchCache cache = new WatchCache(podium.getInt("watch-window"));
            JdbcJournalTail tail = JdbcJournalTail.start(settings.database(), SerializationExtension.get(Adapter.toClassic(system)), cache,
                    podium.getDuration("journal-poll"), podium.getDuration("journal-gap-timeout"));
            cache.whenReady().toCompletableFuture().get(120, TimeUnit.SECONDS);
            ObjectClient objects = new ShardedObjectClient(system, podium.getDuration("ask-timeout"));
            LocalNodes nodes = HostedNodes.create(settings, podium.getDuration("simulated-start-delay"));
            ClusterView view = new ClusterView(system);
            system.systemActorOf(ClusterLog.create(view), "cluster-log", Props.empty());
            ApiServer api = new ApiServer(system, cache, objects, nodes, settings.clock(), List.of(view), allocationCandidates(podium));
            ServerBinding binding = api.bind(settings.host(), settings.port()).toCompletableFuture().get(30, TimeUnit.SECONDS);
            Duration bookmarks = podium.getDuration("bookmark-interval");
            system.scheduler().scheduleAtFixedRate(bookmarks, bookmarks, cache::sendBookmarks, system.executionContext());
            SystemNamespaces.ensure(objects, cache).toCompletableFuture().get(60, TimeUnit.SECONDS);
            startNodeComponents(system, podium, cache, objects, nodes, settings, binding.localAddress().getPort());
            InetSocketAddress addr = binding.localAddress();
            String server = "http://" + addr.getHostString() + ":" + addr.getPort();
            Path kubeconfig = Kubeconfig.write(settings.dataDir(), server);
            log.info("Podium API listening on {} (store: {}, cluster member {})", server,
                    settings.database().isEmbedded() ? "embedded H2" : "PostgreSQL", Cluster.get(system).selfMember().address());
            return new PodiumNode(system, cache, tail, binding, lock, kubeconfig, nodes, settings.keepWorkloadsOnStop());
        } catch (Exception | Error e) {
            if (system != null) {
                system.terminate();
                system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            lock.close();
            throw e;
        }
    }

    /** Forms a cluster of one, or joins through the seeds; returns once this JVM is an Up member. */
    private static void joinCluster(ActorSystem<?> system, ClusterSettings settings, Duration timeout) throws InterruptedException {
        Cluster cluster = Cluster.get(system);
        if (settings.seeds().isEmpty()) cluster.manager().tell(Join.create(cluster.selfMember().address()));
        else cluster.manager().tell(new JoinSeedNodes(settings.seedAddresses()));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (cluster.selfMember().status() != MemberStatus.up()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not join the cluster through " + String.join(", ", settings.seeds()) + " within "
                        + timeout.toSeconds() + " s: start the seed member first, and check that every member uses the same seeds and can reach "
                        + "the others' cluster ports");
            }
            Thread.sleep(50);
        }
    }

    /** Node agents for the hosted nodes on this JVM; the controllers, scheduler and allocation repair as cluster singletons. */
    private static void startNodeComponents(ActorSystem<Void> system, Config podium, WatchCache cache, ObjectClient objects, LocalNodes nodes,
                                            NodeSettings settings, int apiPort) {
        if (!nodes.all().isEmpty()) {
            NodeAgents.StaticPodSource statics = nodes.all().stream().filter(n -> n.runtime().name().equals("process")).findFirst()
                    .map(n -> new NodeAgents.StaticPodSource(settings.dataDir().toAbsolutePath().resolve("manifests"), n.name())).orElse(null);
            system.systemActorOf(NodeAgents.create(nodes.all(), cache, objects, settings.clock(), podium.getDuration("kubelet-resync"),
                    podium.getDuration("node-lease-renewal"), statics, apiPort), "node-agents", Props.empty());
        }
        ClusterSingleton singletons = ClusterSingleton.get(system);
        singletons.init(SingletonActor.of(NamespaceController.create(cache, objects, podium.getDuration("namespace-resync")), "namespace-controller"));
        singletons.init(SingletonActor.of(SchedulerActor.create(cache, objects, settings.clock(), podium.getDuration("scheduler-resync")), "scheduler"));
        singletons.init(SingletonActor.of(NodeLifecycleController.create(cache, objects, settings.clock(),
                podium.getDuration("node-monitor-grace-period"), podium.getDuration("node-monitor-period")), "node-lifecycle"));
        singletons.init(SingletonActor.of(AllocationRepair.create(cache, objects, settings.clock(), podium.getDuration("allocation-repair-interval")),
                "allocation-repair"));
    }

    /** Random unless {@code podium.allocation-seed} is set, with which members offer the same candidates (tests make them collide). */
    private static RandomGenerator allocationCandidates(Config podium) {
        return podium.hasPath("allocation-seed") ? new Random(podium.getLong("allocation-seed")) : new SecureRandom();
    }

    public LocalNodes nodes() {
        return nodes;
    }

    public int port() {
        return binding.localAddress().getPort();
    }

    public String url() {
        return "http://" + binding.localAddress().getHostString() + ":" + port();
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public WatchCache cache() {
        return cache;
    }

    public ActorSystem<Void> system() {
        return system;
    }

    @Override
    public void close() throws Exception {
        binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        tail.close();
        HostedNodes.stop(nodes, keepWorkloads);
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        lock.close();
    }
}
