package dev.podium.model.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.kinds.ResourceKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The custom resources one API member serves, kept from the CustomResourceDefinitions its watch
 * cache applies: every member learns a definition from the journal as it learns any object, so a
 * new definition is served everywhere as soon as each member has read it, with no restart.
 * Readers see an immutable snapshot; {@link #generation()} moves with every change.
 */
public final class CustomKinds {
    private record Snapshot(long generation, Map<String, ResourceKind> byResource, Map<String, ResourceKind> storage, List<ResourceKind> served) {}

    private final TreeMap<String, ObjectNode> definitions = new TreeMap<>();
    private final Map<String, KindRules> compiled = new HashMap<>();
    private volatile Snapshot snapshot = new Snapshot(0, Map.of(), Map.of(), List.of());

    /** A definition was written (or, with {@code deleted}, is gone for good). */
    public synchronized void changed(ObjectNode crd, boolean deleted) {
        String name = crd.path("metadata").path("name").asText();
        ObjectNode before = deleted ? definitions.remove(name) : definitions.put(name, crd);
        // the definition's controller writes its status often; what is served changes with the spec and the deletion only
        if (!deleted && before != null && sameServing(before, crd)) return;
        rebuild();
    }

    private static boolean sameServing(ObjectNode a, ObjectNode b) {
        return a.path("spec").equals(b.path("spec")) && a.path("metadata").path("deletionTimestamp").equals(b.path("metadata").path("deletionTimestamp"))
                && a.path("metadata").path("uid").equals(b.path("metadata").path("uid"));
    }

    public Optional<ResourceKind> byResource(String group, String version, String plural) {
        return Optional.ofNullable(snapshot.byResource.get(group + "/" + version + "/" + plural));
    }

    /** The kind at the storage version, which the objects' entities and the cache use. */
    public Optional<ResourceKind> byEntityType(String entityTypeName) {
        return Optional.ofNullable(snapshot.storage.get(entityTypeName));
    }

    /** Every custom resource at its storage version. */
    public List<ResourceKind> stored() {
        return List.copyOf(snapshot.storage.values());
    }

    /** Every served version of every definition whose names are accepted. */
    public List<ResourceKind> served() {
        return snapshot.served;
    }

    public long generation() {
        return snapshot.generation;
    }

    private void rebuild() {
        Map<String, ResourceKind> byResource = new LinkedHashMap<>();
        Map<String, ResourceKind> storage = new LinkedHashMap<>();
        List<ResourceKind> served = new ArrayList<>();
        Map<String, KindRules> stillUsed = new HashMap<>();
        List<ObjectNode> oldestFirst = definitions.values().stream().sorted(CrdNames.CREATION_ORDER).toList();
        for (ObjectNode crd : oldestFirst) {
            if (!CrdNames.verdict(crd, oldestFirst).accepted()) continue;
            String storageVersion = CustomResourceKinds.storageVersion(crd);
            for (ResourceKind k : CustomResourceKinds.versions(crd, (c, v) -> stillUsed.computeIfAbsent(ruleKey(c, v), key -> compile(key, c, v)))) {
                if (k.version().equals(storageVersion)) storage.put(k.entityTypeName(), k);
                if (!CustomResourceKinds.served(crd, k.version())) continue;
                byResource.put(k.group() + "/" + k.version() + "/" + k.plural(), k);
                served.add(k);
            }
        }
        compiled.keySet().retainAll(stillUsed.keySet());
        compiled.putAll(stillUsed);
        snapshot = new Snapshot(snapshot.generation + 1, Map.copyOf(byResource), Map.copyOf(storage), List.copyOf(served));
    }

    private KindRules compile(String key, ObjectNode crd, String version) {
        KindRules known = compiled.get(key);
        if (known != null) return known;
        ObjectNode schema = CustomResourceKinds.version(crd, version).map(CustomResourceKinds::schema).orElseThrow();
        try {
            return new CustomResourceRules(new StructuralSchema(schema, CelValidations::evaluate));
        } catch (RuntimeException e) {
            // validation of the definition keeps such schemas out; one that slipped in refuses writes rather than taking any
            List<Cause> refusal = List.of(new Cause("FieldValueInvalid", "", "the schema of " + crd.path("metadata").path("name").asText()
                    + " version " + version + " cannot be used: " + e.getMessage() + "; fix the CustomResourceDefinition"));
            return new KindRules() {
                @Override
                public List<Cause> validate(ObjectNode obj) {
                    return refusal;
                }
            };
        }
    }

    /** A version's rules are compiled again only when its definition's spec changes (its generation). */
    private static String ruleKey(ObjectNode crd, String version) {
        return crd.path("metadata").path("uid").asText() + "|" + crd.path("metadata").path("generation").asLong() + "|" + version;
    }
}
