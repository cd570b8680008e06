package dev.podium.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.podium.persistence.db.DatabaseProfile;

import java.nio.file.Path;
import java.time.Clock;

/**
 * How one Podium JVM is started: where it keeps files, where the API listens, which database,
 * which nodes it hosts (a local node running real processes, simulated nodes), and whether the
 * local node's processes keep running when the JVM stops (so a restarted agent re-adopts them).
 */
public record NodeSettings(Path dataDir, String host, int port, DatabaseProfile database, boolean localNode, int simulatedNodes,
                           boolean keepWorkloadsOnStop, Clock clock, Config overrides) {
    public static NodeSettings defaults(Path dataDir, int port) {
        return new NodeSettings(dataDir, "127.0.0.1", port, DatabaseProfile.h2In(dataDir), true, 0, true, Clock.systemUTC(), ConfigFactory.empty());
    }

    public NodeSettings withDatabase(DatabaseProfile db) {
        return new NodeSettings(dataDir, host, port, db, localNode, simulatedNodes, keepWorkloadsOnStop, clock, overrides);
    }

    public NodeSettings withPort(int p) {
        return new NodeSettings(dataDir, host, p, database, localNode, simulatedNodes, keepWorkloadsOnStop, clock, overrides);
    }

    public NodeSettings withNodes(boolean local, int simulated) {
        return new NodeSettings(dataDir, host, port, database, local, simulated, keepWorkloadsOnStop, clock, overrides);
    }

    /** Settings that win over application.conf, e.g. {@code podium.node-monitor-grace-period} in tests. */
    public NodeSettings withConfig(Config more) {
        return new NodeSettings(dataDir, host, port, database, localNode, simulatedNodes, keepWorkloadsOnStop, clock, more.withFallback(overrides));
    }

    public NodeSettings withKeepWorkloadsOnStop(boolean keep) {
        return new NodeSettings(dataDir, host, port, database, localNode, simulatedNodes, keep, clock, overrides);
    }
}
