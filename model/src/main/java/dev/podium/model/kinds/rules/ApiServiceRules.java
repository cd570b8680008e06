package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.NameValidation;

import java.util.ArrayList;
import java.util.List;

/**
 * apiregistration.k8s.io/v1 APIService: a group-version served locally (no service) or by an
 * extension server behind a Service, with the priorities discovery orders them by.
 */
public final class ApiServiceRules implements KindRules {

    @Override
    public void applyDefaults(ObjectNode obj) {
        JsonNode service = obj.path("spec").path("service");
        if (service.isObject() && !service.has("port")) ((ObjectNode) service).put("port", 443);
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        List<Cause> errs = new ArrayList<>();
        JsonNode spec = obj.path("spec");
        String group = spec.path("group").asText("");
        String version = spec.path("version").asText("");
        String name = obj.path("metadata").path("name").asText("");
        if (!name.equals(version + "." + group)) errs.add(Cause.invalid("metadata.name", name, "must be `spec.version+\".\"+spec.group`"));
        if (group.isEmpty() && !version.equals("v1")) {
            errs.add(Cause.required("spec.group", "only v1 may have an empty group and it better be legacy kube"));
        } else if (!group.isEmpty()) {
            NameValidation.dns1123Subdomain(group).forEach(m -> errs.add(Cause.invalid("spec.group", group, m)));
        }
        if (version.isEmpty()) errs.add(Cause.required("spec.version"));
        else NameValidation.dns1035Label(version).forEach(m -> errs.add(Cause.invalid("spec.version", version, m)));
        priority(spec, "groupPriorityMinimum", 20000, errs);
        priority(spec, "versionPriority", 1000, errs);
        JsonNode service = spec.path("service");
        boolean skipVerify = spec.path("insecureSkipTLSVerify").asBoolean(false);
        boolean caBundle = !spec.path("caBundle").asText("").isEmpty();
        if (!service.isObject()) {
            if (caBundle) errs.add(Cause.invalid("spec.caBundle", "[" + spec.path("caBundle").asText().length() + "]byte", "local APIServices may not have a caBundle"));
            if (skipVerify) errs.add(Cause.invalid("spec.insecureSkipTLSVerify", true, "local APIServices may not have insecureSkipTLSVerify"));
            return errs;
        }
        if (service.path("namespace").asText("").isEmpty()) errs.add(Cause.required("spec.service.namespace"));
        if (service.path("name").asText("").isEmpty()) errs.add(Cause.required("spec.service.name"));
        int port = service.path("port").asInt(443);
        if (port < 1 || port > 65535) errs.add(Cause.invalid("spec.service.port", port, "must be a valid port number"));
        if (skipVerify && caBundle) errs.add(Cause.invalid("spec.insecureSkipTLSVerify", true, "may not be true if caBundle is present"));
        return errs;
    }

    private static void priority(JsonNode spec, String field, int bound, List<Cause> errs) {
        long value = spec.path(field).asLong(0);
        if (value <= 0 || value > bound) {
            errs.add(Cause.invalid("spec." + field, value, "must be positive and less than " + bound));
        }
    }
}
