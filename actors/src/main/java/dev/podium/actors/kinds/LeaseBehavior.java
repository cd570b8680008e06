package dev.podium.actors.kinds;

import dev.podium.actors.hints.Notification;
import dev.podium.actors.objects.Write;

import java.util.List;

/** Leases: a node's lease in {@code kube-node-lease} tells the node lifecycle controller each time it is renewed. */
public final class LeaseBehavior extends ObjectBehavior {
    public static final String NODE_LEASE_NAMESPACE = "kube-node-lease";

    @Override
    protected void addNotifications(Write w, List<Notification> out) {
        if (w.change().namespace().equals(NODE_LEASE_NAMESPACE)) out.add(new Notification.ToNodeLifecycle(w.change()));
    }
}
