package dev.podium.model.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.validation.Nodes;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;

/** Reads and orders objects by metadata.creationTimestamp. */
final class ObjectAge {
    /** Oldest first, then by namespace and name so that equal ages still give one order. */
    static final Comparator<JsonNode> OLDEST_FIRST = Comparator.comparing(ObjectAge::created)
            .thenComparing(o -> Nodes.str(o.get("metadata"), "namespace"))
            .thenComparing(o -> Nodes.str(o.get("metadata"), "name"));

    private ObjectAge() {}

    /** An object without a readable timestamp counts as the newest: it cannot be shown to be older. */
    static Instant created(JsonNode obj) {
        String timestamp = Nodes.str(obj.get("metadata"), "creationTimestamp");
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return Instant.MAX;
        }
    }
}
