package dev.podium.model.crd;

import dev.podium.model.api.Cause;

import java.util.List;
import java.util.Map;

/**
 * The completeness half of kube's structural check: every property or items that the root
 * schema's junctors (allOf, anyOf, oneOf, not) speak of must also be specified in the schema.
 */
final class StructuralCompleteness {
    private StructuralCompleteness() {}

    static void check(Schema root, String path, List<Cause> errs) {
        junctors(root, root, path, path, errs);
    }

    private static void junctors(Schema v, Schema s, String sPath, String vPath, List<Cause> errs) {
        if (v.not() != null) nested(v.not(), s, sPath, vPath + ".not", errs);
        for (int i = 0; i < v.allOf().size(); i++) nested(v.allOf().get(i), s, sPath, vPath + ".allOf[" + i + "]", errs);
        for (int i = 0; i < v.anyOf().size(); i++) nested(v.anyOf().get(i), s, sPath, vPath + ".anyOf[" + i + "]", errs);
        for (int i = 0; i < v.oneOf().size(); i++) nested(v.oneOf().get(i), s, sPath, vPath + ".oneOf[" + i + "]", errs);
    }

    private static void nested(Schema v, Schema s, String sPath, String vPath, List<Cause> errs) {
        if (v == null) return;
        if (s == null) {
            errs.add(Cause.required(sPath, "because it is defined in " + vPath));
            return;
        }
        junctors(v, s, sPath, vPath, errs);
        nested(v.items(), s.items(), sPath + ".items", vPath + ".items", errs);
        for (Map.Entry<String, Schema> p : v.properties().entrySet()) {
            String sub = StructuralChecks.property(sPath, p.getKey()), vSub = StructuralChecks.property(vPath, p.getKey());
            Schema specified = s.properties().get(p.getKey());
            if (specified == null) errs.add(Cause.required(sub, "because it is defined in " + vSub));
            else nested(p.getValue(), specified, sub, vSub, errs);
        }
    }
}
