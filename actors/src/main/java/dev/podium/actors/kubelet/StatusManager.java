package dev.podium.actors.kubelet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.patch.PatchType;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The status manager of a JVM's node agents, as kubelet's: it writes each pod's newest status to
 * its Pod entity as a status merge patch carrying the pod's uid (so a status never lands on a
 * re-created pod of the same name), at most one patch per pod and {@link #PATCHES_IN_FLIGHT} in
 * all ({@link StatusQueue}), and sends a status whose patch got no answer again until an entity
 * answers. A pod that has stopped is deleted only after its last status is written
 * ({@link Finish}), as kubelet does, so its terminal phase is never lost.
 */
public final class StatusManager {
    public sealed interface Command {}

    /** The runtime reported this status for a pod the agent runs. */
    public record Report(String uid, String namespace, String name, ObjectNode status) implements Command {}

    /** The pod is no longer run here: nothing more is written for it. */
    public record Forget(String uid) implements Command {}

    /** Tell {@code replyTo} once every status reported for the pod so far has been written. */
    public record Finish(String uid, ActorRef<Written> replyTo) implements Command {}

    /** Every status reported for the pod until its {@link Finish} has been written. */
    public record Written(String uid) {}

    record Delivered(Report report, boolean delivered) implements Command {}

    enum Resend implements Command { INSTANCE }

    /** Status patches in flight at once for all nodes of the JVM (kubelet limits its API calls too). */
    static final int PATCHES_IN_FLIGHT = 128;
    private static final ResourceKind POD = KindRegistry.get("Pod");

    private StatusManager() {}

    public static Behavior<Command> create(ObjectClient objects, Duration resend) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Resend.INSTANCE, resend);
            StatusQueue<Report> queue = new StatusQueue<>(PATCHES_IN_FLIGHT);
            Map<String, ActorRef<Written>> finishing = new HashMap<>();
            ActorRef<Command> self = ctx.getSelf();
            java.util.function.Consumer<Report> send = r -> {
                ObjectNode patch = Json.object();
                patch.putObject("metadata").put("uid", r.uid());
                patch.set("status", r.status());
                objects.ask(POD, r.namespace() + "/" + r.name(), reply -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), patch, 0, true, "",
                                false, false, reply))
                        .whenComplete((reply, failure) -> self.tell(new Delivered(r, failure == null)));
            };
            return Behaviors.receive(Command.class)
                    .onMessage(Report.class, m -> {
                        queue.offer(m.uid(), m).forEach(send);
                        return Behaviors.same();
                    })
                    .onMessage(Delivered.class, m -> {
                        String uid = m.report().uid();
                        queue.done(uid, m.report(), m.delivered()).forEach(send);
                        if (finishing.containsKey(uid) && queue.settled(uid)) finishing.remove(uid).tell(new Written(uid));
                        return Behaviors.same();
                    })
                    .onMessage(Finish.class, m -> {
                        if (queue.settled(m.uid())) m.replyTo().tell(new Written(m.uid()));
                        else finishing.put(m.uid(), m.replyTo());
                        return Behaviors.same();
                    })
                    .onMessage(Forget.class, m -> {
                        queue.forget(m.uid());
                        finishing.remove(m.uid());
                        return Behaviors.same();
                    })
                    .onMessageEquals(Resend.INSTANCE, () -> {
                        for (Report r : queue.undelivered()) queue.offer(r.uid(), r).forEach(send);
                        return Behaviors.same();
                    })
                    .build();
        }));
    }
}
