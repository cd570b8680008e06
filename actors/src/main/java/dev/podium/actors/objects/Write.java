package dev.podium.actors.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.hints.ObjectChanged;
import dev.podium.model.kinds.ResourceKind;

/**
 * A journaled write as a kind's behavior sees it: the object before (null when it was created)
 * and after (for a deletion, as it was last), and the entity's sequence number of the write.
 */
public record Write(ResourceKind kind, String key, ObjectNode before, ObjectNode after, long seqNr, boolean deleted) {
    public boolean created() {
        return before == null;
    }

    public ObjectChanged change() {
        return new ObjectChanged(kind.entityTypeName(), key, after, seqNr, deleted);
    }
}
