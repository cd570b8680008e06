package dev.podium.actors.kinds;

import dev.podium.actors.hints.Notification;
import dev.podium.actors.controllers.serviceaccount.ServiceAccountsController;
import dev.podium.actors.objects.Write;

import java.util.List;

/**
 * ServiceAccounts and ConfigMaps: deleting the one every namespace holds ({@code default},
 * {@code kube-root-ca.crt}) tells the service accounts controller, which puts it back. Secrets:
 * a new {@code kubernetes.io/service-account-token} one without a token tells it too (it fills
 * the token in).
 */
final class NamespaceDefaultBehavior extends ObjectBehavior {
    private final String name;

    /** {@code name}: the object every namespace holds, null for Secrets. */
    NamespaceDefaultBehavior(String name) {
        this.name = name;
    }

    @Override
    protected void addNotifications(Write w, List<Notification> out) {
        if (w.deleted() && name != null && w.key().endsWith("/" + name)) out.add(new Notification.ToServiceAccounts(w.change()));
        if (!w.deleted() && ServiceAccountsController.wantsToken(w.after())) out.add(new Notification.ToServiceAccounts(w.change()));
    }
}
