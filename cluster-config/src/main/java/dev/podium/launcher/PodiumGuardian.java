package dev.podium.launcher;

import com.typesafe.config.Config;
import dev.podium.actors.Members;
import dev.podium.actors.Supervision;
import dev.podium.actors.admission.AdmissionChain;
import dev.podium.actors.controllers.ControllerWakeUp;
import dev.podium.actors.controllers.garbagecollector.GarbageCollector;
import dev.podium.actors.controllers.namespace.NamespaceController;
import dev.podium.actors.controllers.quota.ResourceQuotaController;
import dev.podium.actors.controllers.serviceaccount.ServiceAccountsController;
import dev.podium.actors.controllers.nodelifecycle.NodeLifecycleController;
import dev.podium.actors.kinds.KindBehaviors;
import dev.podium.actors.kubelet.KubeletDirectory;
import dev.podium.actors.kubelet.KubeletSettings;
import dev.podium.actors.kubelet.Kubelets;
import dev.podium.actors.proxy.ProxyMode;
import dev.podium.actors.dns.CacheDnsView;
import dev.podium.actors.dns.DnsAnswers;
import dev.podium.actors.dns.DnsServer;
import org.apache.pekko.actor.typed.PostStop;
import java.net.InetSocketAddress;
import dev.podium.runtime.RuntimeSettings;
import java.util.LinkedHashSet;
import dev.podium.http.ingress.IngressServer;
import dev.podium.actors.proxy.ServiceProxy;
import dev.podium.actors.services.ServiceRanges;
import dev.podium.actors.kubelet.LocalNodes;
import dev.podium.actors.objects.BoundedObjectClient;
import dev.podium.actors.objects.ControllerServices;
import dev.podium.actors.objects.JournalWrites;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectEntity;
import dev.podium.actors.objects.ShardedObjectClient;
import dev.podium.actors.objects.WritePermits;
import dev.podium.actors.routing.HintRouter;
import dev.podium.actors.scheduler.SchedulerActor;
import dev.podium.actors.services.AllocationRepair;
import dev.podium.http.ApiServer;
import dev.podium.http.security.ApiSecurity;
import dev.podium.actors.security.ServiceAccountTokens;
import dev.podium.actors.objects.StoreGuardedObjectClient;
import dev.podium.persistence.db.DatabaseHealth;
import dev.podium.persistence.db.DatabaseProfile;
import dev.podium.persistence.db.StoreHealth;
import dev.podium.http.flowcontrol.CachedFlowConfiguration;
import dev.podium.http.flowcontrol.FlowController;
import dev.podium.persistence.watch.JdbcJournalTail;
import dev.podium.persistence.watch.WatchCache;
import dev.podium.persistence.watch.WatchEvent;
import dev.podium.actors.objects.CustomResourceEntities;
import dev.podium.actors.services.ServiceAllocator;
import dev.podium.model.crd.CustomResourceKinds;
import dev.podium.model.crd.CustomKinds;
import dev.podium.model.kinds.Kinds;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.cluster.typed.Subscribe;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.serialization.SerializationExtension;

import java.security.SecureRandom;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The root actor of a Podium JVM. It brings the member up one step at a time, each started by
 * the end of the one before and none blocking a thread: join the cluster, start the object
 * entities and the watch cache's journal tail, serve the API once the cache has read the journal,
 * make sure the system namespaces and the default StorageClass exist, then start the node agents
 * of the nodes this JVM hosts and the cluster singletons (scheduler, node lifecycle, namespaces,
 * garbage collector, controller wake-up, allocation repair), and connect the entities' hints to them. Every actor it starts is supervised (restart with backoff).
 * {@code started} completes when the member serves, or fails with the step that failed.
 */
final class PodiumGuardian {
    sealed interface Command {}

    private record MemberUp() implements Command {}

    private enum JoinTimedOut implements Command { INSTANCE }

    private record CacheLoaded(Throwable failure) implements Command {}

    private record ApiBound(ServerBinding binding, Throwable failure) implements Command {}

    private record SystemObjectsReady(Throwable failure, int attempt) implements Command {}

    private enum Bookmarks implements Command { INSTANCE }
    private enum FlowControlObjectsCheck implements Command { INSTANCE }
    private enum CertificateCheck implements Command { INSTANCE }

    /** What the member runs once it serves. */
    record Started(WatchCache cache, JdbcJournalTail tail, ServerBinding binding, LocalNodes nodes, Path kubeconfig) {}

    private static final Duration CACHE_LOAD_TIMEOUT = Duration.ofSeconds(120);
    /** kube's configuration producer re-creates missing flow-control objects every minute. */
    private static final Duration FLOW_CONTROL_OBJECTS_CHECK = Duration.ofMinutes(1);
    private static final Duration CERTIFICATE_CHECK = Duration.ofHours(1);

    private final ActorContext<Command> ctx;
    private final TimerScheduler<Command> timers;
    private final NodeSettings settings;
    private final Config podium;
    private final CompletableFuture<Started> started;
    private WatchCache cache;
    /** The built-in kinds and the custom resources this member's cache has learned. */
    private final Kinds kinds = new Kinds(new CustomKinds());
    private JdbcJournalTail tail;
    /** Whether the database answers: probed on PostgreSQL, always on the embedded store. */
    private StoreHealth storeHealth = StoreHealth.EMBEDDED;
    private HintRouter router;
    private BoundedObjectClient objects;
    private LocalNodes nodes;
    private ServerBinding binding;
    private IngressServer ingress;
    private BoundedObjectClient apiObjects;
    private HeartbeatLane agentObjects;
    private DnsServer dns;
    /** Ready once the default namespaces and the other system objects are in this member's cache and the kubeconfig is written. */
    private final StartHookReadiness systemObjectsHook = new StartHookReadiness("system-objects");

    private PodiumGuardian(ActorContext<Command> ctx, TimerScheduler<Command> timers, NodeSettings settings, Config podium,
                           CompletableFuture<Started> started) {
        this.ctx = ctx;
        this.timers = timers;
        this.settings = settings;
        this.podium = podium;
        this.started = started;
    }

    static Behavior<Command> create(NodeSettings settings, Config podium, CompletableFuture<Started> started) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            PodiumGuardian guardian = new PodiumGuardian(ctx, timers, settings, podium, started);
            guardian.join();
            return guardian.starting();
        }));
    }

    /** Forms a cluster of one, or joins through the seeds; {@link MemberUp} once this JVM is an Up member. */
    private void join() {
        Cluster cluster = Cluster.get(ctx.getSystem());
        ActorRef<SelfUp> up = ctx.messageAdapter(SelfUp.class, e -> new MemberUp());
        cluster.subscriptions().tell(Subscribe.create(up, SelfUp.class));
        ClusterSettings c = settings.cluster();
        if (c.seeds().isEmpty()) cluster.manager().tell(Join.create(cluster.selfMember().address()));
        else cluster.manager().tell(new JoinSeedNodes(c.seedAddresses()));
        timers.startSingleTimer(JoinTimedOut.INSTANCE, podium.getDuration("cluster-join-timeout"));
    }

    private Behavior<Command> starting() {
        return Behaviors.receive(Command.class)
                .onMessage(MemberUp.class, m -> {
                    timers.cancel(JoinTimedOut.INSTANCE);
                    startEntitiesAndCache();
                    return Behaviors.same();
                })
                .onMessageEquals(JoinTimedOut.INSTANCE, () -> fail(new IllegalStateException("could not join the cluster through "
                        + String.join(", ", settings.cluster().seeds()) + " within " + podium.getDuration("cluster-join-timeout").toSeconds()
                        + " s: start the seed member first, and check that every member uses the same seeds and can reach the others' cluster ports")))
                .onMessage(CacheLoaded.class, m -> {
                    if (m.failure() != null) return fail(new IllegalStateException("the watch cache could not read the journal", m.failure()));
                    try {
                        serveApi();
                    } catch (IllegalStateException e) {
                        return fail(e);
                    }
                    return Behaviors.same();
                })
                .onMessage(ApiBound.class, m -> {
                    if (m.failure() != null) return fail(m.failure());
                    binding = m.binding();
                    Duration bookmarks = podium.getDuration("bookmark-interval");
                    timers.startTimerWithFixedDelay(Bookmarks.INSTANCE, bookmarks, bookmarks);
                    ctx.pipeToSelf(SystemObjects.ensure(objects, cache), (v, t) -> new SystemObjectsReady(t, 1));
                    return Behaviors.same();
                })
                .onMessage(SystemObjectsReady.class, m -> {
                    if (m.failure() != null && m.attempt() < 2) {
                        // like kube-apiserver's bootstrap hooks, ensuring the system objects is retried rather than fatal
                        ctx.getLog().warn("the system objects are not all in this member's cache yet ({}); trying again", m.failure().toString());
                        ctx.pipeToSelf(SystemObjects.ensure(objects, cache), (v, t) -> new SystemObjectsReady(t, m.attempt() + 1));
                        return Behaviors.same();
                    }
                    if (m.failure() != null) {
                        ctx.getLog().error("starting although the system objects are not all in this member's cache ({}); "
                                + "they are written, and requests that need one may fail until the cache shows it", m.failure().toString());
                    }
                    ensureFlowControlObjects();
                    timers.startTimerWithFixedDelay(FlowControlObjectsCheck.INSTANCE, FLOW_CONTROL_OBJECTS_CHECK, FLOW_CONTROL_OBJECTS_CHECK);
                    timers.startTimerWithFixedDelay(CertificateCheck.INSTANCE, CERTIFICATE_CHECK, CERTIFICATE_CHECK);
                    startDns();
                    startNodeComponents();
                    // written before readiness flips, so a client that waits for /readyz finds it
                    Path kubeconfig;
                    try {
                        String address = binding.localAddress().getHostString() + ":" + binding.localAddress().getPort();
                        kubeconfig = tls == null ? Kubeconfig.write(settings.dataDir(), "http://" + address)
                                : Kubeconfig.writeTls(settings.dataDir(), "https://" + address, tls.caPem(), tls.admin());
                    } catch (java.io.IOException e) {
                        return fail(new IllegalStateException("cannot write the kubeconfig in " + settings.dataDir() + ": " + e.getMessage(), e));
                    }
                    systemObjectsHook.done();
                    started.complete(new Started(cache, tail, binding, nodes, kubeconfig));
                    announceApi();
                    return Behaviors.same();
                })
                .onMessageEquals(CertificateCheck.INSTANCE, () -> {
                    try {
                        if (tls != null && ApiCertificates.renewIfDue(tls, settings.apiAccess(), settings.dataDir(), settings.host(), settings.clock())) {
                            ctx.getLog().info("the API's serving certificate was renewed; new connections present the new one");
                        }
                    } catch (java.io.IOException | RuntimeException e) {
                        ctx.getLog().warn("the API's serving certificate could not be renewed ({}); trying again in an hour", e.toString());
                    }
                    return Behaviors.same();
                })
                .onMessageEquals(FlowControlObjectsCheck.INSTANCE, () -> {
                    ensureFlowControlObjects();
                    return Behaviors.same();
                })
                .onMessageEquals(Bookmarks.INSTANCE, () -> {
                    cache.sendBookmarks();
                    return Behaviors.same();
                })
                .onSignal(PostStop.class, s -> {
                    if (dns != null) dns.close();
                    if (storeHealth instanceof DatabaseHealth probe) probe.close();
                    if (ingress != null) ingress.close();
                    return Behaviors.same();
                })
                .build();
    }

    private void startEntitiesAndCache() {
        cache = new WatchCache(podium.getInt("watch-window"));
        router = new HintRouter(ctx.getSystem(), cache);
        if (settings.database().kind() == DatabaseProfile.Kind.POSTGRES) {
            storeHealth = DatabaseHealth.start(settings.database(), podium.getDuration("database-probe-interval"),
                    podium.getDuration("database-probe-timeout"), settings.clock());
        }
        Duration askTimeout = podium.getDuration("ask-timeout");
        ObjectClient sharded = new ShardedObjectClient(ctx.getSystem(), podium.getDuration("ask-slot-hold"));
        // while the database is away, writes are refused at once (503) rather than waiting out the journal's timeouts;
        // the embedded store is never away, so it needs no guard tracking every ask
        ObjectClient entities = storeHealth == StoreHealth.EMBEDDED ? sharded : new StoreGuardedObjectClient(sharded, storeHealth);
        objects = new BoundedObjectClient(entities, podium.getInt("controller-asks-in-flight"), Integer.MAX_VALUE, askTimeout);
        apiObjects = new BoundedObjectClient(entities, podium.getInt("api-asks-in-flight"), podium.getInt("api-asks-waiting"), askTimeout);
        // the node agents of the JVM share two paced lanes (heartbeats, pod writes): thousands registering at once wait their turn instead of flooding the journal
        agentObjects = new HeartbeatLane(new BoundedObjectClient(entities, podium.getInt("kubelet-heartbeats-in-flight"), Integer.MAX_VALUE, askTimeout),
                new BoundedObjectClient(entities, podium.getInt("kubelet-asks-in-flight"), Integer.MAX_VALUE, askTimeout));
        ControllerServices controllers = new ControllerServices(cache, objects, AdmissionChain.builtIn(cache, settings.apiAccess().secure()), settings.clock(), podium.getDuration("hint-recheck"),
                new WritePermits(podium.getInt("controller-writes-in-flight")), settings.dataDir().toAbsolutePath().resolve("runtime").resolve("claims"),
                Members.name(ctx.getSystem()));
        ObjectEntity.init(ctx.getSystem(), settings.clock(), KindBehaviors::of, router, controllers);
        CustomResourceEntities.init(ctx.getSystem(), settings.clock(), kinds.custom(), KindBehaviors.customResources(), router);
        cache.onApplied(CustomResourceKinds.DEFINITION, e -> kinds.custom().changed(e.object(), e.type() == WatchEvent.Type.DELETED));
        tail = JdbcJournalTail.start(settings.database(), SerializationExtension.get(Adapter.toClassic(ctx.getSystem())), cache,
                podium.getDuration("journal-poll"), podium.getDuration("journal-gap-timeout"));
        CompletionStage<Long> loaded = cache.whenReady().toCompletableFuture().orTimeout(CACHE_LOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        ctx.pipeToSelf(loaded, (rv, t) -> new CacheLoaded(t));
    }

    private void ensureFlowControlObjects() {
        FlowControlObjects.ensureMissing(objects, cache, settings.clock().instant()).whenComplete((v, t) -> {
            if (t != null) ctx.getSystem().log().warn("the default flow schemas and priority levels could not all be created ({}); trying again in a minute",
                    t.toString());
        });
    }

    /** The API's certificates and authenticators; null when it serves plain HTTP. */
    private ApiCertificates.Material tls;

    /** Signs and checks service account tokens: the API's TokenRequest and authenticator, the node agents' projected tokens. */
    private ServiceAccountTokens serviceAccounts;

    private void serveApi() {
        Path keys = settings.apiAccess().secure() ? settings.apiAccess().caDir() : settings.dataDir().resolve("pki");
        try {
            serviceAccounts = ApiCertificates.serviceAccountTokens(keys, cache, settings.clock());
            if (settings.apiAccess().secure()) {
                tls = ApiCertificates.prepare(settings.apiAccess(), settings.dataDir(), settings.host(), settings.clock(), serviceAccounts);
            }
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("cannot prepare the API's certificates and keys in " + keys + ": " + e.getMessage(), e);
        }
        boolean dnsReachable = podium.getBoolean("dns.enabled") && ProxyMode.parse(podium.getString("proxy.mode")) != ProxyMode.NONE;
        nodes = HostedNodes.create(settings, podium.getDuration("simulated-start-delay"),
                dnsReachable ? new RuntimeSettings.ClusterDns(MemberService.CLUSTER_DNS_IP, podium.getString("dns.domain")) : null);
        ClusterView view = new ClusterView(ctx.getSystem());
        ctx.spawn(Supervision.restarting(ClusterLog.create(view)), "cluster-log");
        FlowController flowControl = podium.getBoolean("flow-control") ? new FlowController(new CachedFlowConfiguration(cache),
                podium.getInt("max-requests-inflight") + podium.getInt("max-mutating-requests-inflight"), podium.getDuration("flow-control-queue-wait"),
                settings.clock(), (delay, task) -> ctx.getSystem().scheduler().scheduleOnce(delay, task, ctx.getSystem().executionContext()))
                : null;
        ApiServer api = new ApiServer(ctx.getSystem(), cache, apiObjects, nodes, settings.clock(),
                List.of(view, systemObjectsHook, new DatabaseReadiness(storeHealth), new JournalReadiness(JournalWrites.get(ctx.getSystem())), new ObjectStoreLoad(apiObjects, agentObjects, objects, flowControl)), allocationCandidates(), kinds, flowControl, storeHealth,
                tls == null ? ApiSecurity.insecure(serviceAccounts) : tls.security());
        if (tls == null) {
            ctx.getLog().warn("the API serves plain HTTP on {}:{} WITHOUT authentication or authorization (--insecure-http): every client has full rights",
                    settings.host(), settings.port());
        }
        ctx.pipeToSelf(api.bind(settings.host(), settings.port()), ApiBound::new);
    }

    /** The node agents of the nodes this JVM hosts, and the cluster singletons; then the entities' hints reach them. */
    private void startNodeComponents() {
        Duration recheck = podium.getDuration("hint-recheck");
        KubeletDirectory.Routes kubelets = new KubeletDirectory.Routes();
        ctx.spawn(Supervision.restarting(KubeletDirectory.create(kubelets)), "kubelet-directory");
        if (!nodes.all().isEmpty()) {
            KubeletSettings.StaticPodSource statics = nodes.all().stream().filter(n -> n.runtime().name().equals("process")).findFirst()
                    .map(n -> new KubeletSettings.StaticPodSource(settings.dataDir().toAbsolutePath().resolve("manifests"), n.name())).orElse(null);
            KubeletSettings kubeletSettings = new KubeletSettings(cache, agentObjects, settings.clock(), podium.getDuration("kubelet-resync"),
                    podium.getDuration("node-lease-renewal"), binding.localAddress().getPort(), statics, serviceAccounts);
            ctx.spawn(Supervision.restarting(Kubelets.create(nodes.all(), kubeletSettings)), "kubelets");
            startServiceProxy();
            startIngressController();
        }
        ClusterSingleton singletons = ClusterSingleton.get(ctx.getSystem());
        ActorRef<NamespaceController.Command> namespaces = singletons.init(SingletonActor.of(NamespaceController.create(cache, objects,
                settings.clock(), podium.getDuration("namespace-resync"), recheck, kinds), "namespace-controller"));
        ActorRef<SchedulerActor.Command> scheduler = singletons.init(SingletonActor.of(SchedulerActor.create(cache, objects, settings.clock(),
                podium.getDuration("scheduler-resync"), recheck), "scheduler"));
        ActorRef<NodeLifecycleController.Command> nodeLifecycle = singletons.init(SingletonActor.of(NodeLifecycleController.create(cache,
                objects, settings.clock(), podium.getDuration("node-monitor-grace-period"), podium.getDuration("node-monitor-period"), recheck),
                "node-lifecycle"));
        singletons.init(SingletonActor.of(AllocationRepair.create(cache, objects, settings.clock(), podium.getDuration("allocation-repair-interval")),
                "allocation-repair"));
        ActorRef<GarbageCollector.Command> gc = singletons.init(SingletonActor.of(GarbageCollector.create(cache, objects, settings.clock(),
                podium.getDuration("namespace-resync"), podium.getDuration("gc-scan-interval"), kinds), "garbage-collector"));
        singletons.init(SingletonActor.of(ControllerWakeUp.create(cache, KindBehaviors.controllerKinds(), podium.getDuration("controller-wake-interval")),
                "controller-wake-up"));
        ActorRef<ServiceAccountsController.Command> serviceAccountsController = singletons.init(SingletonActor.of(ServiceAccountsController.create(cache,
                objects, tls == null ? null : tls.caPem(), serviceAccounts, recheck), "serviceaccounts-controller"));
        singletons.init(SingletonActor.of(ResourceQuotaController.create(cache, objects, podium.getDuration("namespace-resync")), "resourcequota-controller"));
        router.connect(new HintRouter.Targets(scheduler, nodeLifecycle, namespaces, gc, kubelets, serviceAccountsController));
    }

    /** The node proxy of the host's real node, unless the mode is none or the JVM hosts simulated nodes only. */
    private void startServiceProxy() {
        ProxyMode mode = ProxyMode.parse(podium.getString("proxy.mode"));
        var local = nodes.all().stream().filter(n -> n.runtime().name().equals("process")).findFirst();
        if (mode == ProxyMode.NONE || local.isEmpty()) return;
        var backend = ServiceProxy.backend(mode, ctx.getSystem(), settings.clock(), podium.getString("proxy.table"), ServiceRanges.CLUSTER_IP_CIDR);
        ActorRef<ServiceProxy.Command> proxy = ctx.spawn(Supervision.restarting(ServiceProxy.create(cache, local.get().name(), backend,
                podium.getDuration("proxy.resync"))), "service-proxy");
        ServiceProxy.follow(cache, proxy);
    }

    /** The ingress proxy, on members that host a real node; a failure to start it is logged, not fatal. */
    private void startIngressController() {
        if (!podium.getBoolean("ingress.enabled") || nodes.all().stream().noneMatch(n -> n.runtime().name().equals("process"))) return;
        try {
            ingress = IngressServer.start(ctx.getSystem(), cache, "0.0.0.0", podium.getIntList("ingress.http-ports"), podium.getIntList("ingress.https-ports"));
        } catch (Exception e) {
            ctx.getLog().warn("the ingress controller could not start: {}", e.toString());
        }
    }

    /**
     * The kubernetes Service and this member's address in its Endpoints, once the member serves:
     * nothing waits for it (after an unclean stop a journal gap can hold new writes back for the
     * gap timeout), and a failure is logged, not fatal.
     */
    private void announceApi() {
        boolean alone = java.util.stream.StreamSupport.stream(Cluster.get(ctx.getSystem()).state().getMembers().spliterator(), false).count() <= 1;
        List<MemberService> services = new java.util.ArrayList<>(List.of(MemberService.kubernetes(binding.localAddress().getPort())));
        if (dns != null) services.add(MemberService.dns(dns.port()));
        for (MemberService s : services) {
            s.ensure(objects, cache, new ServiceAllocator(objects, cache, allocationCandidates()), settings.host(), alone).whenComplete((v, t) -> {
                if (t != null) ctx.getSystem().log().warn("the {} Service or its Endpoints could not be written: {}", s.key(), t.toString());
            });
        }
    }

    /**
     * The cluster DNS server on the member's address, at {@code podium.dns.port} (or any free port
     * when that one is taken); the kube-dns Service sends 10.96.0.10:53 to it.
     */
    private void startDns() {
        if (!podium.getBoolean("dns.enabled")) return;
        DnsAnswers answers = new DnsAnswers(new CacheDnsView(cache), podium.getString("dns.domain"));
        for (int port : new LinkedHashSet<>(List.of(podium.getInt("dns.port"), 0))) {
            try {
                dns = DnsServer.start(new InetSocketAddress(settings.host(), port), answers);
                return;
            } catch (Exception e) {
                ctx.getLog().warn("the cluster DNS server cannot listen on {}:{}: {}", settings.host(), port, e.getMessage());
            }
        }
    }

    /** Random unless {@code podium.allocation-seed} is set, with which members offer the same candidates (tests make them collide). */
    private RandomGenerator allocationCandidates() {
        return podium.hasPath("allocation-seed") ? new Random(podium.getLong("allocation-seed")) : new SecureRandom();
    }

    private Behavior<Command> fail(Throwable failure) {
        if (tail != null) tail.close();
        if (storeHealth instanceof DatabaseHealth probe) probe.close();
        started.completeExceptionally(failure);
        return Behaviors.stopped();
    }
}
