package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** ValidatingAdmissionPolicies: NAME VALIDATIONS PARAMKIND AGE; their bindings: NAME POLICYNAME PARAMREF AGE. */
final class AdmissionPolicyColumns implements KindPrinter {
    static final AdmissionPolicyColumns POLICIES = new AdmissionPolicyColumns(false);
    static final AdmissionPolicyColumns BINDINGS = new AdmissionPolicyColumns(true);
    private final boolean bindings;

    private AdmissionPolicyColumns(boolean bindings) {
        this.bindings = bindings;
    }

    @Override
    public List<Column> columns() {
        if (bindings) {
            return List.of(Column.nameColumn(), Column.text("PolicyName", "The name of the ValidatingAdmissionPolicy this binding binds."),
                    Column.text("ParamRef", "The resource used to configure the policy."), Column.ageColumn());
        }
        return List.of(Column.nameColumn(), Column.integer("Validations", "The number of validations of the policy."),
                Column.text("ParamKind", "The kind of the resources that configure the policy."), Column.ageColumn());
    }

    @Override
    public ArrayNode cells(ObjectNode o, Instant now) {
        JsonNode spec = o.path("spec");
        ArrayNode cells = Json.MAPPER.createArrayNode().add(Fields.text(o, "metadata", "name"));
        if (bindings) {
            cells.add(spec.path("policyName").asText("")).add(paramRef(spec.path("paramRef")));
        } else {
            JsonNode kind = spec.path("paramKind");
            cells.add((long) spec.path("validations").size()).add(kind.isObject() ? kind.path("apiVersion").asText() + "/" + kind.path("kind").asText() : "<unset>");
        }
        return cells.add(HumanDuration.since(Fields.at(o, "metadata", "creationTimestamp"), now));
    }

    private static String paramRef(JsonNode ref) {
        if (!ref.isObject()) return "<unset>";
        String name = ref.path("name").asText("");
        String namespace = ref.path("namespace").asText("");
        String target = name.isEmpty() ? "*" : name;
        return namespace.isEmpty() ? target : namespace + "/" + target;
    }
}
