package dev.podium.actors.kubelet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.runtime.ContainerRuntime;
import dev.podium.runtime.PodContext;
import dev.podium.runtime.PodStatusListener;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A runtime that runs nothing: a started pod reports Running at once; a stopped one reports Failed
 * (its container killed) and then the stop completes, as real runtimes do; stops are recorded as {@code uid/grace}.
 */
final class FakeRuntime implements ContainerRuntime {
    final Map<String, String> started = new ConcurrentHashMap<>();
    final List<String> stopped = new CopyOnWriteArrayList<>();
    private final Map<String, PodStatusListener> listeners = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public void startPod(ObjectNode pod, PodContext context, PodStatusListener listener) {
        String uid = pod.path("metadata").path("uid").asText();
        if (started.putIfAbsent(uid, context.nodeName()) != null) return;
        listeners.put(uid, listener);
        listener.onStatus(uid, Json.object().put("phase", "Running").put("hostIP", context.hostIP()));
    }

    @Override
    public CompletionStage<Void> stopPod(String podUid, long gracePeriodSeconds) {
        stopped.add(podUid + "/" + gracePeriodSeconds);
        PodStatusListener listener = listeners.remove(podUid);
        if (listener != null) listener.onStatus(podUid, Json.object().put("phase", "Failed").put("reason", "Killed"));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Set<String> knownPods(String nodeName) {
        return started.entrySet().stream().filter(e -> e.getValue().equals(nodeName)).map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    @Override
    public boolean knows(String podUid) {
        return started.containsKey(podUid);
    }

    @Override
    public Optional<Path> logFile(String podUid, String container, boolean previous) {
        return Optional.empty();
    }

    @Override
    public void forget(String podUid) {
        started.remove(podUid);
    }

    @Override
    public void close() {
    }
}
