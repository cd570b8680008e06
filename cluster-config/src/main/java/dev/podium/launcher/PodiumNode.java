package dev.podium.launcher;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.podium.actors.kubelet.LocalNodes;
import dev.podium.persistence.watch.JdbcJournalTail;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One running Podium JVM: the actor system joined to its cluster, object entities, the watch
 * cache tailing the journal, the API server and the built-in controllers.
 */
public final class PodiumNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PodiumNode.class);
    private final ActorSystem<?> system;
    private final WatchCache cache;
    private final JdbcJournalTail tail;
    private final ServerBinding binding;
    private final DataDirLock lock;
    private final Path kubeconfig;
    private final LocalNodes nodes;
    private final boolean keepWorkloads;

    static final String SECRETS_KEY_FILE = "secrets-encryption.key";
    private final String scheme;

    private PodiumNode(ActorSystem<?> system, WatchCache cache, JdbcJournalTail tail, ServerBinding binding, DataDirLock lock, Path kubeconfig,
                       LocalNodes nodes, boolean keepWorkloads, String scheme) {
        this.scheme = scheme;
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
        ActorSystem<PodiumGuardian.Command> system = null;
        try {
            settings.database().createSchema();
            Config config = settings.database().toConfig().withFallback(settings.cluster().toConfig()).withFallback(secretsKey(settings))
                    .withFallback(settings.overrides()).withFallback(ConfigFactory.load());
            Config podium = config.getConfig("podium");
            CompletableFuture<PodiumGuardian.Started> starting = new CompletableFuture<>();
            system = ActorSystem.create(PodiumGuardian.create(settings, podium, starting), ClusterSettings.SYSTEM_NAME, setup(settings, config));
            PodiumGuardian.Started started;
            try {
                started = starting.get(podium.getDuration("cluster-join-timeout").toSeconds() + 300, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            InetSocketAddress addr = started.binding().localAddress();
            String server = (settings.apiAccess().secure() ? "https://" : "http://") + addr.getHostString() + ":" + addr.getPort();
            Path kubeconfig = started.kubeconfig();
            log.info("Podium API listening on {} (store: {}, cluster member {})", server,
                    settings.database().isEmbedded() ? "embedded H2" : "PostgreSQL", Cluster.get(system).selfMember().address());
            return new PodiumNode(system, started.cache(), started.tail(), started.binding(), lock, kubeconfig, started.nodes(),
                    settings.keepWorkloadsOnStop(), settings.apiAccess().secure() ? "https" : "http");
        } catch (Exception | Error e) {
            if (system != null) {
                system.terminate();
                system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            lock.close();
            throw e;
        }
    }

    /**
     * A secure member talks to the others over TLS with a certificate of the cluster CA (Artery's
     * {@code tls-tcp}); an insecure one over plain TCP.
     */
    private static org.apache.pekko.actor.setup.ActorSystemSetup setup(NodeSettings settings, Config config) throws java.io.IOException {
        if (!settings.apiAccess().secure()) return org.apache.pekko.actor.setup.ActorSystemSetup.create(org.apache.pekko.actor.BootstrapSetup.create(config));
        MemberTls tls = MemberTls.fromCa(settings.apiAccess().caDir(), settings.clock());
        Config withTls = ConfigFactory.parseString("pekko.remote.artery.transport = tls-tcp").withFallback(config);
        return org.apache.pekko.actor.setup.ActorSystemSetup.create(org.apache.pekko.actor.BootstrapSetup.create(withTls),
                org.apache.pekko.remote.artery.tcp.SSLEngineProviderSetup.create(system -> tls));
    }

    /**
     * Where the keys that seal Secrets in the journal are: the file given, or on a secure API
     * {@code secrets-encryption.key} beside the cluster CA (made on first start, shared by the
     * members sharing the CA). Insecure nodes keep Secrets unsealed unless given a file.
     */
    private static Config secretsKey(NodeSettings settings) throws java.io.IOException {
        String path = "podium.secrets-encryption.key-file";
        if (settings.overrides().hasPath(path) && !settings.overrides().getString(path).isBlank()) return ConfigFactory.empty();
        if (!settings.apiAccess().secure()) return ConfigFactory.empty();
        Path file = settings.apiAccess().caDir().resolve(SECRETS_KEY_FILE);
        dev.podium.persistence.events.SecretKeys.createIfMissing(file);
        return ConfigFactory.parseMap(java.util.Map.of(path, file.toAbsolutePath().toString()));
    }

    public LocalNodes nodes() {
        return nodes;
    }

    public int port() {
        return binding.localAddress().getPort();
    }

    public String url() {
        return scheme + "://" + binding.localAddress().getHostString() + ":" + port();
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public WatchCache cache() {
        return cache;
    }

    public ActorSystem<?> system() {
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
