package dev.podium.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The pods a runtime runs, by uid: what {@link ContainerRuntime#startPod}, {@code stopPod}, {@code knownPods} and
 * {@code knows} mean for every runtime whose pods are {@link PodLifecycle}s, re-adopted ones included.
 */
public final class RunningPods<P extends PodLifecycle<?>> {
    private final Map<String, P> pods = new ConcurrentHashMap<>();

    /**
     * Starts the pod with a supervisor {@code create} makes from a copy of it; a pod already known is not
     * started again, but a re-adopted one gets the agent's listener and context now.
     */
    public void start(ObjectNode pod, PodContext context, PodStatusListener listener, Function<ObjectNode, P> create) {
        String uid = Json.textAt(pod, "metadata.uid");
        if (uid == null || uid.isEmpty()) throw new IllegalArgumentException("pod has no metadata.uid");
        P existing = pods.get(uid);
        if (existing != null) {
            if (existing.adopted) existing.attach(listener, context);
            existing.adopted = false;
            return;
        }
        P created = create.apply(pod.deepCopy());
        if (pods.putIfAbsent(uid, created) == null) created.start();
    }

    /** A pod found running after a restart of the runtime; it reports its status once {@link #start} claims it. */
    public void adopt(P pod) {
        pod.adopted = true;
        pods.put(pod.uid, pod);
    }

    public Optional<P> get(String uid) {
        return Optional.ofNullable(pods.get(uid));
    }

    public void remove(String uid) {
        pods.remove(uid);
    }

    public Collection<P> all() {
        return pods.values();
    }

    public CompletionStage<Void> stop(String uid, long gracePeriodSeconds) {
        P p = pods.get(uid);
        return p == null ? CompletableFuture.completedFuture(null) : p.stop(gracePeriodSeconds);
    }

    /** Stops every pod with at most {@code maxGraceSeconds} of grace, waiting up to {@code waitSeconds}; false when some did not stop. */
    public boolean stopAll(long maxGraceSeconds, long waitSeconds) {
        CompletableFuture<?>[] all = pods.values().stream().map(p -> p.stop(Math.min(maxGraceSeconds, p.podGrace()))).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(all).get(waitSeconds, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public Set<String> onNode(String nodeName) {
        Set<String> out = new HashSet<>();
        pods.forEach((uid, p) -> {
            if (nodeName.equals(p.nodeName())) out.add(uid);
        });
        return out;
    }

    public boolean knows(String uid) {
        return pods.containsKey(uid);
    }

    /** The last status reported for the pod, if any (a copy). */
    public Optional<ObjectNode> lastStatus(String uid) {
        return get(uid).map(PodLifecycle::lastStatus).map(ObjectNode::deepCopy);
    }
}
