package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Base64Data;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.JsonCompare;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;

import java.util.List;
import java.util.Map;

/** What ConfigMap and Secret share: data keys, base64 values, the size cap and {@code immutable}. */
final class DataMaps {
    /** kube's MaxSecretSize, also the ConfigMap limit. */
    static final int MAX_SIZE = 1024 * 1024;
    static final String IMMUTABLE_MSG = "field is immutable when `immutable` is set";

    private DataMaps() {}

    static void validateKeys(String field, Map<String, String> data, List<Cause> errs) {
        for (String key : data.keySet()) {
            errs.addAll(Causes.invalidEach(Causes.key(field, key), key, NameValidation.configMapKey(key)));
        }
    }

    /** Sums the decoded sizes of base64 values, adding a cause for each that does not decode. */
    static long decodedSize(String field, Map<String, String> data, String shownValue, List<Cause> errs) {
        long total = 0;
        for (Map.Entry<String, String> e : data.entrySet()) {
            String error = Base64Data.error(e.getValue());
            if (error != null) {
                String shown = shownValue != null ? shownValue
                        : e.getValue().length() > 64 ? e.getValue().substring(0, 64) + "..." : e.getValue();
                errs.add(Cause.invalid(Causes.key(field, e.getKey()), shown, error));
            } else {
                total += Base64Data.decodedLength(e.getValue());
            }
        }
        return total;
    }

    /** With {@code immutable: true} stored, the flag stays and the listed fields may not change. */
    static void validateImmutable(ObjectNode oldObj, ObjectNode newObj, List<String> fields, List<Cause> errs) {
        if (!Nodes.bool(oldObj, "immutable")) return;
        if (!Nodes.bool(newObj, "immutable")) errs.add(Cause.forbidden("immutable", IMMUTABLE_MSG));
        for (String f : fields) {
            if (!JsonCompare.semanticEquals(oldObj.get(f), newObj.get(f))) errs.add(Cause.forbidden(f, IMMUTABLE_MSG));
        }
    }

    static boolean has(JsonNode obj, String field, String key) {
        ObjectNode data = Nodes.obj(obj, field);
        return data != null && data.has(key) && !data.get(key).isNull();
    }
}
