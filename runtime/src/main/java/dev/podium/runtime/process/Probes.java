package dev.podium.runtime.process;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One check of a probe or one run of a handler (exec, httpGet, tcpSocket, sleep), asynchronous.
 * exec: exit 0 is success, the command is killed at the timeout; httpGet: 200-399; tcpSocket: connect.
 */
public final class Probes {
    /** Where a container's handlers run: its environment, working directory, ports and host. */
    public record Target(Map<String, String> env, Path workDir, JsonNode containerSpec, String host, long nsLeader) {
        public Target(Map<String, String> env, Path workDir, JsonNode containerSpec, String host) {
            this(env, workDir, containerSpec, host, 0);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private Probes() {}

    public static CompletableFuture<Boolean> run(JsonNode handler, Target t, Duration timeout, Executor blocking) {
        try {
            if (handler.has("exec")) return exec(handler.get("exec"), t, timeout);
            if (handler.has("httpGet")) return http(handler.get("httpGet"), t, timeout);
            if (handler.has("tcpSocket")) return tcp(handler.get("tcpSocket"), t, timeout, blocking);
            if (handler.has("sleep")) {
                long s = handler.get("sleep").path("seconds").asLong();
                return CompletableFuture.supplyAsync(() -> true, CompletableFuture.delayedExecutor(s, TimeUnit.SECONDS));
            }
        } catch (Exception e) {
            return CompletableFuture.completedFuture(false);
        }
        return CompletableFuture.completedFuture(false);
    }

    private static CompletableFuture<Boolean> exec(JsonNode exec, Target t, Duration timeout) throws Exception {
        List<String> argv = new ArrayList<>();
        for (JsonNode a : exec.path("command")) argv.add(Expansion.expand(a.asText(), t.env()));
        if (argv.isEmpty()) return CompletableFuture.completedFuture(false);
        Path exe = Launcher.executable(argv.get(0), t.env(), t.workDir());
        argv.set(0, exe.toString());
        argv = Isolation.enter(t.nsLeader(), t.workDir(), argv);
        ProcessBuilder pb = new ProcessBuilder(ProcessGroups.inNewGroup(argv)).directory(t.workDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(t.env());
        Process p = pb.start();
        return p.onExit().thenApply(x -> x.exitValue() == 0)
                .completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(ok -> {
                    if (ok == null) {
                        ProcessGroups.signal(p.pid(), "KILL");
                        return false;
                    }
                    return ok;
                });
    }

    static int port(JsonNode port, JsonNode containerSpec) {
        if (port == null) return -1;
        if (port.isInt() || port.asText().matches("\\d+")) return port.asInt(Integer.parseInt(port.asText("0")));
        for (JsonNode p : containerSpec.path("ports"))
            if (p.path("name").asText().equals(port.asText())) return p.path("containerPort").asInt();
        return -1;
    }

    private static CompletableFuture<Boolean> http(JsonNode get, Target t, Duration timeout) {
        int port = port(get.get("port"), t.containerSpec());
        if (port <= 0) return CompletableFuture.completedFuture(false);
        String host = get.path("host").asText("");
        if (host.isEmpty()) host = t.host();
        String scheme = get.path("scheme").asText("HTTP").toLowerCase(java.util.Locale.ROOT);
        String path = get.path("path").asText("/");
        if (!path.startsWith("/")) path = "/" + path;
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(scheme + "://" + host + ":" + port + path)).timeout(timeout).GET();
        for (JsonNode h : get.path("httpHeaders")) {
            try {
                rb.header(h.path("name").asText(), h.path("value").asText());
            } catch (IllegalArgumentException ignored) {
                // restricted header such as Host
            }
        }
        if (!rb.build().headers().firstValue("User-Agent").isPresent()) rb.header("User-Agent", "kube-probe/1.31");
        return HTTP.sendAsync(rb.build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> r.statusCode() >= 200 && r.statusCode() < 400)
                .exceptionally(e -> false);
    }

    private static CompletableFuture<Boolean> tcp(JsonNode sock, Target t, Duration timeout, Executor blocking) {
        int port = port(sock.get("port"), t.containerSpec());
        String host = sock.path("host").asText("");
        String h = host.isEmpty() ? t.host() : host;
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(h, port), (int) Math.max(1, timeout.toMillis()));
                return true;
            } catch (Exception e) {
                return false;
            }
        }, blocking);
    }
}
