package dev.podium.model.crd;

import dev.podium.model.api.Cause;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The CRD schema rules for x-kubernetes-list-type and x-kubernetes-list-map-keys, in kube's order. */
final class SchemaListChecks {
    private static final String SET_ITEMS = "must be atomic as item of a list with x-kubernetes-list-type=set";

    private SchemaListChecks() {}

    static void check(Schema s, String path, List<Cause> errs) {
        String listType = s.listType();
        boolean hasListType = s.has("x-kubernetes-list-type");
        Schema items = s.items();
        if (hasListType && !s.type().equals("array")) {
            String why = "must be array if x-kubernetes-list-type is specified";
            errs.add(s.type().isEmpty() ? Cause.required(path + ".type", why) : SchemaCauses.invalidText(path + ".type", s.type(), why));
        } else if (listType.equals("set") && items != null) {
            if (items.type().equals("array") && items.has("x-kubernetes-list-type") && !items.listType().equals("atomic")) {
                errs.add(SchemaCauses.invalidText(path + ".items.x-kubernetes-list-type", items.listType(), SET_ITEMS));
            } else if (items.type().equals("object") && !items.mapType().equals("atomic")) {
                // kube shows the items' list type here, which is normally unset
                String shown = items.has("x-kubernetes-list-type") ? GoText.quote(items.listType()) : "\"null\"";
                errs.add(SchemaCauses.invalid(path + ".items.x-kubernetes-map-type", shown, SET_ITEMS));
            }
        }
        if (hasListType && !List.of("atomic", "set", "map").contains(listType)) {
            errs.add(SchemaCauses.notSupported(path + ".x-kubernetes-list-type", GoText.quote(listType), List.of("atomic", "set", "map")));
        }
        List<String> keys = s.listMapKeys();
        if (!keys.isEmpty()) {
            String why = "must be map if x-kubernetes-list-map-keys is non-empty";
            if (!hasListType) errs.add(Cause.required(path + ".x-kubernetes-list-type", why));
            else if (!listType.equals("map")) errs.add(SchemaCauses.invalidText(path + ".x-kubernetes-list-type", listType, why));
        }
        if (listType.equals("map")) mapList(s, path, keys, errs);
        if (items != null && (listType.equals("set") || listType.equals("map"))) keysAndNulls(s, path, keys, errs);
    }

    private static void mapList(Schema s, String path, List<String> keys, List<Cause> errs) {
        Schema items = s.items();
        if (keys.isEmpty()) errs.add(Cause.required(path + ".x-kubernetes-list-map-keys", "must not be empty if x-kubernetes-list-type is map"));
        if (!s.has("items")) errs.add(Cause.required(path + ".items", "must have a schema if x-kubernetes-list-type is map"));
        else if (items == null) {
            errs.add(SchemaCauses.invalid(path + ".items", GoPrinting.errorValue(s.node().get("items")), "must only have a single schema if x-kubernetes-list-type is map"));
        }
        if (items == null) return;
        if (!items.type().equals("object")) {
            errs.add(SchemaCauses.invalidText(path + ".items.type", items.type(), "must be object if parent array's x-kubernetes-list-type is map"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String k : keys) {
            Schema key = items.properties().get(k);
            if (key == null) {
                errs.add(SchemaCauses.invalid(path + ".x-kubernetes-list-map-keys", SchemaKeywordChecks.strings(keys), "entries must all be names of item properties"));
            } else if (key.type().equals("array") || key.type().equals("object")) {
                // kube shows the items' type here, not the key's
                errs.add(SchemaCauses.invalidText(StructuralChecks.property(path + ".items", k) + ".type", items.type(),
                        "must be a scalar type if parent array's x-kubernetes-list-type is map"));
            }
            if (!seen.add(k)) errs.add(SchemaCauses.invalid(path + ".x-kubernetes-list-map-keys", SchemaKeywordChecks.strings(keys), "must not contain duplicate entries"));
        }
    }

    /** Set and map items are never null; map keys are required or defaulted, and never null. */
    private static void keysAndNulls(Schema s, String path, List<String> keys, List<Cause> errs) {
        Schema items = s.items();
        if (items.nullable()) errs.add(Cause.forbidden(path + ".items.nullable", "cannot be nullable when x-kubernetes-list-type is " + s.listType()));
        if (!s.listType().equals("map")) return;
        for (String k : keys) {
            Schema key = items.properties().get(k);
            if (key == null) continue;
            String at = StructuralChecks.property(path + ".items", k);
            if (!items.required().contains(k) && !key.has("default")) {
                errs.add(Cause.required(at + ".default", "this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property"));
            }
            if (key.nullable()) errs.add(Cause.forbidden(at + ".nullable", "this property is in x-kubernetes-list-map-keys, so it cannot be nullable"));
        }
    }
}
