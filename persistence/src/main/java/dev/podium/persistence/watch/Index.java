package dev.podium.persistence.watch;

/**
 * A secondary index of the watch cache that narrows a list to the objects of one bucket:
 * those on a node ({@code spec.nodeName}), those whose controlling owner has a uid, or those
 * carrying a label with a value. The namespace needs no index: keys are ordered by namespace.
 */
public sealed interface Index {
    record NodeName(String nodeName) implements Index {}

    record ControllerUid(String uid) implements Index {}

    record Label(String key, String value) implements Index {}

    static Index nodeName(String nodeName) {
        return new NodeName(nodeName);
    }

    static Index controllerUid(String uid) {
        return new ControllerUid(uid);
    }

    static Index label(String key, String value) {
        return new Label(key, value);
    }
}
