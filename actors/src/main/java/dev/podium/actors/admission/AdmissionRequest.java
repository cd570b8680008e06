package dev.podium.actors.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.ResourceKind;

/** A write as admission sees it: what is done to which kind, and the object as sent (steps may change it in place). */
public record AdmissionRequest(Operation operation, ResourceKind kind, String namespace, ObjectNode object, boolean dryRun) {
    public enum Operation { CREATE, UPDATE, DELETE, CONNECT }
}
