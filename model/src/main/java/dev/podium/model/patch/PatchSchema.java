package dev.podium.model.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * How each list field merges, the part of the Go struct tags ({@code patchStrategy},
 * {@code patchMergeKey}) that strategic merge patch and server-side apply need. A small table
 * instead of reflection: a list not matched by any rule is atomic (replaced as a whole).
 *
 * <p>Rules match a field path, the field names from the object root with list positions left
 * out ({@code spec.containers.ports}). A pattern is either exact ({@code spec.ports}) or, when it
 * starts with {@code **.}, a suffix ({@code **.containers} matches at any depth). A rule may be
 * limited to one kind (as in {@code ResourceKind.kind()}, e.g. {@code Service}). The first
 * matching rule wins; {@link #with} puts new rules first.
 */
public final class PatchSchema {

    public enum Strategy {
        /** The patch list replaces the live one. */
        REPLACE,
        /** A set of primitives: union on merge (metadata.finalizers). */
        MERGE_PRIMITIVES,
        /** Objects matched by {@link ListStrategy#mergeKey()}. */
        MERGE_BY_KEY
    }

    public record ListStrategy(Strategy strategy, String mergeKey) {
        public static final ListStrategy REPLACE = new ListStrategy(Strategy.REPLACE, null);
        public static final ListStrategy PRIMITIVES = new ListStrategy(Strategy.MERGE_PRIMITIVES, null);

        public static ListStrategy byKey(String mergeKey) {
            return new ListStrategy(Strategy.MERGE_BY_KEY, mergeKey);
        }

        public boolean merges() {
            return strategy != Strategy.REPLACE;
        }
    }

    private record Rule(String kind, boolean suffix, List<String> path, ListStrategy strategy) {
        boolean matches(String k, List<String> fields) {
            if (kind != null && !kind.equals(k)) return false;
            if (suffix ? fields.size() < path.size() : fields.size() != path.size()) return false;
            return fields.subList(fields.size() - path.size(), fields.size()).equals(path);
        }
    }

    public static final PatchSchema BUILT_IN = new PatchSchema(List.of())
            .with(null, "metadata.finalizers", ListStrategy.PRIMITIVES)
            .with(null, "metadata.ownerReferences", ListStrategy.byKey("uid"))
            .with(null, "**.containers", ListStrategy.byKey("name"))
            .with(null, "**.initContainers", ListStrategy.byKey("name"))
            .with(null, "**.ephemeralContainers", ListStrategy.byKey("name"))
            .with(null, "**.containers.ports", ListStrategy.byKey("containerPort"))
            .with(null, "**.initContainers.ports", ListStrategy.byKey("containerPort"))
            .with(null, "**.ephemeralContainers.ports", ListStrategy.byKey("containerPort"))
            .with(null, "**.env", ListStrategy.byKey("name"))
            .with(null, "**.volumeMounts", ListStrategy.byKey("mountPath"))
            .with(null, "**.volumeDevices", ListStrategy.byKey("devicePath"))
            .with(null, "**.spec.volumes", ListStrategy.byKey("name"))
            .with(null, "**.spec.imagePullSecrets", ListStrategy.byKey("name"))
            .with(null, "**.spec.hostAliases", ListStrategy.byKey("ip"))
            .with(null, "**.spec.resourceClaims", ListStrategy.byKey("name"))
            .with(null, "**.spec.schedulingGates", ListStrategy.byKey("name"))
            .with(null, "**.spec.topologySpreadConstraints", ListStrategy.byKey("topologyKey"))
            .with(null, "**.conditions", ListStrategy.byKey("type"))
            .with(null, "status.podIPs", ListStrategy.byKey("ip"))
            .with(null, "status.hostIPs", ListStrategy.byKey("ip"))
            .with(null, "status.resourceClaimStatuses", ListStrategy.byKey("name"))
            .with("Service", "spec.ports", ListStrategy.byKey("port"))
            .with("Node", "status.addresses", ListStrategy.byKey("type"))
            .with("Node", "spec.podCIDRs", ListStrategy.PRIMITIVES)
            .with("ServiceAccount", "secrets", ListStrategy.byKey("name"))
            .with("MutatingWebhookConfiguration", "webhooks", ListStrategy.byKey("name"))
            .with("ValidatingWebhookConfiguration", "webhooks", ListStrategy.byKey("name"));

    private final List<Rule> rules;

    private PatchSchema(List<Rule> rules) {
        this.rules = rules;
    }

    /**
     * A schema with one more rule, tried before the existing ones.
     *
     * @param kind    the kind it is limited to, or null for every kind
     * @param pattern a dotted field path, {@code **.} in front to match it at any depth
     */
    public PatchSchema with(String kind, String pattern, ListStrategy strategy) {
        boolean suffix = pattern.startsWith("**.");
        List<String> path = List.of((suffix ? pattern.substring(3) : pattern).split("\\."));
        List<Rule> next = new ArrayList<>(rules.size() + 1);
        next.add(new Rule(kind, suffix, path, strategy));
        next.addAll(rules);
        return new PatchSchema(List.copyOf(next));
    }

    /** How the list at {@code path} (field names from the root, no positions) of a {@code kind} merges. */
    public ListStrategy listStrategy(String kind, List<String> path) {
        for (Rule r : rules) {
            if (r.matches(kind, path)) return r.strategy;
        }
        return ListStrategy.REPLACE;
    }
}
