package dev.podium.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.kubelet.LocalNode;
import dev.podium.actors.kubelet.LocalNodes;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import dev.podium.runtime.ContainerLogs;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** GET pods/{name}/log: container logs from the runtime of the node the pod runs on; another member's nodes through {@link LogProxy}. */
final class LogHandler {
    private static final Duration FOLLOW_POLL = Duration.ofMillis(200);
    private final WatchCache cache;
    private final LocalNodes nodes;
    private final Clock clock;
    private final LogProxy proxy;

    LogHandler(WatchCache cache, LocalNodes nodes, Clock clock, LogProxy proxy) {
        this.cache = cache;
        this.nodes = nodes;
        this.clock = clock;
        this.proxy = proxy;
    }

    CompletionStage<HttpResponse> logs(ApiRequest req) {
        String podName = req.path().name();
        ObjectNode pod = cache.get("Pod", req.key()).map(CachedObject::object)
                .orElseThrow(() -> new ApiException(ApiError.notFound("", "pods", podName)));
        String container = container(pod, req.param("container"));
        String nodeName = pod.path("spec").path("nodeName").asText("");
        if (nodeName.isEmpty()) throw new ApiException(ApiError.badRequest("pod " + podName + " does not have a host assigned"));
        if (nodes.get(nodeName).isEmpty()) {
            JsonNode nodeObject = cache.get("Node", nodeName).map(c -> (JsonNode) c.object())
                    .orElseThrow(() -> new ApiException(ApiError.notFound("", "nodes", nodeName)));
            return proxy.forward(req, nodeObject, podName);
        }
        LocalNode node = nodes.get(nodeName).orElseThrow();
        if (node.runtime().name().equals("simulated")) {
            throw new ApiException(ApiError.badRequest("pod " + podName + " runs on the simulated node " + nodeName
                    + ", whose containers print nothing; pin pods that should log to the local node with nodeSelector podium.dev/runtime: process"));
        }
        boolean previous = req.flag("previous");
        // a static pod's mirror names the running pod (its manifest hash) in the mirror annotation
        String mirrorOf = pod.path("metadata").path("annotations").path("kubernetes.io/config.mirror").asText("");
        String uid = mirrorOf.isEmpty() ? pod.path("metadata").path("uid").asText() : mirrorOf;
        Path file = node.runtime().logFile(uid, container, previous).filter(Files::exists).orElseThrow(() -> new ApiException(ApiError.badRequest(
                previous ? "previous terminated container \"" + container + "\" in pod \"" + podName + "\" not found"
                        : "container \"" + container + "\" in pod \"" + podName + "\" is waiting to start: " + waitingReason(pod, container))));
        LogOptions options = LogOptions.from(req);
        try {
            ContainerLogs format = node.runtime().logs();
            byte[] content = options.select(options.needsTimes() ? options.timed(format.timedLines(file), clock.instant()) : format.output(file));
            if (!req.flag("follow")) {
                return CompletableFuture.completedFuture(HttpResponse.create().withStatus(200).withEntity(ContentTypes.TEXT_PLAIN_UTF8, content));
            }
            long offset = Files.size(file);
            Source<ByteString, NotUsed> rest = follow(file, offset, req.key(), uid, format);
            Source<ByteString, NotUsed> body = Source.single(ByteString.fromArray(content)).concat(rest);
            return CompletableFuture.completedFuture(HttpResponse.create().withStatus(200)
                    .withEntity(HttpEntities.createChunked(ContentTypes.TEXT_PLAIN_UTF8, body)));
        } catch (IOException e) {
            throw new ApiException(ApiError.internal("reading the log of " + podName + "/" + container + ": " + e.getMessage()));
        }
    }

    /** New bytes as they are written, until the pod is gone and the file has been read to its end. */
    private Source<ByteString, NotUsed> follow(Path file, long start, String podKey, String uid, ContainerLogs format) {
        return Source.tick(FOLLOW_POLL, FOLLOW_POLL, "poll").mapMaterializedValue(c -> NotUsed.getInstance())
                .statefulMapConcat(() -> {
                    long[] offset = {start};
                    return tick -> {
                        List<ByteString> out = new ArrayList<>();
                        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                            long len = raf.length();
                            if (len > offset[0]) {
                                byte[] buf = new byte[(int) Math.min(len - offset[0], 1 << 20)];
                                raf.seek(offset[0]);
                                raf.readFully(buf);
                                ContainerLogs.Chunk chunk = format.appended(buf);
                                offset[0] += chunk.consumed();
                                out.add(ByteString.fromArray(chunk.output()));
                            }
                        }
                        return out;
                    };
                })
                .merge(Source.tick(Duration.ofSeconds(1), Duration.ofSeconds(1), ByteString.emptyByteString())
                        .mapMaterializedValue(c -> NotUsed.getInstance())
                        .takeWhile(t -> stillThere(podKey, uid)), true)
                .filter(b -> !b.isEmpty());
    }

    private boolean stillThere(String podKey, String uid) {
        return cache.get("Pod", podKey).map(o -> o.object().path("metadata").path("uid").asText().equals(uid)
                && !terminal(o.object())).orElse(false);
    }

    private static boolean terminal(JsonNode pod) {
        String phase = pod.path("status").path("phase").asText("");
        return phase.equals("Succeeded") || phase.equals("Failed");
    }

    static String container(ObjectNode pod, String requested) {
        List<String> names = new ArrayList<>();
        pod.path("spec").path("containers").forEach(c -> names.add(c.path("name").asText()));
        List<String> all = new ArrayList<>(names);
        pod.path("spec").path("initContainers").forEach(c -> all.add(c.path("name").asText()));
        String podName = pod.path("metadata").path("name").asText();
        if (requested == null || requested.isEmpty()) {
            if (names.size() == 1) return names.get(0);
            throw new ApiException(ApiError.badRequest("a container name must be specified for pod " + podName + ", choose one of: " + names));
        }
        if (!all.contains(requested)) throw new ApiException(ApiError.badRequest("container " + requested + " is not valid for pod " + podName));
        return requested;
    }

    private static String waitingReason(ObjectNode pod, String container) {
        for (String list : List.of("containerStatuses", "initContainerStatuses")) {
            for (JsonNode s : pod.path("status").path(list)) {
                if (container.equals(s.path("name").asText()) && s.path("state").has("waiting")) {
                    return s.path("state").path("waiting").path("reason").asText("ContainerCreating");
                }
            }
        }
        return "ContainerCreating";
    }
}
