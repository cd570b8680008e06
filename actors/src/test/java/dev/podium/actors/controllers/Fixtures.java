package dev.podium.actors.controllers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.model.json.Times;
import dev.podium.model.meta.OwnerReference;
import dev.podium.model.patch.Patches;
import dev.podium.persistence.events.ObjectEvent;
import dev.podium.persistence.watch.WatchCache;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Terse builders for the objects the controllers' decision functions see, and readers of the plans they return. */
public final class Fixtures {
    /** The time of every reconcile unless a test says otherwise. */
    public static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    public static final String NS = "ns";

    private Fixtures() {}

    public static String stamp(Instant t) {
        return Times.rfc3339(t);
    }

    public static Instant ago(long seconds) {
        return NOW.minusSeconds(seconds);
    }

    public static ObjectNode yaml(String yaml) {
        try {
            return (ObjectNode) Json.YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * An object in namespace {@value #NS} (or cluster-scoped when {@code namespaced} is false) with
     * uid {@code <name>-uid}, generation 1, created an hour before {@link #NOW}, and {@code spec}
     * (YAML, may be null).
     */
    public static ObjectNode object(String apiVersion, String kind, String name, String spec) {
        ObjectNode o = Json.object().put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode meta = o.putObject("metadata").put("name", name);
        if (!List.of("Node", "PersistentVolume", "StorageClass").contains(kind)) meta.put("namespace", NS);
        meta.put("uid", name + "-uid").put("generation", 1).put("creationTimestamp", stamp(ago(3600)));
        if (spec != null) o.set("spec", yaml(spec));
        return o;
    }

    /** Adds a controller reference to {@code owner} (as kube's controllers write it). */
    public static <T extends ObjectNode> T ownedBy(T object, JsonNode owner) {
        object.with("metadata").withArray("ownerReferences").add(OwnerReference.controllerRefTo(owner));
        return object;
    }

    public static PodBuilder pod(String name) {
        return new PodBuilder(name);
    }

    /** A pod: Running on no node, not ready, created at {@link #ago ago(600)}, labelled {@code app=web}. */
    public static final class PodBuilder {
        private final ObjectNode pod = Json.object();

        PodBuilder(String name) {
            pod.put("apiVersion", "v1").put("kind", "Pod");
            pod.putObject("metadata").put("name", name).put("namespace", NS).put("uid", name + "-uid")
                    .put("creationTimestamp", stamp(ago(600))).putObject("labels").put("app", "web");
            pod.putObject("spec").putArray("containers").addObject().put("name", "main").put("image", "nginx");
            pod.putObject("status").put("phase", "Running");
        }

        public PodBuilder labels(String... keyValues) {
            ObjectNode labels = pod.with("metadata").putObject("labels");
            for (int i = 0; i < keyValues.length; i += 2) labels.put(keyValues[i], keyValues[i + 1]);
            return this;
        }

        public PodBuilder label(String key, String value) {
            pod.with("metadata").with("labels").put(key, value);
            return this;
        }

        public PodBuilder annotation(String key, String value) {
            pod.with("metadata").with("annotations").put(key, value);
            return this;
        }

        public PodBuilder owner(JsonNode owner) {
            ownedBy(pod, owner);
            return this;
        }

        public PodBuilder node(String node) {
            pod.with("spec").put("nodeName", node);
            return this;
        }

        public PodBuilder phase(String phase) {
            pod.with("status").put("phase", phase);
            return this;
        }

        /** Ready (condition True) since {@code since}. */
        public PodBuilder ready(Instant since) {
            pod.with("status").withArray("conditions").addObject().put("type", "Ready").put("status", "True").put("lastTransitionTime", stamp(since));
            return this;
        }

        public PodBuilder condition(String type, String status) {
            pod.with("status").withArray("conditions").addObject().put("type", type).put("status", status).put("lastTransitionTime", stamp(ago(60)));
            return this;
        }

        public PodBuilder created(Instant at) {
            pod.with("metadata").put("creationTimestamp", stamp(at));
            return this;
        }

        public PodBuilder deleting() {
            pod.with("metadata").put("deletionTimestamp", stamp(ago(1)));
            return this;
        }

        public PodBuilder finalizer(String finalizer) {
            pod.with("metadata").withArray("finalizers").add(finalizer);
            return this;
        }

        public PodBuilder restarts(int count) {
            pod.with("status").withArray("containerStatuses").addObject().put("name", "main").put("restartCount", count);
            return this;
        }

        /** Failed or Succeeded (by exit code) with container {@code container} terminated at {@code finishedAt}. */
        public PodBuilder exited(String container, int exitCode, Instant finishedAt) {
            pod.with("status").put("phase", exitCode == 0 ? "Succeeded" : "Failed").withArray("containerStatuses").addObject().put("name", container)
                    .putObject("state").putObject("terminated").put("exitCode", exitCode).put("finishedAt", stamp(finishedAt));
            return this;
        }

        public PodBuilder with(java.util.function.Consumer<ObjectNode> change) {
            change.accept(pod);
            return this;
        }

        public ObjectNode build() {
            return pod.deepCopy();
        }
    }

    public static ObservedBuilder observe(ObjectNode owner) {
        return new ObservedBuilder(owner);
    }

    /** What a reconcile sees; {@link #cached} objects go into a real WatchCache read through {@link CacheReads}. */
    public static final class ObservedBuilder {
        private final ObjectNode owner;
        private final Map<String, List<ObjectNode>> owned = new HashMap<>();
        private final Map<String, List<ObjectNode>> orphans = new HashMap<>();
        private final List<ObjectNode> nodes = new ArrayList<>();
        private final List<Map.Entry<String, ObjectNode>> cached = new ArrayList<>();
        private Instant now = NOW;
        private String failure;
        private int createsAllowed = ControllerActor.BURST;

        ObservedBuilder(ObjectNode owner) {
            this.owner = owner;
        }

        public ObservedBuilder owned(String kind, List<ObjectNode> objects) {
            owned.computeIfAbsent(kind, k -> new ArrayList<>()).addAll(objects);
            return this;
        }

        public ObservedBuilder owned(String kind, ObjectNode... objects) {
            return owned(kind, List.of(objects));
        }

        public ObservedBuilder orphans(String kind, ObjectNode... objects) {
            orphans.computeIfAbsent(kind, k -> new ArrayList<>()).addAll(List.of(objects));
            return this;
        }

        public ObservedBuilder nodes(ObjectNode... more) {
            nodes.addAll(List.of(more));
            return this;
        }

        /** Objects of {@code kind} (an entity type name: Pod, ReplicaSet.apps) in the watch cache. */
        public ObservedBuilder cached(String kind, List<ObjectNode> objects) {
            objects.forEach(o -> cached.add(Map.entry(kind, o)));
            return this;
        }

        public ObservedBuilder cached(String kind, ObjectNode... objects) {
            return cached(kind, List.of(objects));
        }

        public ObservedBuilder at(Instant time) {
            now = time;
            return this;
        }

        public ObservedBuilder createsAllowed(int count) {
            createsAllowed = count;
            return this;
        }

        public ObservedBuilder failure(String writeFailure) {
            failure = writeFailure;
            return this;
        }

        public Observed build() {
            WatchCache cache = new WatchCache(1000);
            cache.markReady();
            long ordering = 0;
            for (Map.Entry<String, ObjectNode> e : cached) {
                JsonNode meta = e.getValue().path("metadata");
                String key = meta.has("namespace") ? meta.path("namespace").asText() + "/" + meta.path("name").asText() : meta.path("name").asText();
                ordering++;
                cache.apply(e.getKey() + "|" + key, 1, ordering, new ObjectEvent.ObjectCreated(e.getValue().deepCopy()));
            }
            return new Observed(owner, owned, orphans, nodes, now, failure, new CacheReads(cache), createsAllowed);
        }
    }

    /** The plan's actions, with each Announced action in place of its wrapper. */
    public static List<Action> actions(Plan plan) {
        return plan.actions().stream().map(a -> a instanceof Action.Announced an ? an.action() : a).toList();
    }

    public static <T extends Action> List<T> actions(Plan plan, Class<T> type) {
        return actions(plan).stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The objects the plan creates of a kind (an entity type name). */
    public static List<ObjectNode> created(Plan plan, String kind) {
        return actions(plan, Action.Create.class).stream().filter(c -> c.kind().entityTypeName().equals(kind)).map(Action.Create::object).toList();
    }

    /** {@code namespace/name} of what the plan deletes, in the plan's order. */
    public static List<String> deleted(Plan plan) {
        return actions(plan, Action.Delete.class).stream().map(Action.Delete::objectKey).toList();
    }

    public static List<Action.Patch> patches(Plan plan, String objectKey) {
        return actions(plan, Action.Patch.class).stream().filter(p -> p.objectKey().equals(objectKey)).toList();
    }

    /** The owner's new status, if the plan writes one. */
    public static Optional<ObjectNode> status(Plan plan) {
        return actions(plan, Action.UpdateStatus.class).stream().map(Action.UpdateStatus::status).reduce((a, b) -> b);
    }

    /** Every event, standalone or announcing an action: "Type Reason: message". */
    public static List<String> events(Plan plan) {
        List<String> out = new ArrayList<>();
        for (Action a : plan.actions()) {
            Action.Event e = a instanceof Action.Event ev ? ev : a instanceof Action.Announced an ? an.event() : null;
            if (e != null) out.add(e.type() + " " + e.reason() + ": " + e.message());
        }
        return out;
    }

    /** The condition of {@code type} in a status, or a missing node. */
    public static JsonNode condition(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) if (type.equals(c.path("type").asText())) return c;
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** The node as JSON would carry it (numbers of any width as the parser reads them), to compare with {@link #yaml} trees. */
    public static JsonNode json(JsonNode node) {
        try {
            return Json.MAPPER.readTree(node.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A JSON merge patch applied to a copy of {@code target}. */
    public static ObjectNode merged(ObjectNode target, JsonNode patch) {
        return Patches.mergePatch(target.deepCopy(), patch);
    }
}
