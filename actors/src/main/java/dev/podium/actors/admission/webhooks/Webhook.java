package dev.podium.actors.admission.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.selectors.LabelSelector;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;

/**
 * One webhook of a Mutating- or ValidatingWebhookConfiguration, as stored (validated and
 * defaulted by the configuration's entity). {@code caBundle} is the field's base64 text, "" for
 * none; {@code matchConditions} the field's array, empty when unset.
 */
record Webhook(String configuration, String name, boolean mutating, List<Rule> rules, boolean failOpen, boolean equivalentMatch,
               LabelSelector namespaceSelector, LabelSelector objectSelector, String sideEffects, int timeoutSeconds,
               List<String> reviewVersions, Target target, String caBundle, boolean reinvokeIfNeeded,
               ArrayNode matchConditions) {

    static List<Webhook> of(ObjectNode configuration, boolean mutating) {
        String config = configuration.path("metadata").path("name").asText();
        List<Webhook> out = new ArrayList<>();
        for (ObjectNode hook : Nodes.objects(configuration, "webhooks")) {
            ObjectNode cc = Nodes.obj(hook, "clientConfig");
            out.add(new Webhook(config, Nodes.str(hook, "name"), mutating,
                    Nodes.objects(hook, "rules").stream().map(Rule::of).toList(),
                    "Ignore".equals(Nodes.text(hook, "failurePolicy")),
                    !"Exact".equals(Nodes.text(hook, "matchPolicy")),
                    selector(hook.get("namespaceSelector")), selector(hook.get("objectSelector")),
                    Nodes.str(hook, "sideEffects"), timeout(hook), Nodes.strings(hook, "admissionReviewVersions"),
                    target(cc), Nodes.str(cc, "caBundle"), "IfNeeded".equals(Nodes.text(hook, "reinvocationPolicy")),
                    conditions(hook)));
        }
        return out;
    }

    /** The identity kube's reinvocation bookkeeping uses. */
    String uid() {
        return configuration + "/" + name;
    }

    private static Target target(ObjectNode cc) {
        ObjectNode service = Nodes.obj(cc, "service");
        if (service == null) return new Target.Url(Nodes.str(cc, "url"));
        Long port = Nodes.integer(service, "port");
        return new Target.ServiceRef(Nodes.str(service, "namespace"), Nodes.str(service, "name"), Nodes.str(service, "path"),
                port == null ? 443 : port.intValue());
    }

    /** An absent selector is the defaulted {}: everything. */
    private static LabelSelector selector(JsonNode selector) {
        return selector == null || selector.isNull() ? LabelSelector.everything() : LabelSelector.fromObject(selector);
    }

    private static ArrayNode conditions(ObjectNode hook) {
        ArrayNode conditions = Nodes.arr(hook, "matchConditions");
        return conditions == null ? JsonNodeFactory.instance.arrayNode() : conditions;
    }

    private static int timeout(ObjectNode hook) {
        Long t = Nodes.integer(hook, "timeoutSeconds");
        return t == null ? 10 : t.intValue();
    }
}
