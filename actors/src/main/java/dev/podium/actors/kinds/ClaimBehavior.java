package dev.podium.actors.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.actors.controllers.volume.ClaimBinder;
import dev.podium.actors.hints.Notification;
import dev.podium.actors.objects.Write;

import java.util.List;

/**
 * PersistentVolumeClaims: bound by their {@link ClaimBinder}; a claim that becomes Bound tells the
 * scheduler, whose pods using it wait until then (kube's VolumeBinding).
 */
public final class ClaimBehavior extends ControllerKindBehavior {
    public ClaimBehavior() {
        super(s -> new ClaimBinder(s.volumeRoot()), "Background");
    }

    @Override
    protected void addNotifications(Write w, List<Notification> out) {
        super.addNotifications(w, out);
        boolean boundBefore = w.before() != null && bound(w.before());
        if (!w.deleted() && bound(w.after()) && !boundBefore) out.add(new Notification.ToScheduler(w.change()));
    }

    private static boolean bound(JsonNode claim) {
        return "Bound".equals(claim.path("status").path("phase").asText());
    }
}
