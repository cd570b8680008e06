package dev.podium.actors.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.hints.Notification;
import dev.podium.actors.objects.Decision;
import dev.podium.actors.objects.PodConditions;
import dev.podium.actors.objects.Write;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Pods: a pod running on a node ends gracefully when deleted ({@link PodDeletion}). Hints go to
 * the scheduler for what changes its picture (a pod waiting to be scheduled, a binding, a pod
 * ending or leaving, labels other pods' affinity may select) and to the agent of the pod's node
 * for what it must act on (a pod bound to it, a deletion starting, a spec change, the end), and to
 * the disruption budgets of its namespace when what they count changes (readiness, phase, labels),
 * and to the Services that select it when what their endpoints show changes (that, and its IP).
 * Status updates of a running pod, the bulk of all pod writes, tell nobody.
 */
public final class PodBehavior extends ObjectBehavior {

    @Override
    public Optional<Decision> delete(ObjectNode current, long gracePeriodSeconds, Instant now) {
        if (!PodDeletion.isGraceful(current, gracePeriodSeconds)) return Optional.empty();
        return Optional.of(PodDeletion.begin(current, gracePeriodSeconds, now));
    }

    @Override
    protected void addNotifications(Write w, List<Notification> out) {
        ObjectNode before = w.before();
        ObjectNode after = w.after();
        String nodeBefore = before == null ? "" : nodeName(before);
        String nodeAfter = nodeName(after);
        boolean specChanged = before != null && !Objects.equals(before.get("spec"), after.get("spec"));
        if (w.deleted() || before == null || nodeAfter.isEmpty() || nodeBefore.isEmpty() || specChanged
                || terminal(after) && !terminal(before) || !Objects.equals(labels(before), labels(after))) {
            out.add(new Notification.ToScheduler(w.change()));
        }
        if (w.deleted() || before == null || !Objects.equals(labels(before), labels(after)) || !Objects.equals(deletion(before), deletion(after))
                || !Objects.equals(PodConditions.status(before, "Ready"), PodConditions.status(after, "Ready"))
                || !Objects.equals(before.path("status").path("phase"), after.path("status").path("phase"))) {
            out.add(new Notification.ToDisruptionBudgets(w.change()));
            out.add(new Notification.ToServices(w.change()));
        } else if (!Objects.equals(before.path("status").path("podIP"), after.path("status").path("podIP"))
                || specChanged && after.path("status").hasNonNull("podIP")) {
            out.add(new Notification.ToServices(w.change()));
        }
        if (nodeAfter.isEmpty()) return;
        if (w.deleted() || before == null || nodeBefore.isEmpty() || specChanged
                || !Objects.equals(deletion(before), deletion(after))) {
            out.add(new Notification.ToNodeAgent(nodeAfter, w.change()));
        }
    }

    private static String nodeName(JsonNode pod) {
        return pod.path("spec").path("nodeName").asText("");
    }

    private static boolean terminal(JsonNode pod) {
        String phase = pod.path("status").path("phase").asText("");
        return phase.equals("Succeeded") || phase.equals("Failed");
    }

    private static JsonNode labels(JsonNode pod) {
        return pod.path("metadata").path("labels");
    }

    private static String deletion(JsonNode pod) {
        JsonNode meta = pod.path("metadata");
        return meta.path("deletionTimestamp").asText("") + "/" + meta.path("deletionGracePeriodSeconds").asText("");
    }
}
