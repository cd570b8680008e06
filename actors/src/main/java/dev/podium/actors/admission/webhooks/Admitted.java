package dev.podium.actors.admission.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** A request the webhooks let through: the object as they left it (null for a DELETE) and the warnings they gave. */
public record Admitted(ObjectNode object, List<String> warnings) {
    public Admitted {
        warnings = List.copyOf(warnings);
    }
}
