package dev.podium.actors.controllers.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.ControllerRefs;
import dev.podium.actors.controllers.ControllerRevisions;
import dev.podium.actors.controllers.Observed;
import dev.podium.actors.controllers.Plan;
import dev.podium.actors.controllers.PodTemplates;
import dev.podium.actors.controllers.Reconciler;
import dev.podium.actors.controllers.deployment.RolloutMath;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.selectors.LabelSelector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The DaemonSet controller (kube's pkg/controller/daemon): one pod on every node its template
 * may run on ({@link NodeEligibility}), created bound to its node (DaemonSet pods bypass the
 * scheduler's queue) with node affinity to it and kube's DaemonSet tolerations; pods on nodes
 * that are gone or no longer eligible, duplicates and failed pods are deleted. A new template
 * becomes a new ControllerRevision, and RollingUpdate replaces old pods node by node within
 * maxUnavailable (or first starts the new one, within maxSurge); OnDelete waits for pods to be deleted.
 */
public final class DaemonSetReconciler implements Reconciler {
    static final ResourceKind POD = KindRegistry.get("Pod");
    static final String TEMPLATE_GENERATION = "pod-template-generation";

    @Override
    public List<ResourceKind> ownedKinds() {
        return List.of(POD, ControllerRevisions.KIND);
    }

    @Override
    public Optional<LabelSelector> adoptionSelector(ObjectNode owner) {
        if (owner.path("metadata").has("deletionTimestamp")) return Optional.empty();
        return Optional.of(LabelSelector.fromObject(owner.path("spec").path("selector")));
    }

    @Override
    public boolean readsNodes() {
        return true;
    }

    @Override
    public Optional<String> createdMessage(ObjectNode created) {
        return Optional.of("Created pod: " + created.path("metadata").path("name").asText());
    }

    @Override
    public Optional<String> deletedMessage(ObjectNode deleted) {
        return Optional.of("Deleted pod: " + deleted.path("metadata").path("name").asText());
    }

    @Override
    public Plan reconcile(Observed observed) {
        ObjectNode ds = observed.owner();
        Instant now = observed.now();
        Plan.Builder plan = new Plan.Builder();
        boolean deleting = ds.path("metadata").has("deletionTimestamp");
        List<ObjectNode> revisions = observed.owned(ControllerRevisions.KIND.entityTypeName());
        Optional<ObjectNode> current = ControllerRevisions.current(ds, revisions);
        String hash = current.map(r -> r.path("metadata").path("labels").path(ControllerRevisions.HASH_LABEL).asText())
                .orElse(ControllerRevisions.hash(ds));
        if (!deleting && current.isEmpty()) plan.add(new Action.Create(ControllerRevisions.KIND, ControllerRevisions.create(ds, revisions), false));
        if (!deleting && current.isPresent() && ControllerRevisions.number(current.get()) < ControllerRevisions.max(revisions)) {
            plan.add(renumber(current.get(), ControllerRevisions.max(revisions) + 1));
        }
        LabelSelector selector = LabelSelector.fromObject(ds.path("spec").path("selector"));
        Map<String, List<ObjectNode>> byNode = new HashMap<>();
        for (ObjectNode pod : observed.owned(POD.entityTypeName())) {
            if (!selector.matchesObject(pod)) {
                if (!deleting) plan.add(ControllerRefs.release(ds, pod));
                continue;
            }
            if (pod.path("metadata").has("deletionTimestamp")) continue;
            byNode.computeIfAbsent(pod.path("spec").path("nodeName").asText(""), n -> new ArrayList<>()).add(pod);
        }
        if (!deleting) for (ObjectNode orphan : observed.orphans(POD.entityTypeName())) plan.add(ControllerRefs.adopt(ds, orphan));
        ObjectNode template = (ObjectNode) ds.path("spec").path("template");
        Map<String, ObjectNode> nodes = new HashMap<>();
        observed.nodes().forEach(n -> nodes.put(n.path("metadata").path("name").asText(), n));
        Set<String> eligible = new HashSet<>();
        Tally tally = new Tally();
        for (ObjectNode node : observed.nodes()) {
            String name = node.path("metadata").path("name").asText();
            NodeEligibility.Verdict v = NodeEligibility.of(template, node);
            List<ObjectNode> pods = byNode.getOrDefault(name, List.of());
            if (v.shouldRun()) eligible.add(name);
            if (deleting) continue;
            if (v.shouldRun() && pods.isEmpty()) {
                plan.add(new Action.Create(POD, pod(ds, name, hash), true));
            } else if (!v.shouldContinueRunning() && !pods.isEmpty()) {
                pods.forEach(p -> plan.add(delete(p)));
            } else {
                List<ObjectNode> running = new ArrayList<>();
                for (ObjectNode p : pods) {
                    if ("Failed".equals(p.path("status").path("phase").asText())) plan.add(delete(p));
                    else running.add(p);
                }
                // without surge a node keeps only its oldest daemon pod (kube's podsShouldBeOnNode)
                if (!allowsSurge(ds)) oldestFirst(running).stream().skip(1).forEach(p -> plan.add(delete(p)));
            }
        }
        byNode.forEach((node, pods) -> {
            if (!deleting && !node.isEmpty() && !nodes.containsKey(node)) pods.forEach(p -> plan.add(delete(p)));
        });
        long minReady = ds.path("spec").path("minReadySeconds").asLong(0);
        for (String name : eligible) {
            List<ObjectNode> pods = oldestFirst(byNode.getOrDefault(name, List.of()));
            if (pods.isEmpty()) continue;
            tally.current++;
            ObjectNode oldest = pods.get(0);
            if (PodTemplates.ready(oldest)) tally.ready++;
            if (PodTemplates.available(oldest, minReady, now)) tally.available++;
            if (pods.stream().anyMatch(p -> hash.equals(hashOf(p)))) tally.updated++;
        }
        for (var e : byNode.entrySet()) if (!eligible.contains(e.getKey()) && !e.getValue().isEmpty()) tally.misscheduled++;
        if (!deleting && "RollingUpdate".equals(ds.path("spec").path("updateStrategy").path("type").asText("RollingUpdate"))) {
            rollingUpdate(ds, hash, eligible, byNode, minReady, now, plan);
        }
        Set<String> live = new HashSet<>();
        current.ifPresent(r -> live.add(r.path("metadata").path("name").asText()));
        byNode.values().forEach(ps -> ps.forEach(p -> live.add(ds.path("metadata").path("name").asText() + "-" + hashOf(p))));
        if (!deleting) for (ObjectNode r : ControllerRevisions.surplus(ds, revisions, live)) plan.add(new Action.Delete(ControllerRevisions.KIND,
                ControllerRefs.keyOf(r), r.path("metadata").path("uid").asText(), ""));
        ObjectNode status = status(ds, eligible.size(), tally);
        if (!status.equals(ds.path("status"))) plan.add(new Action.UpdateStatus(status));
        // no event marks the moment a ready pod becomes available: look again then (kube requeues after minReadySeconds)
        byNode.values().stream().flatMap(List::stream).map(p -> PodTemplates.availableAt(p, minReady, now)).flatMap(Optional::stream)
                .min(Instant::compareTo).ifPresent(at -> plan.requeue(java.time.Duration.between(now, at).plusSeconds(1)));
        return plan.build();
    }

    /**
     * Replaces pods of old revisions node by node: without surge an old pod is deleted while fewer
     * than maxUnavailable nodes lack an available pod; with surge a new pod starts beside the old
     * one, which goes once the new one is available.
     */
    private static void rollingUpdate(ObjectNode ds, String hash, Set<String> eligible, Map<String, List<ObjectNode>> byNode, long minReady,
                                      Instant now, Plan.Builder plan) {
        JsonNode ru = ds.path("spec").path("updateStrategy").path("rollingUpdate");
        int desired = eligible.size();
        int maxSurge = RolloutMath.scaled(ru.get("maxSurge"), desired, true, 0);
        int maxUnavailable = ru.has("maxUnavailable") ? RolloutMath.scaled(ru.get("maxUnavailable"), desired, true, 0) : 1;
        if (maxSurge == 0 && maxUnavailable == 0) maxUnavailable = 1;
        int unavailable = 0;
        List<String> outdated = new ArrayList<>();
        for (String node : eligible.stream().sorted().toList()) {
            List<ObjectNode> pods = byNode.getOrDefault(node, List.of());
            boolean available = pods.stream().anyMatch(p -> PodTemplates.available(p, minReady, now));
            if (!available) unavailable++;
            if (!pods.isEmpty() && pods.stream().noneMatch(p -> hash.equals(hashOf(p)))) outdated.add(node);
        }
        int surged = 0;
        for (String node : eligible) {
            List<ObjectNode> pods = byNode.getOrDefault(node, List.of());
            boolean hasNew = pods.stream().anyMatch(p -> hash.equals(hashOf(p)));
            boolean hasOld = pods.stream().anyMatch(p -> !hash.equals(hashOf(p)));
            if (hasNew && hasOld) {
                surged++;
                boolean newAvailable = pods.stream().anyMatch(p -> hash.equals(hashOf(p)) && PodTemplates.available(p, minReady, now));
                if (newAvailable) pods.stream().filter(p -> !hash.equals(hashOf(p))).forEach(p -> plan.add(delete(p)));
            }
        }
        for (String node : outdated) {
            List<ObjectNode> pods = byNode.get(node);
            if (maxSurge > 0) {
                if (surged >= maxSurge) break;
                plan.add(new Action.Create(POD, pod(ds, node, hash), true));
                surged++;
            } else {
                boolean available = pods.stream().anyMatch(p -> PodTemplates.available(p, minReady, now));
                if (available && unavailable >= maxUnavailable) continue;
                if (available) unavailable++;
                pods.forEach(p -> plan.add(delete(p)));
            }
        }
    }

    /** kube's AllowsSurge: a RollingUpdate whose maxSurge is above 0 (a percentage counts as at least one pod). */
    private static boolean allowsSurge(JsonNode ds) {
        JsonNode strategy = ds.path("spec").path("updateStrategy");
        return "RollingUpdate".equals(strategy.path("type").asText("RollingUpdate"))
                && RolloutMath.scaled(strategy.path("rollingUpdate").get("maxSurge"), 1, true, 0) > 0;
    }

    /** A pod for the node: bound to it, with node affinity to it, kube's DaemonSet tolerations and the revision labels. */
    static ObjectNode pod(ObjectNode ds, String node, String hash) {
        ObjectNode pod = PodTemplates.pod(ds, ds.path("spec").path("template"), ds.path("metadata").path("name").asText() + "-", true);
        ObjectNode labels = pod.with("metadata").with("labels");
        labels.put(ControllerRevisions.HASH_LABEL, hash);
        labels.put(TEMPLATE_GENERATION, Long.toString(ds.path("metadata").path("generation").asLong(1)));
        ObjectNode spec = pod.with("spec");
        spec.put("nodeName", node);
        ObjectNode required = spec.with("affinity").with("nodeAffinity").putObject("requiredDuringSchedulingIgnoredDuringExecution");
        required.putArray("nodeSelectorTerms").addObject().putArray("matchFields").addObject()
                .put("key", "metadata.name").put("operator", "In").putArray("values").add(node);
        ArrayNode tolerations = spec.withArray("tolerations");
        for (String[] t : NodeEligibility.DAEMON_TOLERATIONS) addToleration(tolerations, t[0], t[1]);
        if (spec.path("hostNetwork").asBoolean(false)) addToleration(tolerations, "node.kubernetes.io/network-unavailable", "NoSchedule");
        return pod;
    }

    private static void addToleration(ArrayNode tolerations, String key, String effect) {
        for (JsonNode t : tolerations) {
            if (key.equals(t.path("key").asText()) && effect.equals(t.path("effect").asText()) && "Exists".equals(t.path("operator").asText())) return;
        }
        tolerations.addObject().put("key", key).put("operator", "Exists").put("effect", effect);
    }

    private static ObjectNode status(ObjectNode ds, int desired, Tally t) {
        ObjectNode status = Json.object();
        status.put("currentNumberScheduled", t.current);
        status.put("numberMisscheduled", t.misscheduled);
        status.put("desiredNumberScheduled", desired);
        status.put("numberReady", t.ready);
        status.put("observedGeneration", ds.path("metadata").path("generation").asLong(1));
        if (t.updated > 0) status.put("updatedNumberScheduled", t.updated);
        if (t.available > 0) status.put("numberAvailable", t.available);
        if (desired - t.available > 0) status.put("numberUnavailable", desired - t.available);
        if (ds.path("status").has("collisionCount")) status.set("collisionCount", ds.path("status").get("collisionCount"));
        return status;
    }

    private static final class Tally {
        int current;
        int misscheduled;
        int ready;
        int available;
        int updated;
    }

    private static Action renumber(ObjectNode revision, long number) {
        ObjectNode patch = Json.object();
        patch.put("revision", number);
        patch.putObject("metadata").put("uid", revision.path("metadata").path("uid").asText());
        return new Action.Patch(ControllerRevisions.KIND, ControllerRefs.keyOf(revision), 0, patch);
    }

    private static Action delete(JsonNode pod) {
        return new Action.Delete(POD, ControllerRefs.keyOf(pod), pod.path("metadata").path("uid").asText(), "");
    }

    private static String hashOf(JsonNode pod) {
        return pod.path("metadata").path("labels").path(ControllerRevisions.HASH_LABEL).asText("");
    }

    private static List<ObjectNode> oldestFirst(List<ObjectNode> pods) {
        return pods.stream().sorted(Comparator.comparing(p -> p.path("metadata").path("creationTimestamp").asText())).toList();
    }
}
