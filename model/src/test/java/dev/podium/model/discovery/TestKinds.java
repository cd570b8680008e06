package dev.podium.model.discovery;

import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.kinds.ResourceKind;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.util.ArrayList;
import java.util.List;

/** The registry plus a non-core kind in two versions, as a future registry would hold. */
final class TestKinds {
    private TestKinds() {}

    static ResourceKind pdb(String version) {
        return new ResourceKind("policy", version, "PodDisruptionBudget", "poddisruptionbudgets", true, List.of("pdb"), List.of(),
                true, PodDisruptionBudget.class, KindRules.NONE);
    }

    /** The registry's core-group kinds: what /api/v1 serves. */
    static List<ResourceKind> core() {
        return KindRegistry.all().stream().filter(k -> k.group().isEmpty()).toList();
    }

    /** The core kinds plus policy in two versions, independent of which groups the registry has. */
    static List<ResourceKind> withPolicy() {
        List<ResourceKind> kinds = new ArrayList<>(core());
        kinds.add(pdb("v1beta1"));
        kinds.add(pdb("v1"));
        return kinds;
    }
}
