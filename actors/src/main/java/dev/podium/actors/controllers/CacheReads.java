package dev.podium.actors.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.selectors.LabelSelector;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.Index;
import dev.podium.persistence.watch.WatchCache;

import java.util.List;
import java.util.Optional;

/** The indexed reads of the member's watch cache a reconcile may make besides what its picture holds. */
public final class CacheReads {
    private final WatchCache cache;

    public CacheReads(WatchCache cache) {
        this.cache = cache;
    }

    /** Objects of a kind with an owner reference to {@code uid} (a ReplicaSet's pods, for a Deployment). */
    public List<ObjectNode> ownedBy(String kind, String uid) {
        return cache.listByOwner(kind, uid).stream().map(CachedObject::object).toList();
    }

    /** Every object of a kind (for small kinds: volumes, classes). */
    public List<ObjectNode> list(String kind) {
        return cache.list(kind, null, o -> true, 0, null).items().stream().map(CachedObject::object).toList();
    }

    public Optional<ObjectNode> get(String kind, String key) {
        return cache.get(kind, key).map(CachedObject::object);
    }

    /** Objects of a kind in a namespace that the selector picks, read through the label index. */
    public List<ObjectNode> selected(String kind, String namespace, LabelSelector selector) {
        if (selector.isNothing()) return List.of();
        return cache.list(kind, namespace, Index.labels(selector), selector::matchesObject, 0, null).items().stream().map(CachedObject::object).toList();
    }
}
