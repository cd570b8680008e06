package dev.podium.launcher;

import dev.podium.persistence.db.DatabaseProfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * {@code podium cluster up N | status | down}: N Podium JVMs on this machine over one PostgreSQL,
 * each in {@code DIR/node-K} (its data, {@code podium.log}, {@code podium.pid}, its own
 * kubeconfig), all seeded with each other, and {@code DIR/kubeconfig} with one context per JVM.
 * The layout is recorded in {@code DIR/cluster.properties} for status and down. The members share
 * one CA, service account key and Secrets key in {@code DIR/pki} (made here, before any member
 * starts, so that none makes its own): their APIs serve TLS and they talk to each other over TLS.
 */
final class LocalCluster {
    static final String DEFAULT_DB = "jdbc:postgresql://127.0.0.1:5432/podium";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Set<String> UP_OPTIONS = Set.of("--data", "--db", "--simulated-nodes", "--port", "--cluster-port", "--runtime");
    private final Path dir;
    private HttpClient http;

    private LocalCluster(Path dir) {
        this.dir = dir;
    }

    /** The cluster's CA and the admin's certificate, made once; the client that polls readiness presents and trusts them. */
    private ClusterCredentials credentials() throws java.io.IOException {
        ClusterCredentials c = ClusterCredentials.loadOrCreate(dir.resolve("pki"), java.time.Clock.systemUTC());
        if (http == null) http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).sslContext(c.clientContext()).build();
        return c;
    }

    /** Runs a cluster sub-command; returns the process exit code. */
    static int command(List<String> args) throws Exception {
        if (args.isEmpty()) throw new IllegalArgumentException("expected cluster up, status or down");
        String sub = args.get(0);
        Options o = Options.parse(args.subList(1, args.size()), sub.equals("up") ? UP_OPTIONS : Set.of("--data"));
        LocalCluster cluster = new LocalCluster(Path.of(o.get("--data", "data")).toAbsolutePath());
        return switch (sub) {
            case "up" -> cluster.up(o);
            case "status" -> cluster.status();
            case "down" -> cluster.down();
            default -> throw new IllegalArgumentException("unknown cluster command '" + sub + "': expected up, status or down");
        };
    }

    private int up(Options o) throws Exception {
        if (o.positional().size() != 1) throw new IllegalArgumentException("cluster up needs the number of JVMs, e.g. podium cluster up 3");
        int n = parseCount(o.positional().get(0));
        String db = o.get("--db", System.getenv().getOrDefault("PODIUM_DB_URL", DEFAULT_DB));
        int simulated = o.integer("--simulated-nodes", 0, 0, 100_000);
        // members on one machine run host processes unless asked: a containerd each is heavy, and their nodes share the host
        String runtime = o.get("--runtime", "process");
        if (!List.of("auto", "containerd", "process").contains(runtime)) throw new IllegalArgumentException("--runtime must be auto, containerd or process, not '" + runtime + "'");
        List<Member> members = load();
        List<Member> running = members.stream().filter(m -> process(m).isPresent()).toList();
        List<Member> toStart;
        if (!running.isEmpty()) {
            if (members.size() != n) {
                System.err.println("podium: a cluster of " + members.size() + " JVMs is running in " + dir + "; run: podium cluster down --data "
                        + dir + " first, or podium cluster up " + members.size() + " to restart its stopped members");
                return 1;
            }
            db = savedDatabase();
            toStart = members.stream().filter(m -> !running.contains(m)).toList();
            if (toStart.isEmpty()) {
                System.out.println("all " + n + " JVMs of " + dir + " are already running");
                return status();
            }
        } else {
            members = layout(n, o.integer("--port", 6443, 1, 65535), o.integer("--cluster-port", 7355, 1, 65535));
            toStart = members;
        }
        DatabaseProfile profile = DatabaseProfile.fromUrl(db);
        if (profile.isEmbedded()) {
            System.err.println("podium: a cluster of several JVMs needs PostgreSQL, not the embedded H2 store: pass --db jdbc:postgresql://HOST:PORT/DB");
            return 1;
        }
        String busy = busyPorts(toStart);
        if (!busy.isEmpty()) {
            System.err.println("podium: port(s) already in use: " + busy + "; choose others with --port and --cluster-port");
            return 1;
        }
        createDatabaseIfMissing(profile);
        Files.createDirectories(dir);
        ClusterCredentials credentials = credentials();
        if (running.isEmpty()) {
            save(members, db, simulated, runtime);
            Files.copy(jar(), dir.resolve("podium.jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> seeds = members.stream().map(Member::clusterAddress).toList();
        Map<Integer, Process> processes = new LinkedHashMap<>();
        for (Member m : toStart) processes.put(m.index(), launch(m, db, seeds, simulatedFor(running.isEmpty(), simulated),
                running.isEmpty() ? runtime : properties().getProperty("runtime", "process")));
        System.out.println("Starting " + toStart.size() + " of " + n + " Podium JVMs over " + db + " (logs in " + dir + "/node-K/podium.log)...");
        if (!awaitReady(members, toStart, processes)) {
            processes.values().forEach(Process::destroy);
            return 1;
        }
        Map<String, String> contexts = new LinkedHashMap<>();
        members.forEach(m -> contexts.put("node-" + m.index(), m.api()));
        Path kubeconfig = Kubeconfig.write(dir.resolve("kubeconfig"), contexts, "node-1", credentials.caPem(), credentials.admin());
        for (Member m : members) {
            System.out.printf("node-%d  pid %d  API %s  cluster %s  log %s%n", m.index(), processes.containsKey(m.index()) ? processes.get(m.index()).pid()
                    : process(m).map(ProcessHandle::pid).orElse(-1L), m.api(),
                    m.clusterAddress(), dir.resolve("node-" + m.index()).resolve("podium.log"));
        }
        System.out.println("Cluster is up. Run: export KUBECONFIG=" + kubeconfig + "   (contexts node-1 … node-" + n + ")");
        return 0;
    }

    private static int parseCount(String s) {
        try {
            int n = Integer.parseInt(s);
            if (n >= 1 && n <= 9) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("cluster up expects a number of JVMs from 1 to 9, got '" + s + "'");
    }

    private record Member(int index, int apiPort, int clusterPort) {
        String api() {
            return "https://127.0.0.1:" + apiPort;
        }

        String clusterAddress() {
            return "127.0.0.1:" + clusterPort;
        }
    }

    private static List<Member> layout(int n, int apiBase, int clusterBase) {
        List<Member> members = new ArrayList<>();
        for (int k = 1; k <= n; k++) members.add(new Member(k, apiBase + k - 1, clusterBase + k - 1));
        return members;
    }

    private static String busyPorts(List<Member> members) {
        List<String> busy = new ArrayList<>();
        for (Member m : members) {
            for (int port : new int[] {m.apiPort(), m.clusterPort()}) {
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(new InetSocketAddress("127.0.0.1", port));
                } catch (IOException e) {
                    busy.add(String.valueOf(port));
                }
            }
        }
        return String.join(", ", busy);
    }

    private Process launch(Member m, String db, List<String> seeds, int simulated, String runtime) throws IOException {
        Path home = dir.resolve("node-" + m.index());
        Files.createDirectories(home);
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) cmd.add("/usr/bin/setsid"); // leaves the terminal's process group: Ctrl-C on a later command does not reach it
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of(System.getenv().getOrDefault("PODIUM_JAVA_OPTS", "-Xms128m -Xmx1g").trim().split("\\s+")));
        cmd.addAll(List.of("-jar", dir.resolve("podium.jar").toString(), "up", "--data", home.toString(), "--port", String.valueOf(m.apiPort()), "--db", db,
                "--cluster-port", String.valueOf(m.clusterPort()), "--seed", String.join(",", seeds),
                "--node-name", HostedNodes.localName() + "-" + m.index(), "--simulated-nodes", String.valueOf(simulated),
                "--simulated-prefix", "sim-" + m.index(), "--ca", dir.resolve("pki").toString(), "--runtime", runtime));
        Path log = home.resolve("podium.log");
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }

    /**
     * The shaded jar this command runs from. Members run a copy of it in DIR: rebuilding the
     * original under running JVMs would break their class loading, and a restarted member must
     * run the same version as the others.
     */
    private static Path jar() {
        try {
            Path p = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(p)) return p;
        } catch (Exception ignored) {
            // reported below
        }
        throw new IllegalStateException("podium cluster up runs from the podium jar (./podium cluster up, or java -jar podium.jar cluster up)");
    }

    /** Waits for every JVM to be ready and to see all N members Up; a JVM that exits ends the wait with its log's tail. */
    private boolean awaitReady(List<Member> members, List<Member> started, Map<Integer, Process> processes) throws InterruptedException {
        long start = System.nanoTime();
        long lastReport = start;
        while (true) {
            List<String> waiting = new ArrayList<>();
            for (Member m : started) {
                Process p = processes.get(m.index());
                if (!p.isAlive()) {
                    System.err.println("podium: node-" + m.index() + " exited with code " + p.exitValue() + "; the end of its log:");
                    System.err.println(tail(dir.resolve("node-" + m.index()).resolve("podium.log"), 20));
                    return false;
                }
                Optional<String> view = readyz(m);
                if (view.isEmpty() || upMembers(view.get()) < members.size()) waiting.add("node-" + m.index());
            }
            if (waiting.isEmpty()) return true;
            long now = System.nanoTime();
            if (now - start > READY_TIMEOUT.toNanos()) {
                System.err.println("podium: " + String.join(", ", waiting) + " not ready after " + READY_TIMEOUT.toMinutes() + " min; see their podium.log");
                return false;
            }
            if (now - lastReport > Duration.ofSeconds(5).toNanos()) {
                System.out.printf("  %d s: waiting for %s to be ready and see all %d members%n", Duration.ofNanos(now - start).toSeconds(),
                        String.join(", ", waiting), members.size());
                lastReport = now;
            }
            Thread.sleep(250);
        }
    }

    private static long upMembers(String readyz) {
        return readyz.lines().filter(l -> l.trim().startsWith("member ") && l.contains(" Up") && !l.contains("unreachable")).count();
    }

    /** The body of a ready {@code /readyz?verbose}, or empty while the JVM is not ready or not answering. */
    private Optional<String> readyz(Member m) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(m.api() + "/readyz?verbose")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private int status() throws IOException {
        List<Member> members = load();
        if (members.isEmpty()) {
            System.out.println("no cluster in " + dir + " (start one with: podium cluster up 3 --data " + dir + ")");
            return 1;
        }
        credentials();
        int running = 0;
        String view = null;
        for (Member m : members) {
            Optional<ProcessHandle> p = process(m);
            Optional<String> ready = p.isPresent() ? readyz(m) : Optional.empty();
            String state = p.isEmpty() ? "stopped" : ready.isPresent() ? "ready" : "running, not ready";
            if (p.isPresent()) running++;
            if (view == null && ready.isPresent()) view = ready.get();
            System.out.printf("node-%d  %-18s %s  API %s  cluster %s%n", m.index(), state, p.map(h -> "pid " + h.pid()).orElse("-"), m.api(),
                    m.clusterAddress());
        }
        if (view != null) {
            System.out.println("cluster view:");
            view.lines().dropWhile(l -> !l.startsWith("[+]cluster") && !l.startsWith("[-]cluster")).skip(1).takeWhile(l -> l.startsWith("    "))
                    .forEach(l -> System.out.println("  " + l.trim()));
        }
        return running == members.size() ? 0 : 1;
    }

    /** Stops the members one at a time, youngest first, so each leaves a cluster that can still hand its shards over. */
    private int down() throws Exception {
        List<Member> members = new ArrayList<>(load());
        java.util.Collections.reverse(members);
        int stopped = 0;
        for (Member m : members) {
            Optional<ProcessHandle> jvm = process(m);
            if (jvm.isEmpty()) continue;
            ProcessHandle h = jvm.get();
            System.out.println("stopping node-" + m.index() + " (pid " + h.pid() + ")");
            h.destroy();
            try {
                h.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                System.err.println("node-" + m.index() + " did not stop within 60 s; killing it");
                h.destroyForcibly();
            }
            stopped++;
        }
        System.out.println(stopped == 0 ? "no Podium JVM of " + dir + " was running" : "stopped " + stopped + " Podium JVM(s)");
        return 0;
    }

    /** The member's JVM when its pid file names a live Java process. */
    private Optional<ProcessHandle> process(Member m) {
        Path pidFile = dir.resolve("node-" + m.index()).resolve("podium.pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.contains("java")).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A restarted member hosts as many simulated nodes as it did when the cluster was started. */
    private int simulatedFor(boolean fresh, int requested) throws IOException {
        return fresh ? requested : Integer.parseInt(properties().getProperty("simulated-nodes", "0"));
    }

    private String savedDatabase() throws IOException {
        return properties().getProperty("db");
    }

    private void save(List<Member> members, String db, int simulated, String runtime) throws IOException {
        Properties p = new Properties();
        p.setProperty("members", String.valueOf(members.size()));
        p.setProperty("db", db);
        p.setProperty("simulated-nodes", String.valueOf(simulated));
        p.setProperty("runtime", runtime);
        for (Member m : members) {
            p.setProperty("node." + m.index() + ".api-port", String.valueOf(m.apiPort()));
            p.setProperty("node." + m.index() + ".cluster-port", String.valueOf(m.clusterPort()));
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve("cluster.properties"))) {
            p.store(out, "podium cluster up");
        }
    }

    private Properties properties() throws IOException {
        Properties p = new Properties();
        Path file = dir.resolve("cluster.properties");
        if (!Files.exists(file)) return p;
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }

    private List<Member> load() throws IOException {
        Properties p = properties();
        List<Member> members = new ArrayList<>();
        int n = Integer.parseInt(p.getProperty("members", "0"));
        for (int k = 1; k <= n; k++) {
            members.add(new Member(k, Integer.parseInt(p.getProperty("node." + k + ".api-port")),
                    Integer.parseInt(p.getProperty("node." + k + ".cluster-port"))));
        }
        return members;
    }

    /** The default database ({@code podium} on the local server) is created on first use. */
    private static void createDatabaseIfMissing(DatabaseProfile db) throws SQLException {
        try (Connection c = db.connect()) {
            return;
        } catch (SQLException e) {
            if (!"3D000".equals(e.getSQLState())) {
                throw new SQLException("cannot reach PostgreSQL at " + db.url() + ": " + e.getMessage() + " - start it or pass --db", e);
            }
        }
        String url = db.url();
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        String name = url.substring(slash + 1, query < 0 ? url.length() : query);
        if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) throw new SQLException("database " + name + " does not exist; create it first");
        try (Connection c = DriverManager.getConnection(url.substring(0, slash + 1) + "postgres", db.user(), db.password());
             var st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
            System.out.println("created database " + name);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + file + ")";
        }
    }
}
