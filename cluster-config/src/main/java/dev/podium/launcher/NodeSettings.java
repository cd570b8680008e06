package dev.podium.launcher;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.podium.persistence.db.DatabaseProfile;

import java.nio.file.Path;
import java.time.Clock;

/**
 * How one Podium JVM is started: where it keeps files, where the API listens, which database,
 * which cluster it forms or joins, which nodes it hosts (a local node running real processes,
 * simulated nodes), and whether the local node's processes keep running when the JVM stops (so a
 * restarted agent re-adopts them).
 */
public record NodeSettings(Path dataDir, String host, int port, DatabaseProfile database, Hosting hosting, ClusterSettings cluster,
                           boolean keepWorkloadsOnStop, Clock clock, Config overrides, ApiAccess apiAccess) {

    /** The nodes this JVM runs: optionally a local node (real processes) and N simulated nodes named PREFIX-00001…. */
    /**
     * {@code runtime}: how the local node runs pods, {@code auto} (containerd when it can be used, else host
     * processes), {@code containerd} or {@code process}; {@code containerdSocket}: an existing containerd to use
     * instead of Podium's own (null: Podium runs its own).
     */
    public record Hosting(boolean local, String localName, int simulated, String simulatedPrefix, String runtime, Path containerdSocket) {
        public Hosting(boolean local, String localName, int simulated, String simulatedPrefix) {
            this(local, localName, simulated, simulatedPrefix, "process", null);
        }

        public static Hosting defaults() {
            return new Hosting(true, HostedNodes.localName(), 0, "sim");
        }
    }

    /**
     * How clients reach the API: over TLS ({@code secure}) with a serving certificate from the
     * cluster CA in {@code caDir}, client certificates, static tokens from {@code tokenAuthFile}
     * (may be null) and RBAC; or plain HTTP where every request has full rights (tests and
     * {@code --insecure-http}).
     */
    public record ApiAccess(boolean secure, Path caDir, Path tokenAuthFile) {
        public static ApiAccess insecure() {
            return new ApiAccess(false, null, null);
        }

        public static ApiAccess secure(Path caDir) {
            return new ApiAccess(true, caDir, null);
        }
    }

    /** Embedded and test nodes serve plain HTTP unless told otherwise; {@code podium up} serves TLS. */
    public static NodeSettings defaults(Path dataDir, int port) {
        return new NodeSettings(dataDir, "127.0.0.1", port, DatabaseProfile.h2In(dataDir), Hosting.defaults(), ClusterSettings.single(), true,
                Clock.systemUTC(), ConfigFactory.empty(), ApiAccess.insecure());
    }

    public NodeSettings withDatabase(DatabaseProfile db) {
        return new NodeSettings(dataDir, host, port, db, hosting, cluster, keepWorkloadsOnStop, clock, overrides, apiAccess);
    }

    /** The address the API binds to, which is also the address of the nodes this JVM hosts. */
    public NodeSettings withHost(String h) {
        return new NodeSettings(dataDir, h, port, database, hosting, cluster, keepWorkloadsOnStop, clock, overrides, apiAccess);
    }

    public NodeSettings withPort(int p) {
        return new NodeSettings(dataDir, host, p, database, hosting, cluster, keepWorkloadsOnStop, clock, overrides, apiAccess);
    }

    public NodeSettings withNodes(boolean local, int simulated) {
        return withHosting(new Hosting(local, hosting.localName(), simulated, hosting.simulatedPrefix(), hosting.runtime(), hosting.containerdSocket()));
    }

    public NodeSettings withHosting(Hosting h) {
        return new NodeSettings(dataDir, host, port, database, h, cluster, keepWorkloadsOnStop, clock, overrides, apiAccess);
    }

    public NodeSettings withCluster(ClusterSettings c) {
        return new NodeSettings(dataDir, host, port, database, hosting, c, keepWorkloadsOnStop, clock, overrides, apiAccess);
    }

    /** Settings that win over application.conf, e.g. {@code podium.node-monitor-grace-period} in tests. */
    public NodeSettings withConfig(Config more) {
        return new NodeSettings(dataDir, host, port, database, hosting, cluster, keepWorkloadsOnStop, clock, more.withFallback(overrides), apiAccess);
    }

    public NodeSettings withClock(Clock c) {
        return new NodeSettings(dataDir, host, port, database, hosting, cluster, keepWorkloadsOnStop, c, overrides, apiAccess);
    }

    public NodeSettings withKeepWorkloadsOnStop(boolean keep) {
        return new NodeSettings(dataDir, host, port, database, hosting, cluster, keep, clock, overrides, apiAccess);
    }

    public NodeSettings withApiAccess(ApiAccess a) {
        return new NodeSettings(dataDir, host, port, database, hosting, cluster, keepWorkloadsOnStop, clock, overrides, a);
    }
}
