package dev.podium.actors.scheduler.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.Pods;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;

/** A pod toleration from spec.tolerations, matched against taints as kube's ToleratesTaint. */
public record Toleration(String key, String operator, String value, String effect) {

    public static List<Toleration> of(JsonNode pod) {
        List<Toleration> out = new ArrayList<>();
        for (ObjectNode t : Nodes.objects(Pods.spec(pod), "tolerations")) {
            out.add(new Toleration(Nodes.str(t, "key"), Nodes.str(t, "operator"), Nodes.str(t, "value"), Nodes.str(t, "effect")));
        }
        return out;
    }

    /** An empty effect matches every effect, an empty key with Exists every taint. */
    public boolean tolerates(Taint taint) {
        if (!effect.isEmpty() && !effect.equals(taint.effect())) return false;
        if (!key.isEmpty() && !key.equals(taint.key())) return false;
        return switch (operator) {
            case "", "Equal" -> value.equals(taint.value());
            case "Exists" -> true;
            default -> false;
        };
    }

    public static boolean anyTolerates(List<Toleration> tolerations, Taint taint) {
        for (Toleration t : tolerations) if (t.tolerates(taint)) return true;
        return false;
    }

    /** The first NoSchedule/NoExecute taint none of the tolerations tolerate, or null. */
    public static Taint firstUntolerated(List<Taint> taints, List<Toleration> tolerations) {
        for (Taint t : taints) if (t.forbidsScheduling() && !anyTolerates(tolerations, t)) return t;
        return null;
    }
}
