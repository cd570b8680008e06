package dev.podium.actors.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.hints.ObjectChanged;
import dev.podium.persistence.PodiumSerializable;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What an object entity is asked to do. Preconditions are sequence numbers of the entity's own
 * journal ({@code 0} = none): the API layer maps a client's resourceVersion to one through the
 * watch cache, and the entity checks it atomically.
 */
public sealed interface ObjectCommand extends PodiumSerializable {
    /** A command that asks for an answer; every one gets exactly one. */
    sealed interface Request extends ObjectCommand {
        ActorRef<ObjectReply> replyTo();
    }

    record Create(ObjectNode object, boolean dryRun, ActorRef<ObjectReply> replyTo) implements Request {}

    /** PUT of the object ({@code status == false}) or of its status subresource. */
    record Update(ObjectNode object, long expectedSeqNr, boolean status, boolean dryRun, ActorRef<ObjectReply> replyTo)
            implements Request {}

    record Patch(String patchType, JsonNode patch, long expectedSeqNr, boolean status, String fieldManager, boolean force,
                 boolean dryRun, ActorRef<ObjectReply> replyTo) implements Request {}

    /**
     * {@code gracePeriodSeconds} < 0 means the object's own default (a pod's terminationGracePeriodSeconds);
     * {@code propagationPolicy} is Background, Foreground, Orphan or "" for the kind's default.
     */
    record Delete(long expectedSeqNr, String expectedUid, long gracePeriodSeconds, String propagationPolicy, boolean dryRun,
                  ActorRef<ObjectReply> replyTo) implements Request {
        public static final long DEFAULT_GRACE = -1;

        public Delete(long expectedSeqNr, String expectedUid, long gracePeriodSeconds, boolean dryRun, ActorRef<ObjectReply> replyTo) {
            this(expectedSeqNr, expectedUid, gracePeriodSeconds, "", dryRun, replyTo);
        }
    }

    /**
     * The binding subresource: assigns an unassigned pod to a node, once. {@code expectedUid},
     * when not empty, must be the pod's uid (the Binding's metadata.uid, as kube checks it).
     */
    record Bind(String nodeName, String expectedUid, ActorRef<ObjectReply> replyTo) implements Request {}

    record Get(ActorRef<ObjectReply> replyTo) implements Request {}

    /** A Namespace's {@code finalize} subresource: sets spec.finalizers, the only way to change them. */
    record Finalize(JsonNode finalizers, ActorRef<ObjectReply> replyTo) implements Request {}

    /**
     * A hint from an object this entity's object controls ({@code ownerReferences} with
     * {@code controller: true}): it was created, changed or deleted. Nothing is answered.
     */
    record ChildChanged(ObjectChanged child, String ownerUid) implements ObjectCommand {}

    /** A hint of an object this entity's controller reads without owning it (a Node for a DaemonSet). */
    record RelatedChanged(ObjectChanged related) implements ObjectCommand {}

    /** Starts the entity (and its controller) if it is not running; nothing else. */
    record Wake() implements ObjectCommand {}
}
