package dev.podium.tests;

import dev.podium.launcher.NodeSettings;
import dev.podium.launcher.PodiumNode;
import dev.podium.persistence.db.DatabaseProfile;

import java.nio.file.Files;
import java.nio.file.Path;

/** Starts and restarts a real Podium node (H2 or PostgreSQL) on a free loopback port for a test. */
final class TestNode implements AutoCloseable {
    final Path dataDir;
    final DatabaseProfile db;
    final NodeSettings settings;
    PodiumNode node;

    private TestNode(Path dataDir, DatabaseProfile db, NodeSettings settings) {
        this.dataDir = dataDir;
        this.db = db;
        this.settings = settings;
    }

    static TestNode startH2() throws Exception {
        Path dir = Files.createTempDirectory("podium-test");
        return start(dir, DatabaseProfile.h2In(dir));
    }

    static TestNode start(Path dir, DatabaseProfile db) throws Exception {
        return start(NodeSettings.defaults(dir, 0).withDatabase(db));
    }

    /**
     * Any settings; workloads are always stopped with the node so tests leave no processes behind,
     * and the node proxy and the ingress controller are off unless the settings ask for them (test
     * nodes share one host, whose Service rules and ingress ports one node at a time may own).
     */
    static TestNode start(NodeSettings settings) throws Exception {
        if (!settings.overrides().hasPath("podium.proxy.mode")) {
            settings = settings.withConfig(com.typesafe.config.ConfigFactory.parseString("podium.proxy.mode = none"));
        }
        if (!settings.overrides().hasPath("podium.dns.port")) {
            settings = settings.withConfig(com.typesafe.config.ConfigFactory.parseString("podium.dns.port = 0"));
        }
        if (!settings.overrides().hasPath("podium.ingress.enabled")) {
            settings = settings.withConfig(com.typesafe.config.ConfigFactory.parseString("podium.ingress.enabled = false"));
        }
        TestNode t = new TestNode(settings.dataDir(), settings.database(), settings.withKeepWorkloadsOnStop(false));
        t.node = PodiumNode.start(t.settings);
        return t;
    }

    /** Stops the node and starts a new one on the same data directory and database. */
    void restart() throws Exception {
        node.close();
        node = PodiumNode.start(settings);
    }

    String url() {
        return node.url();
    }

    Path kubeconfig() {
        return node.kubeconfig();
    }

    @Override
    public void close() throws Exception {
        if (node != null) node.close();
    }
}
