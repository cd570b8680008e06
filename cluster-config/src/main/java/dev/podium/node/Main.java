package dev.podium.node;

import dev.podium.persistence.db.DatabaseProfile;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/** {@code podium up [--data DIR] [--port PORT] [--db JDBC_URL] [--simulated-nodes N]}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("up")) {
            usage("expected a command");
            return;
        }
        Path data = Path.of("data");
        int port = 6443;
        String db = System.getenv("PODIUM_DB_URL");
        int simulated = 0;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                usage("option " + a + " needs a value");
                return;
            }
            String v = args[++i];
            switch (a) {
                case "--data" -> data = Path.of(v);
                case "--port" -> port = Integer.parseInt(v);
                case "--db" -> db = v;
                case "--simulated-nodes" -> simulated = Integer.parseInt(v);
                default -> {
                    usage("unknown option " + a);
                    return;
                }
            }
        }
        DatabaseProfile profile = db == null || db.isBlank() ? DatabaseProfile.h2In(data) : DatabaseProfile.fromUrl(db);
        NodeSettings settings = new NodeSettings(data, "127.0.0.1", port, profile, true, simulated, true, Clock.systemUTC(),
                com.typesafe.config.ConfigFactory.empty());
        PodiumNode node;
        try {
            node = PodiumNode.start(settings);
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("podium: " + e.getMessage());
            System.exit(1);
            return;
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            System.err.println("podium: could not start: " + root.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("Podium is up: API on " + node.url() + " - run: export KUBECONFIG=" + node.kubeconfig().toAbsolutePath());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                System.err.println("podium: error while stopping: " + e.getMessage());
            }
            stopped.countDown();
        }, "podium-shutdown"));
        stopped.await();
    }

    private static void usage(String problem) {
        System.err.println("podium: " + problem);
        System.err.println("usage: podium up [--data DIR] [--port PORT] [--db JDBC_URL] [--simulated-nodes N]");
        System.exit(2);
    }
}
