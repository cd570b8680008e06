package dev.podium.bench;

import dev.podium.model.json.Json;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Failover of a 3-JVM {@code podium cluster up} over a fresh PostgreSQL database: N ConfigMaps are
 * created through node-1, one member is killed with SIGKILL at t0, and from the survivors it
 * measures how long until (a) every object is listed again at its acknowledged resourceVersion,
 * (b) each of the 100 ConfigMap shards accepts a write, (c) readyz shows the two survivors Up
 * and none unreachable. The target is (a) and (b) under 10 s.
 * <p>Usage (from the reactor root, after {@code mvn install -DskipTests} built the shaded jar):
 * {@code mvn -q -B -pl bench exec:java -Dbench=dev.podium.bench.FailoverBench -Dexec.args="--objects 10000 --kill node-2"}.
 * Options: {@code --objects N} (10000), {@code --clients C} (32), {@code --kill node-K|oldest} (node-2; oldest is the member
 * hosting the singletons and the shard coordinators), {@code --jar PATH} (cluster-config/target/podium.jar),
 * {@code --data DIR} (a temporary directory), {@code --port P} (16443) and {@code --cluster-port P} (17355) for the
 * first member, {@code --pg ADMIN_JDBC_URL}, {@code --write-timeout MS} (1000), {@code --timeout S} (120, per measurement).
 */
public final class FailoverBench {
    private static final int MEMBERS = 3;
    private static final int SHARDS = 100;
    private static final String NAMESPACE = "bench";
    private static final Duration TARGET = Duration.ofSeconds(10);

    private final Options o;
    private final LocalClusterProcess cluster;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
    private final Table table = new Table();

    private FailoverBench(Options o, LocalClusterProcess cluster) {
        this.o = o;
        this.cluster = cluster;
    }

    record Options(int objects, int clients, String kill, Path jar, Path data, int port, int clusterPort, String pgAdmin,
                   Duration writeTimeout, Duration timeout) {
        static Options parse(String[] args) throws Exception {
            Map<String, String> v = new HashMap<>(Map.of("--objects", "10000", "--clients", "32", "--kill", "node-2", "--port", "16443",
                    "--cluster-port", "17355", "--pg", ScratchDatabase.DEFAULT_ADMIN_URL, "--write-timeout", "1000", "--timeout", "120"));
            Set<String> known = new HashSet<>(v.keySet());
            known.addAll(List.of("--jar", "--data"));
            for (int i = 0; i < args.length; i += 2) {
                if (!known.contains(args[i])) throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + known);
                if (i + 1 >= args.length) throw new IllegalArgumentException(args[i] + " needs a value");
                v.put(args[i], args[i + 1]);
            }
            String kill = v.get("--kill");
            if (!kill.equals("oldest") && !kill.matches("node-[1-" + MEMBERS + "]")) throw new IllegalArgumentException("--kill takes node-1 … node-" + MEMBERS + " or oldest");
            return new Options(Integer.parseInt(v.get("--objects")), Integer.parseInt(v.get("--clients")), kill, jar(v.get("--jar")),
                    v.containsKey("--data") ? Path.of(v.get("--data")).toAbsolutePath() : Files.createTempDirectory("podium-failover"),
                    Integer.parseInt(v.get("--port")), Integer.parseInt(v.get("--cluster-port")), v.get("--pg"),
                    Duration.ofMillis(Long.parseLong(v.get("--write-timeout"))), Duration.ofSeconds(Long.parseLong(v.get("--timeout"))));
        }

        /** The shaded jar: as given, else cluster-config/target/podium.jar from the reactor root or from the bench module. */
        private static Path jar(String given) {
            List<Path> candidates = given != null ? List.of(Path.of(given)) : List.of(Path.of("cluster-config/target/podium.jar"), Path.of("../cluster-config/target/podium.jar"));
            return candidates.stream().filter(Files::isRegularFile).findFirst().map(Path::toAbsolutePath).orElseThrow(() -> new IllegalArgumentException(
                    "no shaded jar at " + candidates + ": build it with mvn -q -B install -DskipTests, or pass --jar"));
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        System.out.printf("Podium failover benchmark: %d JVMs, %d ConfigMaps, %d clients, kill %s, %d cores, java %s%n  jar %s%n  data %s%n",
                MEMBERS, o.objects(), o.clients(), o.kill(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), o.jar(), o.data());
        try (ScratchDatabase db = ScratchDatabase.create(o.pgAdmin(), "podium_failover")) {
            long start = System.nanoTime();
            try (LocalClusterProcess cluster = LocalClusterProcess.up(o.jar(), o.data(), MEMBERS, db.url(), o.port(), o.clusterPort())) {
                FailoverBench bench = new FailoverBench(o, cluster);
                bench.table.row("cluster up " + MEMBERS + " JVMs (database " + db.name() + ")", seconds(System.nanoTime() - start));
                bench.run();
            }
        }
        System.exit(0);
    }

    /** The member killed, its Pekko address, and the survivors; the first survivor serves the reads and writes measured. */
    private record Victim(int node, String address, boolean oldest, List<Integer> survivors) {
        int observer() {
            return survivors.get(0);
        }
    }

    private void run() throws Exception {
        Map<String, Long> acknowledged = createObjects();
        Map<Integer, String> probes = objectPerShard(acknowledged);
        Victim victim = chooseVictim();
        ShardWriteProbe writes = new ShardWriteProbe(http, collection(victim.observer()), probes, o.writeTimeout());
        measureBeforeKill(victim, acknowledged, writes);
        killAndMeasure(victim, acknowledged, writes);
    }

    /** Creates the objects through node-1; returns the resourceVersion each was acknowledged with. */
    private Map<String, Long> createObjects() throws Exception {
        expectCreated(ConfigMapCreates.post(http, cluster.api(1) + "/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + NAMESPACE + "\"}}"));
        ConfigMapCreates.Result creates = ConfigMapCreates.run(http, collection(1), "cm-", o.objects(), o.clients());
        Histogram lat = creates.latencyMicros();
        table.row("create " + o.objects() + " ConfigMaps via node-1, " + o.clients() + " in flight", String.format(
                "%.1f s = %.0f creates/s, p50 %.1f ms, p99 %.1f ms, max %.0f ms, errors %d", creates.seconds(), creates.rate(),
                lat.getValueAtPercentile(50) / 1000.0, lat.getValueAtPercentile(99) / 1000.0, lat.getMaxValue() / 1000.0, creates.errors()));
        return new HashMap<>(creates.resourceVersions());
    }

    private Victim chooseVictim() {
        ClusterMembers view = ClusterMembers.parse(LocalClusterProcess.readyz(http, cluster.api(1), Duration.ofSeconds(10))
                .orElseThrow(() -> new IllegalStateException("node-1 does not answer /readyz")));
        int oldest = cluster.nodeOfAddress(view.oldest().orElseThrow(() -> new IllegalStateException("readyz marks no member oldest")).address());
        int node = o.kill().equals("oldest") ? oldest : Integer.parseInt(o.kill().substring("node-".length()));
        String address = view.members().stream().map(ClusterMembers.Member::address).filter(a -> cluster.nodeOfAddress(a) == node).findFirst()
                .orElseThrow(() -> new IllegalStateException("readyz of node-1 does not list node-" + node));
        return new Victim(node, address, node == oldest, IntStream.rangeClosed(1, MEMBERS).filter(k -> k != node).boxed().toList());
    }

    /** The same reads and writes as after the kill, on the healthy cluster, and each JVM's RSS. */
    private void measureBeforeKill(Victim victim, Map<String, Long> acknowledged, ShardWriteProbe writes) throws Exception {
        long start = System.nanoTime();
        table.row("before kill: all objects listed on node-" + victim.observer(),
                seconds(timeUntilServed(victim.observer(), acknowledged, start, start + o.timeout().toNanos())));
        start = System.nanoTime();
        table.row("before kill: a write accepted on every shard via node-" + victim.observer(), slowest(writes.run(start, start + o.timeout().toNanos())));
        StringBuilder rss = new StringBuilder();
        for (int k = 1; k <= MEMBERS; k++) rss.append(String.format("node-%d %d MiB  ", k, ProcessMemory.rssKib(cluster.process(k).pid()) >> 10));
        table.row("RSS (VmRSS) before kill", rss.toString().trim());
    }

    /** SIGKILL at t0, then (a), (b) and (c) measured at the same time until each is reached or the timeout passed. */
    private void killAndMeasure(Victim victim, Map<String, Long> acknowledged, ShardWriteProbe writes) throws Exception {
        ProcessHandle process = cluster.process(victim.node());
        table.row("victim: kill -9 node-" + victim.node() + (victim.oldest() ? " (oldest)" : ""),
                "pid " + process.pid() + ", " + victim.address() + "; measured from node-" + victim.observer());
        LocalTime wallT0 = LocalTime.now();
        long t0 = System.nanoTime();
        process.destroyForcibly();
        long deadline = t0 + o.timeout().toNanos();

        ExecutorService pool = Executors.newCachedThreadPool();
        Future<Long> served = pool.submit(() -> timeUntilServed(victim.observer(), acknowledged, t0, deadline));
        Future<List<ShardWriteProbe.Outcome>> written = pool.submit(() -> writes.run(t0, deadline));
        Map<Integer, Future<MembershipWatch.Times>> membership = new LinkedHashMap<>();
        for (int k : victim.survivors()) {
            membership.put(k, pool.submit((Callable<MembershipWatch.Times>) () ->
                    MembershipWatch.watch(http, cluster.api(k), victim.address(), victim.survivors().size(), t0, deadline)));
        }
        table.row("victim exited", waitForExit(process) ? "yes" : "NO (still running)");
        long servedNanos = served.get();
        List<ShardWriteProbe.Outcome> outcomes = written.get();
        table.row("(a) every object listed at its acknowledged version (node-" + victim.observer() + ")", seconds(servedNanos));
        table.row("(b) a write accepted on every one of " + SHARDS + " shards", slowest(outcomes) + "  " + shardSummary(outcomes));
        reportMembership(membership);
        pool.shutdown();
        long worst = servedNanos < 0 || outcomes.stream().anyMatch(x -> !x.accepted()) ? -1
                : Math.max(servedNanos, outcomes.stream().mapToLong(ShardWriteProbe.Outcome::acceptedNanos).max().orElse(0));
        table.row("target: (a) and (b) under " + TARGET.toSeconds() + " s", worst >= 0 && worst < TARGET.toNanos() ? "met (" + seconds(worst) + ")"
                : "MISSED (" + seconds(worst) + ")");
        Map<Integer, NodeLogTimeline> logs = new LinkedHashMap<>();
        for (int k : victim.survivors()) {
            NodeLogTimeline log = NodeLogTimeline.read(cluster.log(k), wallT0);
            logs.put(k, log);
            table.row("    log of node-" + k, String.format("UnreachableMember %s, SBR decision %s, MemberDowned %s, MemberRemoved %s",
                    millis(log.first("cluster: UnreachableMember")), millis(log.first("SBR took decision")), millis(log.first("MemberDowned")),
                    millis(log.first("MemberRemoved"))));
        }
        table.print();
        printSlowShards(outcomes);
        logs.forEach((k, log) -> {
            System.out.println("\nnode-" + k + " log after the kill (" + cluster.log(k) + "), offsets from t0:");
            log.lines(80).forEach(System.out::println);
        });
    }

    /** One row per survivor and (c): the later of the two moments their readyz showed only the survivors, Up and reachable. */
    private void reportMembership(Map<Integer, Future<MembershipWatch.Times>> membership) throws Exception {
        long converged = 0;
        for (var e : membership.entrySet()) {
            MembershipWatch.Times t = e.getValue().get();
            converged = converged < 0 || t.convergedNanos() < 0 ? -1 : Math.max(converged, t.convergedNanos());
            table.row("    readyz of node-" + e.getKey(), String.format("victim unreachable %s, down %s, removed %s, 2 Up/none unreachable %s "
                    + "(%d readings, slowest answer %s)", seconds(t.unreachableNanos()), seconds(t.downNanos()), seconds(t.removedNanos()),
                    seconds(t.convergedNanos()), t.readings(), seconds(t.slowestReadingNanos())));
        }
        table.row("(c) readyz on both survivors: 2 members Up, none unreachable", seconds(converged));
    }

    /** Polls LIST on one member until every acknowledged object is there at its version; nanoseconds from {@code t0}, -1 at the deadline. */
    private long timeUntilServed(int node, Map<String, Long> acknowledged, long t0, long deadline) throws InterruptedException {
        while (System.nanoTime() < deadline) {
            try {
                if (ConfigMapListing.missingOrStale(acknowledged, ConfigMapListing.list(http, collection(node), 1000, Duration.ofSeconds(5))) == 0) {
                    return System.nanoTime() - t0;
                }
            } catch (IOException e) {
                // not answering yet: try again
            }
            Thread.sleep(50);
        }
        return -1;
    }

    /** The first created object of each shard; shards none of them hash to get a {@code probe-K} ConfigMap of their own. */
    private Map<Integer, String> objectPerShard(Map<String, Long> acknowledged) throws Exception {
        Map<Integer, String> probes = new HashMap<>();
        for (int i = 0; i < o.objects() && probes.size() < SHARDS; i++) {
            if (acknowledged.containsKey("cm-" + i)) probes.putIfAbsent(ShardWriteProbe.shardOf(NAMESPACE, "cm-" + i, SHARDS), "cm-" + i);
        }
        for (int i = 0; probes.size() < SHARDS; i++) {
            String name = "probe-" + i;
            if (probes.putIfAbsent(ShardWriteProbe.shardOf(NAMESPACE, name, SHARDS), name) != null) continue;
            HttpResponse<String> r = ConfigMapCreates.post(http, collection(1), "{\"metadata\":{\"name\":\"" + name + "\"}}");
            expectCreated(r);
            acknowledged.put(name, Long.parseLong(Json.MAPPER.readTree(r.body()).path("metadata").path("resourceVersion").asText()));
        }
        return probes;
    }

    private String collection(int node) {
        return cluster.api(node) + "/api/v1/namespaces/" + NAMESPACE + "/configmaps";
    }

    private static boolean waitForExit(ProcessHandle p) {
        if (p.onExit().isDone()) return true;
        try {
            p.onExit().get(10, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static void expectCreated(HttpResponse<String> r) {
        if (r.statusCode() != 201) throw new IllegalStateException("create answered HTTP " + r.statusCode() + ": " + r.body());
    }

    private static String slowest(List<ShardWriteProbe.Outcome> outcomes) {
        long missing = outcomes.stream().filter(x -> !x.accepted()).count();
        if (missing > 0) return "NOT REACHED: " + missing + " shard(s) never accepted a write";
        return seconds(outcomes.stream().mapToLong(ShardWriteProbe.Outcome::acceptedNanos).max().orElse(0));
    }

    private static String shardSummary(List<ShardWriteProbe.Outcome> outcomes) {
        List<Long> ms = outcomes.stream().filter(ShardWriteProbe.Outcome::accepted).map(x -> x.acceptedNanos() / 1_000_000).sorted().toList();
        long late = ms.stream().filter(t -> t >= 1000).count();
        int attempts = outcomes.stream().mapToInt(ShardWriteProbe.Outcome::attempts).sum();
        int timeouts = outcomes.stream().mapToInt(ShardWriteProbe.Outcome::timeouts).sum();
        String firstLate = ms.stream().filter(t -> t >= 1000).findFirst().map(t -> String.format(", the first of them at %.2f s", t / 1000.0)).orElse("");
        return String.format("(median shard %d ms; %d shards took >= 1 s%s; %d writes sent after t0, %d timed out)",
                ms.isEmpty() ? -1 : ms.get(ms.size() / 2), late, firstLate, attempts, timeouts);
    }

    /** The shards that were down longest, with how their writes failed: the victim's shards and how they came back. */
    private static void printSlowShards(List<ShardWriteProbe.Outcome> outcomes) {
        List<ShardWriteProbe.Outcome> slow = new ArrayList<>(outcomes.stream().filter(x -> !x.accepted() || x.acceptedNanos() >= 1_000_000_000L).toList());
        if (slow.isEmpty()) return;
        slow.sort((a, b) -> Long.compare(b.accepted() ? b.acceptedNanos() : Long.MAX_VALUE, a.accepted() ? a.acceptedNanos() : Long.MAX_VALUE));
        System.out.println("\nshards that took >= 1 s (slowest first): shard object accepted-at attempts timeouts last-failure");
        slow.forEach(x -> System.out.printf("  %3d %-10s %9s %4d %4d %s%n", x.shard(), x.name(), seconds(x.acceptedNanos()), x.attempts(), x.timeouts(),
                x.lastFailure()));
    }

    private static String millis(long millis) {
        return millis < 0 ? "-" : String.format("%.2f s", millis / 1000.0);
    }

    private static String seconds(long nanos) {
        return nanos < 0 ? "never" : String.format("%.2f s", nanos / 1e9);
    }

    /** Two columns, printed once everything is measured. */
    private static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        /** Also printed at once, so that a run that fails midway still shows what it measured. */
        void row(String what, String value) {
            rows.add(new String[] {what, value});
            System.out.println("  " + what + ": " + value);
        }

        void print() {
            int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
            System.out.println();
            rows.forEach(r -> System.out.printf("%-" + width + "s  %s%n", r[0], r[1]));
        }
    }
}
