package dev.podium.actors.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.LiveEntities;
import dev.podium.actors.hints.Notification;
import dev.podium.actors.hints.Notifier;
import dev.podium.actors.hints.ObjectChanged;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.PodConditions;
import dev.podium.model.json.Json;
import dev.podium.model.json.Times;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.patch.PatchType;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * Scheduler and kubelet in one, for controller tests against real entities: a pending pod is
 * bound to node n1, a bound pod gets the phase {@link #outcome} names (Running and Ready by
 * default, or Succeeded/Failed with a terminated container, or Pending to hold it back), and a
 * terminating pod is deleted at once. Every hint is also passed to {@link #also}.
 */
final class FakeKubelet implements Notifier {
    private static final ResourceKind POD = KindRegistry.get("Pod");
    private final LiveEntities entities;
    private final Clock clock;
    volatile Function<ObjectNode, String> outcome = pod -> "Running";
    volatile Notifier also = n -> { };

    FakeKubelet(LiveEntities entities, Clock clock) {
        this.entities = entities;
        this.clock = clock;
    }

    @Override
    public void send(List<Notification> notifications) {
        also.send(notifications);
        for (Notification n : notifications) {
            if (n instanceof Notification.ToScheduler s && s.change().kind().equals("Pod") && !s.change().deleted()) pending(s.change());
            if (n instanceof Notification.ToNodeAgent a && a.change().kind().equals("Pod") && !a.change().deleted()) bound(a.change());
        }
    }

    private void pending(ObjectChanged change) {
        ObjectNode pod = change.object();
        if (!pod.path("spec").path("nodeName").asText("").isEmpty() || pod.path("metadata").has("deletionTimestamp")) return;
        entities.ask(POD, change.key(), r -> new ObjectCommand.Bind("n1", change.uid(), r));
    }

    private void bound(ObjectChanged change) {
        ObjectNode pod = change.object();
        if (pod.path("metadata").has("deletionTimestamp")) {
            entities.ask(POD, change.key(), r -> new ObjectCommand.Delete(0, change.uid(), 0, false, r));
            return;
        }
        apply(change.key(), pod);
    }

    /** Gives the pod the status its outcome names now (a test calls this again to move a pod on). */
    void run(String key) {
        entities.get("Pod", key).ifPresent(pod -> apply(key, pod));
    }

    /** Runs on entity threads too: never waits for an answer. */
    private void apply(String key, ObjectNode pod) {
        if (pod.path("metadata").has("deletionTimestamp")) return;
        String phase = outcome.apply(pod);
        if (phase.equals("Pending")) return;
        String now = Times.rfc3339(clock.instant());
        ObjectNode patch = Json.object();
        patch.putObject("metadata").put("uid", pod.path("metadata").path("uid").asText());
        ObjectNode status = patch.putObject("status").put("phase", phase);
        ObjectNode holder = Json.object();
        holder.set("status", status);
        PodConditions.set(holder, "Ready", phase.equals("Running") ? "True" : "False", null, null, now);
        if (!phase.equals("Running")) {
            status.putArray("containerStatuses").addObject().put("name", "c").put("restartCount", 0).putObject("state").putObject("terminated")
                    .put("exitCode", phase.equals("Succeeded") ? 0 : 1).put("finishedAt", now);
        }
        entities.ask(POD, key, r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), patch, 0, true, "", false, false, r));
    }
}
