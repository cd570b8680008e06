package dev.podium.actors.controllers.garbagecollector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.Supervision;
import dev.podium.actors.hints.ObjectChanged;
import dev.podium.actors.objects.DeletionPropagation;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.Kinds;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.patch.PatchType;
import dev.podium.persistence.PodiumSerializable;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.japi.function.Function;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The garbage collector (a cluster singleton, kube's pkg/controller/garbagecollector): entities
 * tell it when an object is deleted, when a deletion starts waiting for it (the orphan or
 * foregroundDeletion finalizer) and when a child names an owner that is gone. Dependents whose
 * owners are all gone are deleted (their references to gone owners dropped while another owner
 * stands); a foreground deletion deletes the dependents and removes its finalizer once no
 * dependent with blockOwnerDeletion is left; an orphan deletion removes the owner from its
 * dependents' references and then its finalizer. Dependents are found through the watch cache's
 * owner index; a scan of everything with owner references on a timer finds what hints missed.
 */
public final class GarbageCollector {
    public sealed interface Command {}

    public record Hint(ObjectChanged change) implements Command, PodiumSerializable {}

    enum Tick implements Command { INSTANCE }

    enum Scan implements Command { INSTANCE }

    record Answered(String key) implements Command {}

    /** Pods of a Job keep this finalizer until the Job counted them; a gone Job can no longer remove it. */
    static final String JOB_TRACKING = "batch.kubernetes.io/job-tracking";
    private static final Duration REMEMBER_DELETED = Duration.ofMinutes(10);
    static final int WRITES_IN_FLIGHT = 256;

    private final ActorContext<Command> ctx;
    private final WatchCache cache;
    private final Kinds kinds;
    private final ObjectClient objects;
    private final Clock clock;
    /** Uids of objects whose deletion was journaled (the cache may not show it yet), until when to remember them. */
    private final Map<String, Instant> deleted = new HashMap<>();
    /** Owners waiting in a foreground or orphan deletion, by uid, as last seen (the cache may lag behind the hint). */
    private final Map<String, Waiting> waiting = new HashMap<>();

    private record Waiting(String kind, String key, ObjectNode owner, long seqNr) {}
    private final Set<String> inFlight = new HashSet<>();
    /** Writes waiting for room in flight, by key; each names its object's uid, so one that waited too long changes nothing. */
    private final Map<String, QueuedWrite> queued = new LinkedHashMap<>();

    private record QueuedWrite(ResourceKind kind, String objectKey, Function<ActorRef<ObjectReply>, ObjectCommand> command) {}

    private GarbageCollector(ActorContext<Command> ctx, WatchCache cache, ObjectClient objects, Clock clock, Kinds kinds) {
        this.kinds = kinds;
        this.ctx = ctx;
        this.cache = cache;
        this.objects = objects;
        this.clock = clock;
    }

    public static Behavior<Command> create(WatchCache cache, ObjectClient objects, Clock clock, Duration tick, Duration scan) {
        return create(cache, objects, clock, tick, scan, Kinds.builtIn());
    }

    /** {@code kinds}: the built-in kinds and the custom resources the member serves. */
    public static Behavior<Command> create(WatchCache cache, ObjectClient objects, Clock clock, Duration tick, Duration scan, Kinds kinds) {
        return Supervision.restarting(Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            GarbageCollector gc = new GarbageCollector(ctx, cache, objects, clock, kinds);
            timers.startTimerWithFixedDelay(Tick.INSTANCE, tick);
            timers.startTimerWithFixedDelay(Scan.INSTANCE, Duration.ofSeconds(1), scan);
            return Behaviors.receive(Command.class)
                    .onMessage(Hint.class, m -> {
                        gc.hint(m.change());
                        return Behaviors.same();
                    })
                    .onMessageEquals(Tick.INSTANCE, () -> {
                        gc.waitingOwners();
                        return Behaviors.same();
                    })
                    .onMessageEquals(Scan.INSTANCE, () -> {
                        gc.scan();
                        return Behaviors.same();
                    })
                    .onMessage(Answered.class, m -> {
                        gc.answered(m.key());
                        return Behaviors.same();
                    })
                    .build();
        })));
    }

    private void hint(ObjectChanged change) {
        ObjectNode object = change.object();
        if (change.deleted()) {
            deleted.put(change.uid(), clock.instant().plus(REMEMBER_DELETED));
            waiting.remove(change.uid());
            for (ResourceKind kind : kinds.stored()) {
                for (CachedObject dependent : cache.listByOwner(kind.entityTypeName(), change.uid())) collect(kind, dependent.key(), dependent.object());
            }
            return;
        }
        if (object.path("metadata").has("deletionTimestamp") && (has(object, DeletionPropagation.ORPHAN) || has(object, DeletionPropagation.FOREGROUND))) {
            Waiting known = waiting.get(change.uid());
            if (known == null || known.seqNr() < change.seqNr()) waiting.put(change.uid(), new Waiting(change.kind(), change.key(), object, change.seqNr()));
            waitingOwners();
            return;
        }
        kinds.byEntityType(change.kind()).ifPresent(kind -> collect(kind, change.key(), object));
    }

    /** Everything with owner references, in case a hint was lost. */
    private void scan() {
        Instant now = clock.instant();
        deleted.values().removeIf(until -> until.isBefore(now));
        for (ResourceKind kind : kinds.stored()) {
            for (CachedObject o : cache.list(kind.entityTypeName(), null, x -> x.path("metadata").path("ownerReferences").size() > 0, 0, null).items()) {
                collect(kind, o.key(), o.object());
            }
            for (CachedObject o : cache.list(kind.entityTypeName(), null, x -> x.path("metadata").has("deletionTimestamp")
                    && (has(x, DeletionPropagation.ORPHAN) || has(x, DeletionPropagation.FOREGROUND)), 0, null).items()) {
                String uid = o.object().path("metadata").path("uid").asText();
                Waiting known = waiting.get(uid);
                if (known == null || known.seqNr() < o.seqNr()) waiting.put(uid, new Waiting(kind.entityTypeName(), o.key(), o.object(), o.seqNr()));
            }
        }
    }

    /**
     * A dependent whose owners are all gone is deleted (its own finalizers choose how); one with
     * some owners left loses the references to the gone ones. Owners of kinds not served here count
     * as present.
     */
    private void collect(ResourceKind kind, String key, ObjectNode object) {
        JsonNode refs = object.path("metadata").path("ownerReferences");
        if (refs.isEmpty()) return;
        String namespace = object.path("metadata").path("namespace").asText("");
        ArrayNode kept = Json.MAPPER.createArrayNode();
        for (JsonNode ref : refs) if (ownerPresent(ref, namespace)) kept.add(ref);
        if (kept.size() == refs.size()) return;
        String uid = object.path("metadata").path("uid").asText();
        if (has(object, JOB_TRACKING)) removeFinalizer(kind, key, object, JOB_TRACKING);
        if (!kept.isEmpty()) {
            ObjectNode body = Json.object();
            body.putObject("metadata").put("uid", uid).set("ownerReferences", kept);
            write("refs " + kind.entityTypeName() + " " + key, kind, key, r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), body, 0, false, "", false, false, r));
        } else if (!object.path("metadata").has("deletionTimestamp")) {
            write("delete " + kind.entityTypeName() + " " + key, kind, key, r -> new ObjectCommand.Delete(0, uid, ObjectCommand.Delete.DEFAULT_GRACE, "", false, r));
        }
    }

    /** Owners in a foreground or orphan deletion: their dependents deleted or orphaned, and their finalizer removed once that is done. */
    private void waitingOwners() {
        for (Iterator<Map.Entry<String, Waiting>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Waiting> e = it.next();
            String uid = e.getKey();
            Waiting w = e.getValue();
            String key = w.key();
            CachedObject cached = cache.get(w.kind(), key).filter(o -> uid.equals(o.object().path("metadata").path("uid").asText())).orElse(null);
            ObjectNode owner = cached != null && cached.seqNr() >= w.seqNr() ? cached.object() : w.owner();
            if (cached == null && deleted.containsKey(uid) || !owner.path("metadata").has("deletionTimestamp")) {
                it.remove();
                continue;
            }
            ResourceKind ownerKind = kinds.get(w.kind());
            boolean orphan = has(owner, DeletionPropagation.ORPHAN);
            boolean blocked = false;
            for (ResourceKind kind : kinds.stored()) {
                for (CachedObject dependent : cache.listByOwner(kind.entityTypeName(), uid)) {
                    if (orphan) {
                        orphan(kind, dependent, uid);
                        blocked = true;
                    } else {
                        if (!dependent.object().path("metadata").has("deletionTimestamp")) deleteDependent(kind, dependent);
                        blocked |= blocks(dependent.object(), uid);
                    }
                }
            }
            if (!blocked) removeFinalizer(ownerKind, key, owner, orphan ? DeletionPropagation.ORPHAN : DeletionPropagation.FOREGROUND);
        }
    }

    private void orphan(ResourceKind kind, CachedObject dependent, String ownerUid) {
        ObjectNode body = Json.object();
        ObjectNode meta = body.putObject("metadata");
        meta.put("uid", dependent.object().path("metadata").path("uid").asText());
        ArrayNode refs = meta.putArray("ownerReferences");
        dependent.object().path("metadata").path("ownerReferences").forEach(r -> {
            if (!ownerUid.equals(r.path("uid").asText())) refs.add(r);
        });
        if (refs.isEmpty()) meta.putNull("ownerReferences");
        write("refs " + kind.entityTypeName() + " " + dependent.key(), kind, dependent.key(),
                r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), body, 0, false, "", false, false, r));
    }

    /** A dependent of a foreground deletion goes in the foreground too when it has dependents of its own. */
    private void deleteDependent(ResourceKind kind, CachedObject dependent) {
        String uid = dependent.object().path("metadata").path("uid").asText();
        boolean hasDependents = false;
        for (ResourceKind k : kinds.stored()) hasDependents |= !cache.listByOwner(k.entityTypeName(), uid).isEmpty();
        String policy = hasDependents ? "Foreground" : "";
        write("delete " + kind.entityTypeName() + " " + dependent.key(), kind, dependent.key(),
                r -> new ObjectCommand.Delete(0, uid, ObjectCommand.Delete.DEFAULT_GRACE, policy, false, r));
    }

    private static boolean blocks(JsonNode dependent, String ownerUid) {
        for (JsonNode r : dependent.path("metadata").path("ownerReferences")) {
            if (ownerUid.equals(r.path("uid").asText()) && r.path("blockOwnerDeletion").asBoolean(false)) return true;
        }
        return false;
    }

    private void removeFinalizer(ResourceKind kind, String key, ObjectNode object, String finalizer) {
        ObjectNode body = Json.object();
        ObjectNode meta = body.putObject("metadata");
        meta.put("uid", object.path("metadata").path("uid").asText());
        ArrayNode finalizers = meta.putArray("finalizers");
        object.path("metadata").path("finalizers").forEach(f -> {
            if (!finalizer.equals(f.asText())) finalizers.add(f);
        });
        if (finalizers.isEmpty()) meta.putNull("finalizers");
        write("finalizer " + finalizer + " " + kind.entityTypeName() + " " + key, kind, key,
                r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), body, 0, false, "", false, false, r));
    }

    /** The owner a reference names exists with that uid (and its deletion was not journaled); kinds not served count as present. */
    private boolean ownerPresent(JsonNode ref, String namespace) {
        String uid = ref.path("uid").asText("");
        if (deleted.containsKey(uid)) return false;
        String apiVersion = ref.path("apiVersion").asText("");
        int slash = apiVersion.indexOf('/');
        String kindName = slash < 0 ? ref.path("kind").asText() : ref.path("kind").asText() + "." + apiVersion.substring(0, slash);
        ResourceKind kind = kinds.byEntityType(kindName).orElse(null);
        if (kind == null) return true;
        String key = kind.namespaced() ? namespace + "/" + ref.path("name").asText() : ref.path("name").asText();
        return cache.get(kind.entityTypeName(), key).map(o -> uid.equals(o.object().path("metadata").path("uid").asText())).orElse(false);
    }

    /** At most {@link #WRITES_IN_FLIGHT} writes at once; the rest wait in order and go as answers come (one per key). */
    private void write(String key, ResourceKind kind, String objectKey, Function<ActorRef<ObjectReply>, ObjectCommand> command) {
        if (inFlight.contains(key)) return;
        if (inFlight.size() >= WRITES_IN_FLIGHT) {
            queued.putIfAbsent(key, new QueuedWrite(kind, objectKey, command));
            return;
        }
        inFlight.add(key);
        ActorRef<Command> self = ctx.getSelf();
        objects.ask(kind, objectKey, command).whenComplete((reply, failure) -> self.tell(new Answered(key)));
    }

    private void answered(String key) {
        inFlight.remove(key);
        Iterator<Map.Entry<String, QueuedWrite>> it = queued.entrySet().iterator();
        while (inFlight.size() < WRITES_IN_FLIGHT && it.hasNext()) {
            Map.Entry<String, QueuedWrite> next = it.next();
            it.remove();
            write(next.getKey(), next.getValue().kind(), next.getValue().objectKey(), next.getValue().command());
        }
    }

    private static boolean has(JsonNode object, String finalizer) {
        for (JsonNode f : object.path("metadata").path("finalizers")) if (finalizer.equals(f.asText())) return true;
        return false;
    }
}
