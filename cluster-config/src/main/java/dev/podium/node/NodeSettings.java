package dev.podium.node;

import dev.podium.persistence.db.DatabaseProfile;

import java.nio.file.Path;
import java.time.Clock;

/** How one Podium JVM is started: where it keeps files, where the API listens, which database. */
public record NodeSettings(Path dataDir, String host, int port, DatabaseProfile database, int simulatedNodes, Clock clock) {
    public static NodeSettings defaults(Path dataDir, int port) {
        return new NodeSettings(dataDir, "127.0.0.1", port, DatabaseProfile.h2In(dataDir), 0, Clock.systemUTC());
    }

    public NodeSettings withDatabase(DatabaseProfile db) {
        return new NodeSettings(dataDir, host, port, db, simulatedNodes, clock);
    }

    public NodeSettings withPort(int p) {
        return new NodeSettings(dataDir, host, p, database, simulatedNodes, clock);
    }
}
