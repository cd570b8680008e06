package dev.podium.actors.kinds;

import dev.podium.actors.hints.Notification;
import dev.podium.actors.objects.Write;

import java.util.List;

/** A custom resource's deletion tells its definition, which may be waiting for its objects to go before it goes itself. */
final class CustomResourceBehavior extends ObjectBehavior {
    @Override
    protected void addNotifications(Write write, List<Notification> out) {
        if (write.deleted() && write.kind().isCustom()) out.add(new Notification.ToDefinition(write.kind().custom().crdName(), write.change()));
    }
}
