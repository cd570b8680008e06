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
                           boolean keepWorkloadsOnStop, Clock clock, Config overrides) {

    /** The nodes this JVM runs: optionally a local node (real processes) and N simulated nodes named PREFIX-00001…. */
    public record Hosting(boolean local, String localName, int simulated, String simulatedPrefix) {
        public static Hosting defaults() {
            return new Hosting(true, HostedNodes.localName(), 0, "sim");
        }
    }

    public static NodeSettings defaults(Path dataDir, int port) {
        return new NodeSettings(dataDir, "127.0.0.1", port, DatabaseProfile.h2In(dataDir), Hosting.defaults(), ClusterSettings.single(), true,
                Clock.systemUTC(), ConfigFactory.empty());
    }

    public NodeSettings withDatabase(DatabaseProfile db) {
        return new NodeSettings(dataDir, host, port, db, hosting, cluster, keepWorkloadsOnStop, clock, overrides);
    }

    /** The address the API binds to, which is also the address of the nodes this JVM hosts. */
    public NodeSettings withHost(String h) {
        return new NodeSettings(dataDir, h, port, database, hosting, cluster, keepWorkloadsOnStop, clock, overrides);
    }

    public NodeSettings withPort(int p) {
        return new NodeSettings(dataDir, host, p, database, hosting, cluster, keepWorkloadsOnStop, clock, overrides);
    }

    public NodeSettings withNodes(boolean local, int simulated) {
        return withHosting(new Hosting(local, hosting.localName(), simulated, hosting.simulatedPrefix()));
    }

    public NodeSettings withHosting(Hosting h) {
        return new NodeSettings(dataDir, host, port, database, h, cluster, keepWorkloadsOnStop, clock, overrides);
    }

    public NodeSettings withCluster(ClusterSettings c) {
        return new NodeSettings(dataDir, host, port, database, hosting, c, keepWorkloadsOnStop, clock, overrides);
    }

    /** Settings that win over application.conf, e.g. {@code podium.node-monitor-grace-period} in tests. */
    public NodeSettings withConfig(Config more) {
        return new NodeSettings(dataDir, host, port, database, hosting, cluster, keepWorkloadsOnStop, clock, more.withFallback(overrides));
    }

    public NodeSettings withClock(Clock c) {
        return new NodeSettings(dataDir, host, port, database, hosting, cluster, keepWorkloadsOnStop, c, overrides);
    }

    public NodeSettings withKeepWorkloadsOnStop(boolean keep) {
        return new NodeSettings(dataDir, host, port, database, hosting, cluster, keep, clock, overrides);
    }
}
