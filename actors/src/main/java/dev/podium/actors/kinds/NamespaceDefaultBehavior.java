package dev.podium.actors.kinds;

import dev.podium.actors.hints.Notification;
import dev.podium.actors.objects.Write;

import java.util.List;

/**
 * ServiceAccounts and ConfigMaps: deleting the one every namespace holds ({@code default},
 * {@code kube-root-ca.crt}) tells the service accounts controller, which puts it back.
 */
final class NamespaceDefaultBehavior extends ObjectBehavior {
    private final String name;

    NamespaceDefaultBehavior(String name) {
        this.name = name;
    }

    @Override
    protected void addNotifications(Write w, List<Notification> out) {
        if (w.deleted() && w.key().endsWith("/" + name)) out.add(new Notification.ToServiceAccounts(w.change()));
    }
}
