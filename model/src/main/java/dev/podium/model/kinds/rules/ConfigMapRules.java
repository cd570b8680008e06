package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Validation for ConfigMap; it has no defaults. */
public final class ConfigMapRules implements KindRules {

    @Override
    public List<Cause> validate(ObjectNode obj) {
        List<Cause> errs = new ArrayList<>();
        Map<String, String> data = Nodes.stringMap(obj, "data");
        Map<String, String> binary = Nodes.stringMap(obj, "binaryData");
        long total = 0;
        for (Map.Entry<String, String> e : data.entrySet()) {
            String key = e.getKey();
            errs.addAll(Causes.invalidEach(Causes.key("data", key), key, NameValidation.configMapKey(key)));
            if (binary.containsKey(key)) errs.add(Cause.invalid(Causes.key("data", key), key, "duplicate of key present in binaryData"));
            total += e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        DataMaps.validateKeys("binaryData", binary, errs);
        total += DataMaps.decodedSize("binaryData", binary, null, errs);
        if (total > DataMaps.MAX_SIZE) {
            // kube reports the size on the empty path, which prints as "[]".
            errs.add(Cause.tooLong("[]", DataMaps.MAX_SIZE));
        }
        return errs;
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        List<Cause> errs = new ArrayList<>();
        DataMaps.validateImmutable(oldObj, newObj, List.of("data", "binaryData"), errs);
        return errs;
    }
}
