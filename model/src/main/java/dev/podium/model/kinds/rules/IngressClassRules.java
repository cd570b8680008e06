package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * networking.k8s.io/v1 IngressClass, kube's ValidateIngressClass: a domain-prefixed controller that
 * never changes, and a parameters reference whose scope says whether it names a namespace.
 */
public final class IngressClassRules implements KindRules {
    private static final int MAX_CONTROLLER_LENGTH = 250;
    private static final List<String> SCOPES = List.of("Cluster", "Namespace");
    private static final String HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
    private static final Pattern HTTP_PATH = Pattern.compile(HTTP_PATH_FMT);

    @Override
    public void applyDefaults(ObjectNode obj) {
        ObjectNode parameters = Nodes.obj(obj.get("spec"), "parameters");
        JsonNode scope = parameters == null ? null : parameters.get("scope");
        if (parameters != null && (scope == null || scope.isNull())) parameters.put("scope", "Cluster");
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        JsonNode spec = obj.get("spec");
        List<Cause> errs = new ArrayList<>(controller(Nodes.str(spec, "controller")));
        ObjectNode parameters = Nodes.obj(spec, "parameters");
        if (parameters != null) errs.addAll(parameters(parameters, "spec.parameters"));
        return errs;
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        String controller = Nodes.str(newObj.get("spec"), "controller");
        if (controller.equals(Nodes.str(oldObj.get("spec"), "controller"))) return List.of();
        return List.of(Causes.immutable("spec.controller", controller));
    }

    private static List<Cause> controller(String controller) {
        String field = "spec.controller";
        if (controller.isEmpty()) return List.of(Cause.required(field));
        List<Cause> errs = new ArrayList<>();
        if (controller.length() > MAX_CONTROLLER_LENGTH) errs.add(Cause.tooLong(field, MAX_CONTROLLER_LENGTH));
        errs.addAll(domainPrefixedPath(field, controller));
        return errs;
    }

    /** kube's IsDomainPrefixedPath: a DNS subdomain, a slash, then URL path characters (acme.io/foo). */
    private static List<Cause> domainPrefixedPath(String field, String value) {
        int slash = value.indexOf('/');
        if (slash <= 0 || slash == value.length() - 1) {
            return List.of(Cause.invalid(field, value, "must be a domain-prefixed path (such as \"acme.io/foo\")"));
        }
        String host = value.substring(0, slash);
        String path = value.substring(slash + 1);
        List<Cause> errs = new ArrayList<>(Causes.invalidEach(field, host, NameValidation.dns1123Subdomain(host)));
        if (!HTTP_PATH.matcher(path).matches()) errs.add(Cause.invalid(field, path, NameValidation.regexError("Invalid path", HTTP_PATH_FMT)));
        return errs;
    }

    private static List<Cause> parameters(ObjectNode parameters, String path) {
        List<Cause> errs = new ArrayList<>(IngressValidation.localObjectReference(parameters, path));
        String scope = Nodes.text(parameters, "scope");
        if (scope == null) {
            errs.add(Cause.required(path + ".scope"));
            return errs;
        }
        String namespace = Nodes.text(parameters, "namespace");
        if (!SCOPES.contains(scope)) {
            errs.add(Cause.notSupported(path + ".scope", scope, SCOPES));
        } else if (scope.equals("Namespace")) {
            if (namespace == null) errs.add(Cause.required(path + ".namespace", "`parameters.scope` is set to 'Namespace'"));
            else errs.addAll(Causes.invalidEach(path + ".namespace", namespace, NameValidation.dns1123Label(namespace)));
        } else if (namespace != null) {
            errs.add(Cause.forbidden(path + ".namespace", "`parameters.scope` is set to 'Cluster'"));
        }
        return errs;
    }
}
