package dev.podium.actors.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.ResourceKind;

/**
 * One thing a reconcile decided to do. The controller runtime carries it out through the entities
 * concerned and does not send the same action again while one is in flight ({@link #key}).
 */
public sealed interface Action {
    /** Identifies an action in flight: a second one with the same key waits until the first is answered. */
    String key();

    /** Creates a child; with {@code generateName} the runtime appends kube's 5-character suffix to metadata.generateName. */
    record Create(ResourceKind kind, ObjectNode object, boolean generateName) implements Action {
        public String key() {
            return "create " + kind.entityTypeName() + " " + object.path("metadata").path("namespace").asText("") + "/"
                    + object.path("metadata").path(generateName ? "generateName" : "name").asText();
        }
    }

    /** Deletes an object, if it is still the one with {@code uid}. */
    record Delete(ResourceKind kind, String objectKey, String uid, String propagationPolicy) implements Action {
        public String key() {
            return "delete " + kind.entityTypeName() + " " + objectKey;
        }
    }

    /** A JSON merge patch of an object, refused unless it is still at {@code seqNr} (0: any version). */
    record Patch(ResourceKind kind, String objectKey, long seqNr, JsonNode patch) implements Action {
        public String key() {
            return "patch " + kind.entityTypeName() + " " + objectKey;
        }
    }

    /** A JSON merge patch of another object's status subresource. */
    record PatchStatus(ResourceKind kind, String objectKey, JsonNode patch) implements Action {
        public String key() {
            return "patch status " + kind.entityTypeName() + " " + objectKey;
        }
    }

    /** The owner's status becomes {@code status}, if the owner is still at the version the reconcile saw. */
    record UpdateStatus(ObjectNode status) implements Action {
        public String key() {
            return "status";
        }
    }

    /**
     * A JSON merge patch of the owner itself (its annotations, say), if it is still at the version
     * the reconcile saw; with {@code anyVersion}, at whatever version it is (for a patch that is
     * right whatever else changed, sent beside an {@link UpdateStatus} of the same reconcile: the
     * status goes first at the version seen, the patch after it). Such a patch names metadata.uid,
     * so a re-created owner is left alone.
     */
    record PatchOwner(JsonNode patch, boolean anyVersion) implements Action {
        public PatchOwner(JsonNode patch) {
            this(patch, false);
        }

        public String key() {
            return "patch owner";
        }
    }

    /** Deletes the owner (a finished Job whose time to live is over). */
    record DeleteOwner(String propagationPolicy) implements Action {
        public String key() {
            return "delete owner";
        }
    }

    /**
     * Deletes the owner once the entity of the object it exists for ({@code kind}, {@code objectKey})
     * confirms that object is gone (not found, or another uid): the cache may not yet show an object
     * created a moment ago, and a released volume must not be deleted for that.
     */
    record DeleteOwnerOnceGone(ResourceKind kind, String objectKey, String uid, String propagationPolicy) implements Action {
        public String key() {
            return "delete owner";
        }
    }

    /** A core/v1 Event about {@code involved}, as kubectl describe shows it. */
    record Event(ObjectNode involved, String type, String reason, String message) implements Action {
        public String key() {
            return "event " + System.identityHashCode(this);
        }
    }

    /** An action whose Event is recorded only if the action is sent (not while an equal one is in flight). */
    record Announced(Action action, Event event) implements Action {
        public String key() {
            return action.key();
        }
    }
}
