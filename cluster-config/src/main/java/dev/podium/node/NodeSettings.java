package dev.podium.node;

import dev.podium.persistence.db.DatabaseProfile;

import java.nio.file.Path;
import java.time.Clock;

/**
 * How one Podium JVM is started: where it keeps files, where the API listens, which database,
 * which nodes it hosts (a local node running real processes, simulated nodes), and whether the
 * local node's processes keep running when the JVM stops (so a restarted agent re-adopts them).
 */
public record NodeSettings(Path dataDir, String host, int port, DatabaseProfile database, boolean localNode, int simulatedNodes,
                           boolean keepWorkloadsOnStop, Clock clock) {
    public static NodeSettings defaults(Path dataDir, int port) {
        return new NodeSettings(dataDir, "127.0.0.1", port, DatabaseProfile.h2In(dataDir), true, 0, true, Clock.systemUTC());
    }

    public NodeSettings withDatabase(DatabaseProfile db) {
        return new NodeSettings(dataDir, host, port, db, localNode, simulatedNodes, keepWorkloadsOnStop, clock);
    }

    public NodeSettings withPort(int p) {
        return new NodeSettings(dataDir, host, p, database, localNode, simulatedNodes, keepWorkloadsOnStop, clock);
    }

    public NodeSettings withNodes(boolean local, int simulated) {
        return new NodeSettings(dataDir, host, port, database, local, simulated, keepWorkloadsOnStop, clock);
    }

    public NodeSettings withKeepWorkloadsOnStop(boolean keep) {
        return new NodeSettings(dataDir, host, port, database, localNode, simulatedNodes, keep, clock);
    }
}
