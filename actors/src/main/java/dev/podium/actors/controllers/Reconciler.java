package dev.podium.actors.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.selectors.LabelSelector;

import java.util.List;
import java.util.Optional;

/**
 * A controller kind's decisions, as a pure function of what it observes (kube's sync loop
 * without the informers): the {@link ControllerActor} gathers {@link Observed}, calls
 * {@link #reconcile}, and carries out the {@link Plan}.
 */
public interface Reconciler {
    /** The kinds of the objects the owner controls (through ownerReferences with controller: true). */
    List<ResourceKind> ownedKinds();

    /** The selector orphans must match to be adopted, or empty when the controller adopts nothing. */
    default Optional<LabelSelector> adoptionSelector(ObjectNode owner) {
        return Optional.empty();
    }

    /** Whether reconciles need the cluster's Nodes (a DaemonSet's). */
    default boolean readsNodes() {
        return false;
    }

    Plan reconcile(Observed observed);

    /** The message of the SuccessfulCreate Event recorded about the owner once {@code created} exists, or empty for none. */
    default Optional<String> createdMessage(ObjectNode created) {
        return Optional.empty();
    }

    /** The message of the SuccessfulDelete Event recorded about the owner once {@code deleted} is gone or going, or empty for none. */
    default Optional<String> deletedMessage(ObjectNode deleted) {
        return Optional.empty();
    }
}
