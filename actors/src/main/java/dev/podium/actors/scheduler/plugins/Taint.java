package dev.podium.actors.scheduler.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.Pods;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;

/** A node taint from spec.taints. */
public record Taint(String key, String value, String effect) {
    public static final String NO_SCHEDULE = "NoSchedule";
    public static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";
    public static final String NO_EXECUTE = "NoExecute";

    public static List<Taint> of(JsonNode node) {
        List<Taint> out = new ArrayList<>();
        for (ObjectNode t : Nodes.objects(Pods.spec(node), "taints")) {
            out.add(new Taint(Nodes.str(t, "key"), Nodes.str(t, "value"), Nodes.str(t, "effect")));
        }
        return out;
    }

    /** NoSchedule and NoExecute keep pods off the node; PreferNoSchedule only scores. */
    public boolean forbidsScheduling() {
        return effect.equals(NO_SCHEDULE) || effect.equals(NO_EXECUTE);
    }
}
