package dev.podium.actors.hints;

/** Who hears about a write once it is journaled: a hint addressed to the actor that acts on it. */
public sealed interface Notification {
    ObjectChanged change();

    /** The default scheduler: pending pods, bindings, pods leaving nodes, nodes. */
    record ToScheduler(ObjectChanged change) implements Notification {}

    /** The agent (kubelet) of one node: pods bound to it, their deletion, their end. */
    record ToNodeAgent(String nodeName, ObjectChanged change) implements Notification {}

    /** The node lifecycle controller: lease renewals and nodes. */
    record ToNodeLifecycle(ObjectChanged change) implements Notification {}

    /** The namespace controller: namespaces that start terminating. */
    record ToNamespaceController(ObjectChanged change) implements Notification {}

    /** The service accounts controller: a namespace was created, or a ServiceAccount or ConfigMap deleted. */
    record ToServiceAccounts(ObjectChanged change) implements Notification {}

    /**
     * The controlling owner of the changed object: the entity of kind {@code ownerKind} (an entity
     * type name) at {@code ownerKey} ({@code namespace/name} or {@code name}), expected to hold {@code ownerUid}.
     */
    record ToOwner(String ownerKind, String ownerKey, String ownerUid, ObjectChanged change) implements Notification {}

    /** The garbage collector: an object was deleted, started a foreground or orphan deletion, or names an owner that is gone. */
    record ToGarbageCollector(ObjectChanged change) implements Notification {}

    /** Every DaemonSet: a node was added, changed or deleted. */
    record ToDaemonSets(ObjectChanged change) implements Notification {}

    /** The PodDisruptionBudgets of the pod's namespace that select it: its readiness, phase, labels or deletion changed. */
    record ToDisruptionBudgets(ObjectChanged change) implements Notification {}

    /** The Services of the pod's namespace that select it: its IP, readiness, phase, labels, ports, node or deletion changed. */
    record ToServices(ObjectChanged change) implements Notification {}

    /** The CustomResourceDefinition (by name) of a custom resource that was deleted: a definition being deleted waits for its objects. */
    record ToDefinition(String definition, ObjectChanged change) implements Notification {}
}
