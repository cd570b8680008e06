package dev.podium.actors.kubelet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.patch.PatchType;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import dev.podium.runtime.PodContext;
import org.slf4j.Logger;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A node agent's static pods (kubelet's file source): runs the pod manifests of a directory
 * without the API, keeps a read-only mirror of each in the API with the runtime's status, and
 * stops a static pod whose file is removed or restarts one whose file changed. Owned by the
 * agent's actor; {@code onStatus} and {@code onStopped} bring the runtime's callbacks back to it.
 */
final class StaticPodRunner {
    private static final ResourceKind POD = KindRegistry.get("Pod");
    private static final ResourceKind NODE = KindRegistry.get("Node");

    private final Path directory;
    private final LocalNode node;
    private final PodContext context;
    private final WatchCache cache;
    private final ObjectClient objects;
    private final BiConsumer<String, ObjectNode> onStatus;
    private final Consumer<String> onStopped;
    private final Logger log;
    private final Map<Path, StaticPods.Manifest> running = new HashMap<>();
    private final Map<Path, String> reportedProblems = new HashMap<>();
    private final Map<String, ObjectNode> lastStatus = new HashMap<>();

    StaticPodRunner(Path directory, LocalNode node, PodContext context, WatchCache cache, ObjectClient objects,
                    BiConsumer<String, ObjectNode> onStatus, Consumer<String> onStopped, Logger log) {
        this.directory = directory;
        this.node = node;
        this.context = context;
        this.cache = cache;
        this.objects = objects;
        this.onStatus = onStatus;
        this.onStopped = onStopped;
        this.log = log;
    }

    /** Starts new and changed static pods, stops removed ones, and (re)creates missing mirror pods. */
    void scan() {
        Map<Path, String> problems = new HashMap<>();
        Map<Path, StaticPods.Manifest> found = StaticPods.scan(directory, node.name(), problems);
        problems.forEach((file, why) -> {
            if (!why.equals(reportedProblems.put(file, why))) log.warn("static pod manifest {} ignored: {}", file, why);
        });
        for (var e : Map.copyOf(running).entrySet()) {
            StaticPods.Manifest now = found.get(e.getKey());
            if (now == null || !now.hash().equals(e.getValue().hash())) {
                running.remove(e.getKey());
                String mirrorKey = e.getValue().mirrorKey();
                node.runtime().stopPod(e.getValue().uid(), -1).whenComplete((d, t) -> onStopped.accept(mirrorKey));
            }
        }
        for (StaticPods.Manifest m : found.values()) {
            if (!running.containsKey(m.file())) {
                running.put(m.file(), m);
                String mirrorKey = m.mirrorKey();
                node.runtime().startPod(m.pod(), context, (uid, status) -> onStatus.accept(mirrorKey, status));
            }
            writeMirrorStatus(m.mirrorKey());
            if (cache.get(POD.entityTypeName(), m.mirrorKey()).isEmpty()) createMirror(m);
        }
    }

    /** The runtime reported a static pod's status: its mirror shows it. */
    void statusReported(String mirrorKey, ObjectNode status) {
        lastStatus.put(mirrorKey, status);
        writeMirrorStatus(mirrorKey);
    }

    /** A removed or changed static pod has stopped: its mirror goes. */
    void stopped(String mirrorKey) {
        lastStatus.remove(mirrorKey);
        objects.ask(POD, mirrorKey, r -> new ObjectCommand.Delete(0, "", 0, false, r));
    }

    /** The uids of the static pods running (the runtime knows them; the API does not). */
    Set<String> uids() {
        Set<String> out = new HashSet<>();
        running.values().forEach(m -> out.add(m.uid()));
        return out;
    }

    private void createMirror(StaticPods.Manifest m) {
        ObjectNode mirror = m.mirror().deepCopy();
        String nodeUid = cache.get(NODE.entityTypeName(), node.name()).map(n -> n.object().path("metadata").path("uid").asText()).orElse("");
        if (nodeUid.isEmpty()) mirror.with("metadata").remove("ownerReferences");
        else ((ObjectNode) mirror.at("/metadata/ownerReferences/0")).put("uid", nodeUid);
        objects.ask(POD, m.mirrorKey(), r -> new ObjectCommand.Create(mirror, false, r));
    }

    /** Copies a static pod's last status to its mirror when the mirror exists and shows something else. */
    private void writeMirrorStatus(String mirrorKey) {
        ObjectNode status = lastStatus.get(mirrorKey);
        if (status == null) return;
        cache.get(POD.entityTypeName(), mirrorKey).map(CachedObject::object).filter(o -> !o.path("status").equals(status)).ifPresent(o ->
                objects.ask(POD, mirrorKey, r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(),
                        Json.object().set("status", status), 0, true, "", false, false, r)));
    }
}
