package dev.podium.actors.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.hints.Notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one kind adds to the store semantics every object entity shares: who hears about its
 * writes once they are journaled, and where its deletion differs. Validation and defaulting are
 * the kind's {@code KindRules} in the model.
 */
public interface KindBehavior {
    /** The hints to send once {@code write} is journaled. */
    List<Notification> notifications(Write write);

    /**
     * Deleting an existing object, where this kind does it its own way (a pod running on a node
     * ends gracefully); empty for the store's way (wait for finalizers, then gone).
     */
    default Optional<Decision> delete(ObjectNode current, long gracePeriodSeconds, Instant now) {
        return Optional.empty();
    }

    /** Completes a new object once it has its uid, before defaulting and validation (a Job's generated selector). */
    default void prepareForCreate(ObjectNode object) {
    }

    /** Marks an object whose deletion now waits for its finalizers (a Namespace shows phase Terminating). */
    default void beginTermination(ObjectNode object) {
    }

    /** Whether the object holds finalizers of its kind's own besides metadata.finalizers (a Namespace's spec.finalizers). */
    default boolean hasKindFinalizers(ObjectNode object) {
        return false;
    }

    /** The propagationPolicy of a delete that names none: Background, or Orphan for kinds kube keeps so. */
    default String defaultPropagation() {
        return "Background";
    }

    /** The controller the kind's entities run while their object exists, if it is a controller kind. */
    default Optional<ControllerFactory> controller() {
        return Optional.empty();
    }
}
