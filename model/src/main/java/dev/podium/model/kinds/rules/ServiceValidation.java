package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;
import dev.podium.model.validation.ObjectMetaValidation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.podium.model.kinds.rules.ServiceRules.CLUSTER_IP;
import static dev.podium.model.kinds.rules.ServiceRules.EXTERNAL_NAME;
import static dev.podium.model.kinds.rules.ServiceRules.LOAD_BALANCER;
import static dev.podium.model.kinds.rules.ServiceRules.NODE_PORT;

/** kube's ValidateService, for the parts that apply without IP allocation. */
final class ServiceValidation {
    static final List<String> TYPES = List.of(CLUSTER_IP, EXTERNAL_NAME, LOAD_BALANCER, NODE_PORT);
    static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final int KUBELET_PORT = 10250;
    private static final int MAX_CLIENT_IP_TIMEOUT = 86400;

    private ServiceValidation() {}

    static List<Cause> validate(ObjectNode obj) {
        List<Cause> errs = new ArrayList<>();
        JsonNode spec = obj.get("spec");
        String type = Nodes.str(spec, "type");
        List<ObjectNode> ports = Nodes.objects(spec, "ports");
        boolean headless = Nodes.str(spec, "clusterIP").equals("None");
        if (ports.isEmpty() && !headless && !type.equals(EXTERNAL_NAME)) errs.add(Cause.required("spec.ports"));

        switch (type) {
            case LOAD_BALANCER -> {
                if (headless) errs.add(Cause.invalid("spec.clusterIPs[0]", "None", "may not be set to 'None' for LoadBalancer services"));
                for (int i = 0; i < ports.size(); i++) {
                    Long port = Nodes.integer(ports.get(i), "port");
                    if (port != null && port == KUBELET_PORT) {
                        errs.add(Cause.invalid(Causes.index("spec.ports", i), port, "may not expose port " + KUBELET_PORT + " externally since it is used by kubelet"));
                    }
                }
            }
            case NODE_PORT -> {
                if (headless) errs.add(Cause.invalid("spec.clusterIPs[0]", "None", "may not be set to 'None' for NodePort services"));
            }
            case EXTERNAL_NAME -> {
                if (!Nodes.isEmpty(spec, "clusterIPs")) errs.add(Cause.forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
                if (!Nodes.isEmpty(spec, "ipFamilies")) errs.add(Cause.forbidden("spec.ipFamilies", "may not be set for ExternalName services"));
                if (!Nodes.isEmpty(spec, "ipFamilyPolicy")) errs.add(Cause.forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services"));
                String cname = Nodes.str(spec, "externalName");
                if (cname.endsWith(".")) cname = cname.substring(0, cname.length() - 1);
                if (cname.isEmpty()) errs.add(Cause.required("spec.externalName"));
                else errs.addAll(Causes.invalidEach("spec.externalName", cname, NameValidation.dns1123Subdomain(cname)));
            }
            default -> { }
        }

        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) errs.addAll(port(ports.get(i), ports.size() > 1, names, Causes.index("spec.ports", i)));

        if (Nodes.obj(spec, "selector") != null) {
            errs.addAll(ObjectMetaValidation.validateLabels(Nodes.stringMap(spec, "selector"), "spec.selector"));
        }
        errs.addAll(sessionAffinity(spec));
        if (!type.equals(EXTERNAL_NAME)) errs.addAll(clusterIPs(spec));

        if (type.isEmpty()) errs.add(Cause.required("spec.type"));
        else if (!TYPES.contains(type)) errs.add(Cause.notSupported("spec.type", type, TYPES));

        if (type.equals(CLUSTER_IP)) {
            for (int i = 0; i < ports.size(); i++) {
                Long np = Nodes.integer(ports.get(i), "nodePort");
                if (np != null && np != 0) errs.add(Cause.forbidden(Causes.index("spec.ports", i) + ".nodePort", "may not be used when `type` is 'ClusterIP'"));
            }
        }
        Set<String> nodePorts = new HashSet<>();
        Set<String> portKeys = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ObjectNode p = ports.get(i);
            String protocol = Nodes.str(p, "protocol");
            Long np = Nodes.integer(p, "nodePort");
            if (np != null && np != 0 && !nodePorts.add(protocol + "/" + np)) errs.add(Cause.duplicate(Causes.index("spec.ports", i) + ".nodePort", np));
            Long port = Nodes.integer(p, "port");
            if (!portKeys.add(protocol + "/" + port)) {
                // kube prints the (protocol, port) key struct with %#v.
                errs.add(new Cause("FieldValueDuplicate", Causes.index("spec.ports", i), "Duplicate value: core.ServicePort{Name:\"\", Protocol:\""
                        + protocol + "\", AppProtocol:(*string)(nil), Port:" + port + ", TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}"));
            }
        }
        errs.addAll(trafficPolicies(spec, type));
        return errs;
    }

    private static List<Cause> port(ObjectNode p, boolean requireName, Set<String> names, String path) {
        List<Cause> errs = portFields(p, requireName, true, names, path);
        JsonNode target = p.get("targetPort");
        if (target != null && target.isTextual()) {
            errs.addAll(Causes.invalidEach(path + ".targetPort", target.asText(), NameValidation.portName(target.asText())));
        } else if (target != null && target.isNumber()) {
            errs.addAll(Causes.invalidEach(path + ".targetPort", target.asLong(), NameValidation.portNumber(target.asLong())));
        }
        return errs;
    }

    /** What a Service port, an Endpoints port and an EndpointSlice port check alike: name, port number, protocol, appProtocol. */
    static List<Cause> portFields(ObjectNode p, boolean requireName, boolean requirePort, Set<String> names, String path) {
        List<Cause> errs = new ArrayList<>();
        String name = Nodes.str(p, "name");
        if (requireName && name.isEmpty()) {
            errs.add(Cause.required(path + ".name"));
        } else if (!name.isEmpty()) {
            errs.addAll(Causes.invalidEach(path + ".name", name, NameValidation.dns1123Label(name)));
            if (!names.add(name)) errs.add(Cause.duplicate(path + ".name", name));
        }
        Long port = Nodes.integer(p, "port");
        if (port != null || requirePort) {
            long portValue = port == null ? 0 : port;
            errs.addAll(Causes.invalidEach(path + ".port", portValue, NameValidation.portNumber(portValue)));
        }
        String protocol = Nodes.str(p, "protocol");
        if (protocol.isEmpty()) errs.add(Cause.required(path + ".protocol"));
        else if (!PROTOCOLS.contains(protocol)) errs.add(Cause.notSupported(path + ".protocol", protocol, PROTOCOLS));
        String appProtocol = Nodes.text(p, "appProtocol");
        if (appProtocol != null) errs.addAll(Causes.invalidEach(path + ".appProtocol", appProtocol, NameValidation.qualifiedName(appProtocol)));
        return errs;
    }

    private static List<Cause> sessionAffinity(JsonNode spec) {
        List<Cause> errs = new ArrayList<>();
        String affinity = Nodes.str(spec, "sessionAffinity");
        if (affinity.isEmpty()) errs.add(Cause.required("spec.sessionAffinity"));
        else if (!List.of("ClientIP", "None").contains(affinity)) errs.add(Cause.notSupported("spec.sessionAffinity", affinity, List.of("ClientIP", "None")));
        if (affinity.equals("ClientIP")) {
            JsonNode clientIP = spec.path("sessionAffinityConfig").get("clientIP");
            Long timeout = Nodes.integer(clientIP, "timeoutSeconds");
            if (clientIP == null) {
                errs.add(Cause.required("spec.sessionAffinityConfig.clientIP"));
            } else if (timeout == null) {
                errs.add(Cause.required("spec.sessionAffinityConfig.clientIP.timeoutSeconds"));
            } else if (timeout <= 0 || timeout > MAX_CLIENT_IP_TIMEOUT) {
                errs.add(Cause.invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout,
                        "must be greater than 0 and less than or equal to " + MAX_CLIENT_IP_TIMEOUT));
            }
        } else if (affinity.equals("None") && !Nodes.isEmpty(spec, "sessionAffinityConfig")) {
            errs.add(Cause.forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None"));
        }
        return errs;
    }

    private static List<Cause> clusterIPs(JsonNode spec) {
        List<Cause> errs = new ArrayList<>();
        String clusterIP = Nodes.str(spec, "clusterIP");
        List<String> ips = Nodes.strings(spec, "clusterIPs");
        if (!clusterIP.isEmpty() && !ips.isEmpty() && !clusterIP.equals(ips.get(0))) {
            errs.add(Causes.invalidRendered("spec.clusterIPs", Causes.goStrings(ips), "first value must match `clusterIP`"));
        }
        for (int i = 0; i < ips.size(); i++) {
            String ip = ips.get(i);
            if (i == 0 && ip.equals("None")) {
                if (ips.size() > 1) errs.add(Causes.invalidRendered("spec.clusterIPs", Causes.goStrings(ips), "'None' must be the first and only value"));
                continue;
            }
            if (!IpAddresses.isValid(ip)) errs.add(Cause.invalid(Causes.index("spec.clusterIPs", i), ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
        }
        String policy = Nodes.text(spec, "ipFamilyPolicy");
        List<String> policies = List.of("PreferDualStack", "RequireDualStack", "SingleStack");
        if (policy != null && !policies.contains(policy)) errs.add(Cause.notSupported("spec.ipFamilyPolicy", policy, policies));
        List<String> families = Nodes.strings(spec, "ipFamilies");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < families.size(); i++) {
            String f = families.get(i);
            String p = Causes.index("spec.ipFamilies", i);
            if (!f.equals("IPv4") && !f.equals("IPv6")) errs.add(Cause.notSupported(p, f, List.of("IPv4", "IPv6")));
            else if (!seen.add(f)) errs.add(Cause.duplicate(p, f));
        }
        if (families.size() > 2) errs.add(Causes.invalidRendered("spec.ipFamilies", Causes.goStrings(families), "may not have more than 2 entries"));
        if ("SingleStack".equals(policy) && ips.size() > 1) {
            errs.add(Causes.invalidRendered("spec.clusterIPs", Causes.goStrings(ips), "must have at most 1 value when `ipFamilyPolicy` is 'SingleStack'"));
        }
        return errs;
    }

    private static List<Cause> trafficPolicies(JsonNode spec, String type) {
        List<Cause> errs = new ArrayList<>();
        String etp = Nodes.str(spec, "externalTrafficPolicy");
        if (!ServiceRules.externallyAccessible(spec)) {
            if (!etp.isEmpty()) errs.add(Cause.invalid("spec.externalTrafficPolicy", etp, "may only be set for externally-accessible services"));
        } else if (etp.isEmpty()) {
            errs.add(Cause.required("spec.externalTrafficPolicy"));
        } else if (!etp.equals("Cluster") && !etp.equals("Local")) {
            errs.add(Cause.notSupported("spec.externalTrafficPolicy", etp, List.of("Cluster", "Local")));
        }
        Long hc = Nodes.integer(spec, "healthCheckNodePort");
        if (hc != null && hc != 0 && !ServiceRules.needsHealthCheckNodePort(spec)) {
            errs.add(Cause.invalid("spec.healthCheckNodePort", hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
        }
        String itp = Nodes.text(spec, "internalTrafficPolicy");
        if (itp == null) {
            if (type.equals(NODE_PORT) || type.equals(LOAD_BALANCER) || type.equals(CLUSTER_IP)) {
                errs.add(Cause.required("spec.internalTrafficPolicy", "must be specified when `type` is '" + type + "'"));
            }
        } else if (!itp.equals("Cluster") && !itp.equals("Local")) {
            errs.add(Cause.notSupported("spec.internalTrafficPolicy", itp, List.of("Cluster", "Local")));
        }
        return errs;
    }
}
