package dev.podium.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code podium cluster up N} of the shaded jar, driven as a separate process like a user
 * would: member K runs in {@code DIR/node-K} with its API on {@code apiPort + K - 1} and its
 * cluster port on {@code clusterPort + K - 1}. Closing it runs {@code cluster down}; so does a
 * shutdown hook, should the benchmark be interrupted.
 */
final class LocalClusterProcess implements AutoCloseable {
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(5);
    private final Path jar;
    private final Path dir;
    private final int members;
    private final int apiPort;
    private final int clusterPort;
    private final Thread downOnExit = new Thread(this::downQuietly, "podium-cluster-down");
    private boolean down;

    private LocalClusterProcess(Path jar, Path dir, int members, int apiPort, int clusterPort) {
        this.jar = jar;
        this.dir = dir;
        this.members = members;
        this.apiPort = apiPort;
        this.clusterPort = clusterPort;
    }

    /** Runs {@code cluster up} and returns once every member is ready and sees all the others Up. */
    static LocalClusterProcess up(Path jar, Path dir, int members, String db, int apiPort, int clusterPort) throws Exception {
        LocalClusterProcess cluster = new LocalClusterProcess(jar, dir, members, apiPort, clusterPort);
        Runtime.getRuntime().addShutdownHook(cluster.downOnExit);
        try {
            cluster.cli("up", List.of(String.valueOf(members), "--db", db, "--port", String.valueOf(apiPort),
                    "--cluster-port", String.valueOf(clusterPort)), UP_TIMEOUT);
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    int members() {
        return members;
    }

    String api(int node) {
        return "http://127.0.0.1:" + (apiPort + node - 1);
    }

    /** Member K's node index from the cluster port in its Pekko address ({@code pekko://podium@127.0.0.1:PORT}). */
    int nodeOfAddress(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)) - clusterPort + 1;
    }

    Path log(int node) {
        return dir.resolve("node-" + node).resolve("podium.log");
    }

    ProcessHandle process(int node) throws IOException {
        long pid = Long.parseLong(Files.readString(dir.resolve("node-" + node).resolve("podium.pid")).trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("node-" + node + " (pid " + pid + ") is not running"));
    }

    /** The body of {@code /readyz?verbose} of member K, ready or not; empty when it does not answer in time. */
    static Optional<String> readyz(HttpClient http, String api, Duration timeout) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(api + "/readyz?verbose")).timeout(timeout).build();
            return Optional.of(http.send(req, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() throws Exception {
        if (down) return;
        down = true;
        try {
            if (Thread.currentThread() != downOnExit) Runtime.getRuntime().removeShutdownHook(downOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: this call does the work
        }
        cli("down", List.of(), Duration.ofMinutes(3));
    }

    private void downQuietly() {
        try {
            close();
        } catch (Exception e) {
            System.err.println("podium cluster down --data " + dir + " failed: " + e.getMessage());
        }
    }

    /** {@code java -jar podium.jar cluster SUB --data DIR ARGS}; its output goes to {@code DIR/cluster-SUB.out}. */
    private void cli(String sub, List<String> args, Duration timeout) throws Exception {
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", jar.toString(),
                "cluster", sub, "--data", dir.toString()));
        cmd.addAll(args);
        Path out = dir.resolve("cluster-" + sub + ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("podium cluster " + sub + " did not finish within " + timeout.toSeconds() + " s; see " + out);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("podium cluster " + sub + " failed (exit " + p.exitValue() + "):\n" + Files.readString(out));
        }
    }
}
