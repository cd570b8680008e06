package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;

/** kube's ValidateIngressSpec: rules, paths, backends, TLS hosts and the class name. */
final class IngressValidation {
    static final List<String> PATH_TYPES = List.of("Exact", "ImplementationSpecific", "Prefix");
    private static final List<String> INVALID_PATH_SEQUENCES = List.of("//", "/./", "/../", "%2f", "%2F");
    private static final List<String> INVALID_PATH_SUFFIXES = List.of("/..", "/.");

    private IngressValidation() {}

    /** What an update still accepts because the stored object already had it (kube's IngressValidationOptions). */
    record Leniency(boolean invalidSecretNames, boolean invalidWildcardRules) {
        static final Leniency NONE = new Leniency(false, false);

        static Leniency forUpdateOf(JsonNode oldSpec) {
            boolean secretNames = Nodes.objects(oldSpec, "tls").stream()
                    .map(t -> Nodes.str(t, "secretName"))
                    .anyMatch(s -> !s.isEmpty() && !NameValidation.dns1123Subdomain(s).isEmpty());
            boolean wildcardRules = Nodes.objects(oldSpec, "rules").stream()
                    .anyMatch(r -> Nodes.str(r, "host").contains("*") && !ruleValue(r, "").isEmpty());
            return new Leniency(secretNames, wildcardRules);
        }
    }

    static List<Cause> spec(JsonNode spec, Leniency leniency) {
        List<Cause> errs = new ArrayList<>();
        List<ObjectNode> rules = Nodes.objects(spec, "rules");
        ObjectNode defaultBackend = Nodes.obj(spec, "defaultBackend");
        if (rules.isEmpty() && defaultBackend == null) {
            // kube shows the rules slice with %#v: nil when absent, empty when sent as [].
            String shown = Nodes.arr(spec, "rules") == null ? "[]networking.IngressRule(nil)" : "[]networking.IngressRule{}";
            errs.add(Causes.invalidRendered("spec", shown, "either `defaultBackend` or `rules` must be specified"));
        }
        if (defaultBackend != null) errs.addAll(backend(defaultBackend, "spec.defaultBackend"));
        for (int i = 0; i < rules.size(); i++) errs.addAll(rule(rules.get(i), Causes.index("spec.rules", i), leniency));
        errs.addAll(tls(Nodes.objects(spec, "tls"), leniency));
        String className = Nodes.text(spec, "ingressClassName");
        if (className != null) {
            errs.addAll(Causes.invalidEach("spec.ingressClassName", className, NameValidation.dns1123Subdomain(className)));
        }
        return errs;
    }

    private static List<Cause> rule(ObjectNode rule, String path, Leniency leniency) {
        List<Cause> errs = new ArrayList<>();
        String host = Nodes.str(rule, "host");
        boolean wildcard = host.contains("*");
        if (!host.isEmpty()) {
            if (IpAddresses.isValidSloppy(host)) errs.add(Cause.invalid(path + ".host", host, "must be a DNS name, not an IP address"));
            errs.addAll(Causes.invalidEach(path + ".host", host, hostErrors(host)));
        }
        if (!wildcard || !leniency.invalidWildcardRules()) errs.addAll(ruleValue(rule, path));
        return errs;
    }

    private static List<String> hostErrors(String host) {
        return host.contains("*") ? NameValidation.wildcardDns1123Subdomain(host) : NameValidation.dns1123Subdomain(host);
    }

    private static List<Cause> ruleValue(ObjectNode rule, String path) {
        ObjectNode http = Nodes.obj(rule, "http");
        if (http == null) return List.of();
        List<Cause> errs = new ArrayList<>();
        List<ObjectNode> paths = Nodes.objects(http, "paths");
        if (paths.isEmpty()) errs.add(Cause.required(path + ".http.paths"));
        for (int j = 0; j < paths.size(); j++) errs.addAll(httpPath(paths.get(j), Causes.index(path + ".http.paths", j)));
        return errs;
    }

    private static List<Cause> httpPath(ObjectNode entry, String path) {
        String type = Nodes.text(entry, "pathType");
        if (type == null) return List.of(Cause.required(path + ".pathType", "pathType must be specified"));
        List<Cause> errs = new ArrayList<>();
        String value = Nodes.str(entry, "path");
        String field = path + ".path";
        switch (type) {
            case "Exact", "Prefix" -> {
                if (!value.startsWith("/")) errs.add(Cause.invalid(field, value, "must be an absolute path"));
                for (String seq : INVALID_PATH_SEQUENCES) {
                    if (value.contains(seq)) errs.add(Cause.invalid(field, value, "must not contain '" + seq + "'"));
                }
                for (String suffix : INVALID_PATH_SUFFIXES) {
                    if (value.endsWith(suffix)) errs.add(Cause.invalid(field, value, "cannot end with '" + suffix + "'"));
                }
            }
            case "ImplementationSpecific" -> {
                if (!value.isEmpty() && !value.startsWith("/")) errs.add(Cause.invalid(field, value, "must be an absolute path"));
            }
            default -> errs.add(Cause.notSupported(path + ".pathType", type, PATH_TYPES));
        }
        // A path's backend is a struct in kube, never nil: absent reads as an empty backend.
        ObjectNode backend = Nodes.obj(entry, "backend");
        errs.addAll(backend(backend == null ? JsonNodeFactory.instance.objectNode() : backend, path + ".backend"));
        return errs;
    }

    static List<Cause> backend(ObjectNode backend, String path) {
        ObjectNode resource = Nodes.obj(backend, "resource");
        ObjectNode service = Nodes.obj(backend, "service");
        if (resource != null && service != null) return List.of(Cause.invalid(path, "", "cannot set both resource and service backends"));
        if (resource != null) return localObjectReference(resource, path + ".resource");
        if (service == null) return List.of(Cause.invalid(path, "", "resource or service backend is required"));
        List<Cause> errs = new ArrayList<>();
        String name = Nodes.str(service, "name");
        if (name.isEmpty()) errs.add(Cause.required(path + ".service.name"));
        else errs.addAll(Causes.invalidEach(path + ".service.name", name, NameValidation.dns1035Label(name)));
        JsonNode port = service.get("port");
        String portName = Nodes.str(port, "name");
        Long number = Nodes.integer(port, "number");
        long portNumber = number == null ? 0 : number;
        if (!portName.isEmpty() && portNumber != 0) {
            errs.add(Cause.invalid(path, "", "cannot set both port name & port number"));
        } else if (!portName.isEmpty()) {
            errs.addAll(Causes.invalidEach(path + ".service.port.name", portName, NameValidation.portName(portName)));
        } else if (portNumber != 0) {
            errs.addAll(Causes.invalidEach(path + ".service.port.number", portNumber, NameValidation.portNumber(portNumber)));
        } else {
            errs.add(Cause.required(path, "port name or number is required"));
        }
        return errs;
    }

    /** A TypedLocalObjectReference: a resource backend, or the first fields of an IngressClass' parameters. */
    static List<Cause> localObjectReference(ObjectNode ref, String path) {
        List<Cause> errs = new ArrayList<>();
        String apiGroup = Nodes.text(ref, "apiGroup");
        if (apiGroup != null) errs.addAll(Causes.invalidEach(path + ".apiGroup", apiGroup, NameValidation.dns1123Subdomain(apiGroup)));
        for (String field : List.of("kind", "name")) {
            String value = Nodes.str(ref, field);
            if (value.isEmpty()) errs.add(Cause.required(path + "." + field));
            else errs.addAll(Causes.invalidEach(path + "." + field, value, NameValidation.pathSegmentName(value, false)));
        }
        return errs;
    }

    private static List<Cause> tls(List<ObjectNode> entries, Leniency leniency) {
        List<Cause> errs = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String path = Causes.index("spec.tls", i);
            List<String> hosts = Nodes.strings(entries.get(i), "hosts");
            for (int j = 0; j < hosts.size(); j++) {
                errs.addAll(Causes.invalidEach(Causes.index(path + ".hosts", j), hosts.get(j), hostErrors(hosts.get(j))));
            }
            String secretName = Nodes.str(entries.get(i), "secretName");
            if (!leniency.invalidSecretNames() && !secretName.isEmpty()) {
                errs.addAll(Causes.invalidEach(path + ".secretName", secretName, NameValidation.dns1123Subdomain(secretName)));
            }
        }
        return errs;
    }

    /** kube's ValidateIngressLoadBalancerStatus. */
    static List<Cause> loadBalancerStatus(JsonNode status) {
        List<Cause> errs = new ArrayList<>();
        List<ObjectNode> ingress = Nodes.objects(Nodes.obj(status, "loadBalancer"), "ingress");
        for (int i = 0; i < ingress.size(); i++) {
            String path = Causes.index("status.loadBalancer.ingress", i);
            String ip = Nodes.str(ingress.get(i), "ip");
            if (!ip.isEmpty() && !IpAddresses.isValidSloppy(ip)) {
                errs.add(Cause.invalid(path + ".ip", ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
            }
            String hostname = Nodes.str(ingress.get(i), "hostname");
            if (!hostname.isEmpty()) {
                errs.addAll(Causes.invalidEach(path + ".hostname", hostname, NameValidation.dns1123Subdomain(hostname)));
                if (IpAddresses.isValidSloppy(hostname)) errs.add(Cause.invalid(path + ".hostname", hostname, "must be a DNS name, not an IP address"));
            }
        }
        return errs;
    }
}
