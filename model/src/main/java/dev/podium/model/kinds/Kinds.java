package dev.podium.model.kinds;

import dev.podium.model.crd.CustomKinds;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The kinds one API member serves: the built-in ones of {@link KindRegistry}, then its custom resources. */
public final class Kinds {
    private final CustomKinds custom;

    public Kinds(CustomKinds custom) {
        this.custom = custom;
    }

    /** Built-in kinds only (tests, tools without a watch cache). */
    public static Kinds builtIn() {
        return new Kinds(new CustomKinds());
    }

    public CustomKinds custom() {
        return custom;
    }

    public Optional<ResourceKind> byResource(String group, String version, String plural) {
        return KindRegistry.byResource(group, version, plural).or(() -> custom.byResource(group, version, plural));
    }

    public Optional<ResourceKind> byEntityType(String entityTypeName) {
        return KindRegistry.byEntityType(entityTypeName).or(() -> custom.byEntityType(entityTypeName));
    }

    /**
     * One kind per entity type, for controllers that go through every object: the built-in kinds
     * (not the reviews, which are never stored), each custom resource at its storage version.
     */
    public List<ResourceKind> stored() {
        List<ResourceKind> out = new ArrayList<>(BUILT_IN_STORED);
        out.addAll(custom.stored());
        return out;
    }

    private static final List<ResourceKind> BUILT_IN_STORED = KindRegistry.all().stream().filter(k -> !k.rules().createOnly()).toList();

    public ResourceKind get(String entityTypeName) {
        return byEntityType(entityTypeName).orElseThrow(() -> new IllegalArgumentException("unknown kind " + entityTypeName));
    }

    /** Every served kind, one per served version (what discovery lists). */
    public List<ResourceKind> all() {
        List<ResourceKind> served = custom.served();
        if (served.isEmpty()) return KindRegistry.all();
        List<ResourceKind> out = new ArrayList<>(KindRegistry.all());
        out.addAll(served);
        return out;
    }
}
