package dev.podium.actors.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.hints.SeenVersions;
import dev.podium.model.json.Times;
import dev.podium.model.meta.OwnerReference;
import dev.podium.persistence.watch.CachedObject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A controller's picture of the objects of one kind its owner controls: the freshest version of
 * each from hints, answers to its own writes and the cache (newer sequence numbers win), plus
 * what it is creating or deleting right now, counted as if done (kube's expectations), so a
 * reconcile never creates or deletes the same thing twice while a write is in flight.
 */
final class ChildView {
    private final String ownerUid;
    private final SeenVersions seen = new SeenVersions(Duration.ofMinutes(5));
    private final Map<String, ObjectNode> live = new TreeMap<>();
    private final Map<String, ObjectNode> creating = new TreeMap<>();
    private final Map<String, ObjectNode> deleting = new TreeMap<>();

    ChildView(String ownerUid) {
        this.ownerUid = ownerUid;
    }

    /** A version of an object: newer ones replace older, one no longer controlled by the owner leaves. */
    void observe(String key, ObjectNode object, long seqNr, boolean deleted, Instant now) {
        if (!seen.accept(key, seqNr, deleted, now)) return;
        creating.remove(key);
        deleting.remove(key);
        if (deleted || !ownerUid.equals(OwnerReference.controllerUid(object))) live.remove(key);
        else live.put(key, object);
    }

    void creating(String key, ObjectNode object) {
        creating.put(key, object);
    }

    /** A create that was refused, or a delete that was: the picture goes back to what was seen. */
    void undo(String key) {
        creating.remove(key);
        deleting.remove(key);
    }

    /** A delete is in flight: the object counts as terminating until its entity answers. */
    void deleting(String key, Instant now) {
        ObjectNode current = live.get(key);
        if (current == null) return;
        ObjectNode marked = current.deepCopy();
        if (!marked.path("metadata").has("deletionTimestamp")) marked.with("metadata").put("deletionTimestamp", Times.rfc3339(now));
        deleting.put(key, marked);
    }

    /**
     * Takes what a listing of the cache holds newer than anything seen, and returns the keys
     * believed to exist that the listing lacks: the cache may lag, or a deletion's hint was lost,
     * so those are read from their entities.
     */
    List<String> refresh(List<CachedObject> listed, Instant now) {
        Set<String> present = new HashSet<>();
        for (CachedObject c : listed) {
            present.add(c.key());
            if (c.seqNr() > seen.newest(c.key())) observe(c.key(), c.object(), c.seqNr(), false, now);
        }
        seen.expire(now);
        List<String> missing = new ArrayList<>();
        for (String key : live.keySet()) if (!present.contains(key)) missing.add(key);
        return missing;
    }

    /** Its entity says the object does not exist: gone, unless something newer arrived since the question was asked. */
    void absent(String key, long seenWhenAsked, Instant now) {
        if (seen.exists(key) && seen.newest(key) == seenWhenAsked) observe(key, live.get(key), seenWhenAsked + 1, true, now);
    }

    long newest(String key) {
        return seen.newest(key);
    }

    /** About how many objects the view holds (those seen and those being created). */
    int size() {
        return live.size() + creating.size();
    }

    /** Every object as the controller should count it: seen ones (as terminating while a delete is in flight) and ones being created. */
    List<ObjectNode> objects() {
        List<ObjectNode> out = new ArrayList<>(live.size() + creating.size());
        live.forEach((key, o) -> out.add(deleting.getOrDefault(key, o)));
        creating.forEach((key, o) -> {
            if (!live.containsKey(key)) out.add(o);
        });
        return out;
    }
}
