package dev.podium.actors.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * The {@code pod-template-hash} of a pod template: FNV-32a over the template (keys sorted, so
 * the same template always hashes the same) and the collision count, written as decimal digits
 * spelled in kube's safe alphabet. Kube hashes Go's dump of its structs, which Java cannot
 * reproduce; the value only needs to be stable and distinct, as it is.
 */
public final class TemplateHash {
    public static final String LABEL = "pod-template-hash";
    private static final JsonMapper SORTED = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    private static final String DIGITS = "456789bcdf";

    private TemplateHash() {}

    public static String of(JsonNode template, long collisionCount) {
        ObjectNode copy = template.deepCopy();
        JsonNode labels = copy.path("metadata").path("labels");
        if (labels instanceof ObjectNode l) l.remove(LABEL);
        prune(copy);
        int hash = 0x811c9dc5;
        for (byte b : canonical(copy)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        if (collisionCount > 0) {
            for (int i = 0; i < 8; i++) {
                hash ^= i < 4 ? (int) (collisionCount >>> (8 * i)) & 0xff : 0;
                hash *= 0x01000193;
            }
        }
        String decimal = Long.toString(hash & 0xffffffffL);
        StringBuilder out = new StringBuilder(decimal.length());
        for (char c : decimal.toCharArray()) out.append(DIGITS.charAt(c - '0'));
        return out.toString();
    }

    /**
     * Drops nulls and empty objects and arrays, which a typed client's round trip adds or drops
     * (kubectl rollout undo sends {@code creationTimestamp: null}): equal templates hash equal.
     */
    public static void prune(JsonNode node) {
        if (node instanceof ObjectNode o) {
            var it = o.fields();
            while (it.hasNext()) {
                JsonNode v = it.next().getValue();
                prune(v);
                if (v.isNull() || (v.isContainerNode() && v.isEmpty())) it.remove();
            }
        } else if (node.isArray()) {
            node.forEach(TemplateHash::prune);
        }
    }

    private static byte[] canonical(JsonNode node) {
        try {
            Object tree = SORTED.treeToValue(node, Object.class);
            return SORTED.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
