package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * structuraldefaulting.Default: absent properties (and nulls the schema does not allow) take their
 * schema's default, and defaulting continues inside the values, including the defaults just set.
 * A null item or map value the schema does not allow takes the items' or values' default, but
 * that default is not defaulted further, as in kube.
 */
final class SchemaDefaults {
    private SchemaDefaults() {}

    static void apply(JsonNode x, Schema s) {
        if (s == null) return;
        if (x instanceof ObjectNode obj) {
            for (Map.Entry<String, Schema> p : s.properties().entrySet()) {
                JsonNode d = p.getValue().defaultValue();
                if (d == null) continue;
                if (!obj.has(p.getKey()) || nonNullableNull(obj.get(p.getKey()), p.getValue())) obj.set(p.getKey(), d.deepCopy());
            }
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) keys.add(it.next());
            for (String k : keys) {
                JsonNode v = obj.get(k);
                Schema prop = s.properties().get(k);
                Schema values = s.additionalProperties();
                if (prop != null) {
                    apply(v, prop);
                } else if (values != null) {
                    if (nonNullableNull(v, values) && values.defaultValue() != null) obj.set(k, values.defaultValue().deepCopy());
                    apply(v, values);
                }
            }
        } else if (x instanceof ArrayNode list) {
            Schema items = s.items();
            for (int i = 0; i < list.size(); i++) {
                JsonNode v = list.get(i);
                if (nonNullableNull(v, items) && items.defaultValue() != null) list.set(i, items.defaultValue().deepCopy());
                apply(v, items);
            }
        }
    }

    static boolean nonNullableNull(JsonNode v, Schema s) {
        return v != null && v.isNull() && s != null && !s.nullable();
    }
}
