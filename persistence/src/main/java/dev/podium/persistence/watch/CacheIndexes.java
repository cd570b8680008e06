package dev.podium.persistence.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The watch cache's secondary indexes, per kind: {@code spec.nodeName}, the uid of every owner
 * reference and every label {@code key=value}, each mapping to the keys of the objects in that bucket.
 * Buckets are sorted, so a page read through an index comes out in key order like a full list.
 * Not thread-safe: the cache updates and reads it under its lock.
 */
final class CacheIndexes {
    private final Map<String, Map<String, TreeSet<String>>> byNode = new HashMap<>();
    private final Map<String, Map<String, TreeSet<String>>> byOwner = new HashMap<>();
    private final Map<String, Map<String, TreeSet<String>>> byLabel = new HashMap<>();

    /** Moves {@code key} from the buckets of {@code before} to those of {@code after} (either may be null). */
    void update(String kind, String key, ObjectNode before, ObjectNode after) {
        String nodeBefore = nodeName(before);
        String nodeAfter = nodeName(after);
        if (!nodeBefore.equals(nodeAfter)) {
            remove(byNode, kind, nodeBefore, key);
            add(byNode, kind, nodeAfter, key);
        }
        Set<String> ownersBefore = ownerUids(before);
        Set<String> ownersAfter = ownerUids(after);
        if (!ownersBefore.equals(ownersAfter)) {
            for (String uid : ownersBefore) if (!ownersAfter.contains(uid)) remove(byOwner, kind, uid, key);
            for (String uid : ownersAfter) if (!ownersBefore.contains(uid)) add(byOwner, kind, uid, key);
        }
        JsonNode labelsBefore = labels(before);
        JsonNode labelsAfter = labels(after);
        if (labelsBefore.equals(labelsAfter)) return;
        for (Iterator<Map.Entry<String, JsonNode>> it = labelsBefore.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().equals(labelsAfter.get(e.getKey()))) remove(byLabel, kind, e.getKey() + "=" + e.getValue().asText(), key);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = labelsAfter.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().equals(labelsBefore.get(e.getKey()))) add(byLabel, kind, e.getKey() + "=" + e.getValue().asText(), key);
        }
    }

    /** The keys of {@code kind} in the index's bucket, in key order (empty when none). */
    NavigableSet<String> keys(String kind, Index index) {
        Map<String, TreeSet<String>> buckets;
        String bucket;
        if (index instanceof Index.NodeName n) {
            buckets = byNode.get(kind);
            bucket = n.nodeName();
        } else if (index instanceof Index.OwnerUid o) {
            buckets = byOwner.get(kind);
            bucket = o.uid();
        } else {
            Index.Label l = (Index.Label) index;
            buckets = byLabel.get(kind);
            bucket = l.key() + "=" + l.value();
        }
        TreeSet<String> keys = buckets == null ? null : buckets.get(bucket);
        return keys == null ? Collections.emptyNavigableSet() : Collections.unmodifiableNavigableSet(keys);
    }

    private static void add(Map<String, Map<String, TreeSet<String>>> index, String kind, String bucket, String key) {
        if (bucket.isEmpty()) return;
        index.computeIfAbsent(kind, k -> new HashMap<>()).computeIfAbsent(bucket, b -> new TreeSet<>()).add(key);
    }

    private static void remove(Map<String, Map<String, TreeSet<String>>> index, String kind, String bucket, String key) {
        if (bucket.isEmpty()) return;
        Map<String, TreeSet<String>> buckets = index.get(kind);
        if (buckets == null) return;
        TreeSet<String> keys = buckets.get(bucket);
        if (keys != null && keys.remove(key) && keys.isEmpty()) buckets.remove(bucket);
    }

    private static Set<String> ownerUids(ObjectNode o) {
        if (o == null) return Set.of();
        JsonNode refs = o.path("metadata").path("ownerReferences");
        if (refs.isEmpty()) return Set.of();
        Set<String> out = new HashSet<>();
        for (JsonNode r : refs) out.add(r.path("uid").asText(""));
        return out;
    }

    private static String nodeName(ObjectNode o) {
        return o == null ? "" : o.path("spec").path("nodeName").asText("");
    }

    private static JsonNode labels(ObjectNode o) {
        JsonNode labels = o == null ? null : o.path("metadata").get("labels");
        return labels == null || !labels.isObject() ? EMPTY : labels;
    }

    private static final JsonNode EMPTY = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
}
