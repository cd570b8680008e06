package dev.podium.launcher;

import dev.podium.persistence.db.DatabaseProfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code podium up …} runs one Podium JVM; {@code podium cluster up|status|down …} manages a
 * cluster of JVMs on this machine (see {@link LocalCluster}).
 */
public final class Main {
    static final String USAGE = """
            usage: podium up [--data DIR] [--port PORT] [--db JDBC_URL] [--simulated-nodes N]
                             [--seed HOST:PORT]... [--cluster-port PORT] [--cluster-host HOST]
                             [--node-name NAME] [--simulated-prefix PREFIX] [--proxy auto|nftables|userspace|none]
                             [--token-auth-file FILE] [--ca DIR] [--encryption-key-file FILE] [--insecure-http]
                             [--db-password-file FILE] [--runtime auto|containerd|process] [--containerd-socket PATH]
                   podium image import FILE.tar [--data DIR]
                   podium certs [--data DIR] [--ca DIR]
                   podium cluster up N [--data DIR] [--db JDBC_URL] [--simulated-nodes M] [--port FIRST_API_PORT] [--cluster-port FIRST_PORT]
                                      [--runtime process|containerd|auto]
                   podium cluster status [--data DIR]
                   podium cluster down [--data DIR]""";
    private static final Set<String> UP_OPTIONS = Set.of("--data", "--port", "--db", "--simulated-nodes", "--seed", "--cluster-port",
            "--cluster-host", "--node-name", "--simulated-prefix", "--proxy", "--token-auth-file", "--ca", "--encryption-key-file", "--db-password-file",
            "--runtime", "--containerd-socket");
    private static final Set<String> UP_FLAGS = Set.of("--insecure-http");

    private Main() {}

    public static void main(String[] args) throws Exception {
        CommonPool.ensureParallel();
        List<String> rest = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
        try {
            if (args.length > 0 && args[0].equals("up")) up(Options.parse(rest, UP_OPTIONS, UP_FLAGS));
            else if (args.length > 0 && args[0].equals("certs")) System.exit(ApiCertificates.print(Options.parse(rest, Set.of("--data", "--ca"))));
            else if (args.length > 0 && args[0].equals("cluster")) System.exit(LocalCluster.command(rest));
            else if (args.length > 0 && args[0].equals("image")) System.exit(ImageCommand.run(rest));
            else usage(args.length == 0 ? "expected a command" : "unknown command '" + args[0] + "'");
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
        } catch (Exception e) {
            System.err.println("podium: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void up(Options o) throws Exception {
        if (!o.positional().isEmpty()) throw new IllegalArgumentException("unexpected argument '" + o.positional().get(0) + "'");
        Path data = Path.of(o.get("--data", "data"));
        String db = o.get("--db", System.getenv("PODIUM_DB_URL"));
        // the address other members reach this JVM at: cluster traffic, the API, and the nodes' address for forwarded log requests
        String host = o.get("--cluster-host", "127.0.0.1");
        ClusterSettings cluster = new ClusterSettings(host, o.integer("--cluster-port", 0, 0, 65535), o.all("--seed"));
        String nodeName = dnsSubdomain("--node-name", o.get("--node-name", HostedNodes.localName()));
        // members of one cluster must not host nodes of the same name: there, simulated nodes are named after the member's node
        String prefix = dnsSubdomain("--simulated-prefix", o.get("--simulated-prefix", cluster.joinsOthers() ? nodeName : "sim"));
        DatabaseProfile profile = db == null || db.isBlank() ? DatabaseProfile.h2In(data) : DatabaseProfile.fromUrl(db);
        String passwordFile = o.get("--db-password-file", System.getenv("PODIUM_DB_PASSWORD_FILE"));
        if (passwordFile != null && !passwordFile.isBlank()) {
            if (profile.kind() != DatabaseProfile.Kind.POSTGRES) throw new IllegalArgumentException("--db-password-file goes with --db jdbc:postgresql://…");
            try {
                profile = profile.withPasswordFile(Path.of(passwordFile));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot read the database password from " + passwordFile + ": " + e.getMessage());
            }
        }
        String runtime = o.get("--runtime", "auto");
        if (!List.of("auto", "containerd", "process").contains(runtime)) {
            throw new IllegalArgumentException("--runtime must be auto, containerd or process, not '" + runtime + "'");
        }
        if (runtime.equals("containerd") && o.get("--containerd-socket", null) == null) {
            var reason = dev.podium.runtime.cri.ContainerdDaemon.unavailableReason();
            if (reason.isPresent()) {
                System.err.println("podium: --runtime containerd: " + reason.get());
                System.exit(1);
            }
        }
        NodeSettings settings = NodeSettings.defaults(data, o.integer("--port", 6443, 0, 65535)).withHost(host).withDatabase(profile).withCluster(cluster)
                .withHosting(new NodeSettings.Hosting(true, nodeName, o.integer("--simulated-nodes", 0, 0, 100_000), prefix,
                        runtime, Optional.ofNullable(o.get("--containerd-socket", null)).map(Path::of).orElse(null)))
                .withKeepWorkloadsOnStop(true).withClock(Clock.systemUTC());
        settings = settings.withApiAccess(apiAccess(o, data, host));
        String keys = o.get("--encryption-key-file", null);
        if (keys != null) {
            settings = settings.withConfig(com.typesafe.config.ConfigFactory.parseMap(
                    java.util.Map.of("podium.secrets-encryption.key-file", Path.of(keys).toAbsolutePath().toString())));
        }
        String proxy = o.get("--proxy", null);
        if (proxy != null) {
            settings = settings.withConfig(com.typesafe.config.ConfigFactory.parseMap(
                    java.util.Map.of("podium.proxy.mode", dev.podium.actors.proxy.ProxyMode.parse(proxy).name().toLowerCase(java.util.Locale.ROOT))));
        }
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
        Path pidFile = data.resolve("podium.pid");
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
        System.out.println("Podium is up: API on " + node.url() + " - run: export KUBECONFIG=" + node.kubeconfig().toAbsolutePath());
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            try {
                node.close();
                Files.deleteIfExists(pidFile);
            } catch (Exception e) {
                System.err.println("podium: error while stopping: " + e.getMessage());
            }
            stopped.countDown();
        }, "podium-shutdown"));
        // A member the cluster has downed (e.g. the minority side of a partition) cannot serve any more; exit so it can be restarted.
        node.system().getWhenTerminated().thenRun(() -> {
            if (!stopping.get() && !jvmShuttingDown()) {
                System.err.println("podium: this JVM was removed from the cluster; exiting. Start it again to rejoin.");
                Runtime.getRuntime().halt(3);
            }
        });
        stopped.await();
    }

    /** TLS with authentication and RBAC unless {@code --insecure-http}, which only a loopback address may serve. */
    private static NodeSettings.ApiAccess apiAccess(Options o, Path data, String host) {
        boolean insecure = o.flag("--insecure-http");
        if (insecure && !host.startsWith("127.") && !host.equals("localhost") && !host.equals("::1")) {
            throw new IllegalArgumentException("--insecure-http serves the API without authentication, so only on a loopback address; "
                    + "with --cluster-host " + host + " leave it out and use the kubeconfig's certificates (TLS is the default)");
        }
        String tokens = o.get("--token-auth-file", null);
        Path ca = Path.of(o.get("--ca", data.resolve("pki").toString()));
        return new NodeSettings.ApiAccess(!insecure, ca, tokens == null ? null : Path.of(tokens));
    }

    private static String dnsSubdomain(String option, String value) {
        if (!value.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*") || value.length() > 240) {
            throw new IllegalArgumentException(option + " must be a DNS subdomain (lower-case letters, digits, '-' and '.'), got '" + value + "'");
        }
        return value;
    }

    /** Pekko's own shutdown hook may end the actor system before ours has run. */
    private static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private static void usage(String problem) {
        System.err.println("podium: " + problem);
        System.err.println(USAGE);
        System.exit(2);
    }
}
