package dev.podium.actors.kinds;

import dev.podium.actors.hints.Notification;
import dev.podium.actors.objects.Write;

import java.util.List;

/**
 * Nodes: every write is a hint for the scheduler (capacity, labels, taints, unschedulable,
 * conditions), the node lifecycle controller and the DaemonSets; a deleted Node also tells its own agent, which
 * registers it again as kubelet does, and so does a Node given its pod range (the agent's runtime sets its network up).
 */
public final class NodeBehavior extends ObjectBehavior {
    @Override
    protected void addNotifications(Write w, List<Notification> out) {
        out.add(new Notification.ToScheduler(w.change()));
        out.add(new Notification.ToNodeLifecycle(w.change()));
        out.add(new Notification.ToDaemonSets(w.change()));
        if (w.deleted() || podCidrChanged(w)) out.add(new Notification.ToNodeAgent(w.key(), w.change()));
    }

    private static boolean podCidrChanged(Write w) {
        String after = w.after() == null ? "" : w.after().path("spec").path("podCIDR").asText("");
        String before = w.before() == null ? "" : w.before().path("spec").path("podCIDR").asText("");
        return !after.isEmpty() && !after.equals(before);
    }
}
