package dev.podium.actors.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.objects.PodConditions;
import dev.podium.model.json.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic of a PodDisruptionBudget, shared by evictions and the budget's status (kube's
 * disruption controller): which pods count as healthy, how many must stay healthy, and which
 * recorded disruptions still hold.
 */
public final class DisruptionBudgets {
    /** How long an eviction recorded in disruptedPods counts (kube's DeletionTimeout). */
    public static final Duration DISRUPTION_WINDOW = Duration.ofMinutes(2);

    private DisruptionBudgets() {}

    /** Ready (kube's countHealthyPods asks IsPodReady, not the phase), not being deleted and not recorded as just disrupted. */
    public static boolean healthy(JsonNode pod, JsonNode disrupted) {
        return "True".equals(PodConditions.status(pod, "Ready"))
                && !pod.path("metadata").has("deletionTimestamp")
                && !disrupted.has(pod.path("metadata").path("name").asText());
    }

    /** desiredHealthy for {@code expected} pods: minAvailable (percentages round up), or expected − maxUnavailable (rounded up). */
    public static int desiredHealthy(JsonNode pdb, int expected) {
        JsonNode spec = pdb.path("spec");
        if (spec.hasNonNull("minAvailable")) return scaled(spec.get("minAvailable"), expected);
        if (spec.hasNonNull("maxUnavailable")) return Math.max(0, expected - scaled(spec.get("maxUnavailable"), expected));
        return 0;
    }

    private static int scaled(JsonNode value, int total) {
        if (value.isInt()) return value.asInt();
        String text = value.asText();
        return (int) Math.ceil(Double.parseDouble(text.substring(0, text.length() - 1)) / 100.0 * total);
    }

    /** The budget's disruptedPods entries still in force: younger than two minutes, of pods that still exist undeleted. */
    public static ObjectNode stillDisrupted(JsonNode pdb, List<? extends JsonNode> selected, Instant now) {
        ObjectNode kept = Json.object();
        Instant horizon = now.minus(DISRUPTION_WINDOW);
        Iterator<Map.Entry<String, JsonNode>> it = pdb.path("status").path("disruptedPods").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            boolean present = selected.stream().anyMatch(p -> p.path("metadata").path("name").asText().equals(e.getKey())
                    && !p.path("metadata").has("deletionTimestamp"));
            if (present && Instant.parse(e.getValue().asText()).isAfter(horizon)) kept.set(e.getKey(), e.getValue());
        }
        return kept;
    }
}
