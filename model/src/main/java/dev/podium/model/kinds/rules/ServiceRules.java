package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.JsonCompare;
import dev.podium.model.validation.Nodes;
import dev.podium.model.validation.UpdatePreparation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Defaulting, update handling and field selectors for Service; validation is in
 * {@link ServiceValidation}. Allocating cluster IPs and node ports is the registry's job.
 */
public final class ServiceRules implements KindRules, UpdatePreparation {
    static final String CLUSTER_IP = "ClusterIP";
    static final String NODE_PORT = "NodePort";
    static final String LOAD_BALANCER = "LoadBalancer";
    static final String EXTERNAL_NAME = "ExternalName";
    static final int DEFAULT_CLIENT_IP_TIMEOUT = 10800;
    private static final Map<String, Function<JsonNode, String>> FIELD_SELECTORS = Map.of(
            "spec.clusterIP", o -> Nodes.str(o.get("spec"), "clusterIP"),
            "spec.type", o -> Nodes.str(o.get("spec"), "type"));

    @Override
    public void applyDefaults(ObjectNode obj) {
        ObjectNode spec = Nodes.child(obj, "spec");
        Nodes.putIfAbsent(spec, "sessionAffinity", "None");
        String affinity = Nodes.str(spec, "sessionAffinity");
        if (affinity.equals("None")) {
            spec.remove("sessionAffinityConfig");
        } else if (affinity.equals("ClientIP") && Nodes.integer(spec.path("sessionAffinityConfig").get("clientIP"), "timeoutSeconds") == null) {
            Nodes.child(Nodes.child(spec, "sessionAffinityConfig"), "clientIP").put("timeoutSeconds", DEFAULT_CLIENT_IP_TIMEOUT);
        }
        Nodes.putIfAbsent(spec, "type", CLUSTER_IP);
        String type = Nodes.str(spec, "type");
        for (ObjectNode port : Nodes.objects(spec, "ports")) {
            Nodes.putIfAbsent(port, "protocol", "TCP");
            JsonNode target = port.get("targetPort");
            boolean unset = target == null || target.isNull() || (target.isNumber() && target.asLong() == 0)
                    || (target.isTextual() && target.asText().isEmpty());
            if (unset && port.get("port") != null) port.set("targetPort", port.get("port").deepCopy());
        }
        if (externallyAccessible(spec)) Nodes.putIfAbsent(spec, "externalTrafficPolicy", "Cluster");
        if (type.equals(CLUSTER_IP) || type.equals(NODE_PORT) || type.equals(LOAD_BALANCER)) {
            Nodes.putIfAbsent(spec, "internalTrafficPolicy", "Cluster");
        }
        if (type.equals(LOAD_BALANCER)) Nodes.putIfAbsent(spec, "allocateLoadBalancerNodePorts", true);
        String clusterIP = Nodes.str(spec, "clusterIP");
        if (!clusterIP.isEmpty() && Nodes.isEmpty(spec, "clusterIPs")) spec.putArray("clusterIPs").add(clusterIP);
        if (!type.equals(EXTERNAL_NAME)) {
            Nodes.putIfAbsent(spec, "ipFamilyPolicy", "SingleStack");
            if (Nodes.isEmpty(spec, "ipFamilies")) spec.putArray("ipFamilies").add(clusterIP.contains(":") ? "IPv6" : "IPv4");
        }
    }

    /**
     * As kube's patchAllocatedValues and dropTypeDependentFields: values the registry allocated
     * survive an update that leaves them out, and are dropped when the new type has no use for them.
     */
    @Override
    public void prepareForUpdate(ObjectNode oldObj, ObjectNode newObj) {
        ObjectNode oldSpec = Nodes.child(oldObj, "spec");
        ObjectNode spec = Nodes.child(newObj, "spec");
        if (needsClusterIP(oldSpec) && needsClusterIP(spec)) {
            if (Nodes.isEmpty(spec, "clusterIP") && !Nodes.isEmpty(oldSpec, "clusterIP")) spec.set("clusterIP", oldSpec.get("clusterIP").deepCopy());
            if (Nodes.isEmpty(spec, "clusterIPs") && !Nodes.isEmpty(oldSpec, "clusterIPs")) spec.set("clusterIPs", oldSpec.get("clusterIPs").deepCopy());
        }
        normalizeClusterIPs(oldSpec, spec);
        if (needsNodePort(oldSpec) && needsNodePort(spec)) carryNodePorts(oldSpec, spec);
        if (Nodes.integer(spec, "healthCheckNodePort") == null && Nodes.integer(oldSpec, "healthCheckNodePort") != null
                && needsHealthCheckNodePort(oldSpec) && needsHealthCheckNodePort(spec)) {
            spec.set("healthCheckNodePort", oldSpec.get("healthCheckNodePort").deepCopy());
        }
        if (needsClusterIP(oldSpec) && !needsClusterIP(spec)) {
            for (String f : List.of("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy")) {
                if (JsonCompare.semanticEquals(oldSpec.get(f), spec.get(f))) spec.remove(f);
            }
        }
        if (needsNodePort(oldSpec) && !needsNodePort(spec) && sameNodePorts(oldSpec, spec)) {
            for (ObjectNode p : Nodes.objects(spec, "ports")) p.remove("nodePort");
        }
        if (Nodes.str(oldSpec, "type").equals(LOAD_BALANCER) && !Nodes.str(spec, "type").equals(LOAD_BALANCER)
                && JsonCompare.semanticEquals(oldSpec.get("allocateLoadBalancerNodePorts"), spec.get("allocateLoadBalancerNodePorts"))) {
            spec.remove("allocateLoadBalancerNodePorts");
        }
        if (externallyAccessible(oldSpec) && !externallyAccessible(spec)
                && JsonCompare.semanticEquals(oldSpec.get("externalTrafficPolicy"), spec.get("externalTrafficPolicy"))) {
            spec.remove("externalTrafficPolicy");
        }
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        return ServiceValidation.validate(obj);
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        List<Cause> errs = new ArrayList<>();
        JsonNode oldSpec = oldObj.get("spec");
        JsonNode spec = newObj.get("spec");
        if (Nodes.str(spec, "type").equals(EXTERNAL_NAME) || Nodes.str(oldSpec, "type").equals(EXTERNAL_NAME)) return errs;
        boolean oldHeadless = Nodes.str(oldSpec, "clusterIP").equals("None");
        boolean newHeadless = Nodes.str(spec, "clusterIP").equals("None");
        if (oldHeadless && newHeadless) return errs;
        List<String> oldIPs = Nodes.strings(oldSpec, "clusterIPs");
        List<String> newIPs = Nodes.strings(spec, "clusterIPs");
        String shown = Causes.goStrings(newIPs);
        if (oldIPs.size() == newIPs.size()) {
            for (int i = 0; i < oldIPs.size(); i++) {
                if (!oldIPs.get(i).equals(newIPs.get(i))) errs.add(Causes.invalidRendered(Causes.index("spec.clusterIPs", i), shown, "may not change once set"));
            }
        } else if (oldIPs.size() > newIPs.size()) {
            if (newIPs.isEmpty()) errs.add(Causes.invalidRendered("spec.clusterIPs[0]", shown, "primary clusterIP can not be unset"));
            else if (!newIPs.get(0).equals(oldIPs.get(0))) errs.add(Causes.invalidRendered("spec.clusterIPs[0]", shown, "may not change once set"));
            if (newIPs.size() == 1 && !Nodes.str(spec, "ipFamilyPolicy").equals("SingleStack")) {
                errs.add(Causes.invalidRendered("spec.clusterIPs[0]", shown, "`ipFamilyPolicy` must be set to 'SingleStack' when releasing the secondary clusterIP"));
            }
        } else if (!oldIPs.isEmpty() && !newIPs.get(0).equals(oldIPs.get(0))) {
            errs.add(Causes.invalidRendered("spec.clusterIPs[0]", shown, "may not change once set"));
        }
        if (oldHeadless == newHeadless) {
            List<String> oldFamilies = Nodes.strings(oldSpec, "ipFamilies");
            List<String> newFamilies = Nodes.strings(spec, "ipFamilies");
            int common = Math.min(oldFamilies.size(), newFamilies.size());
            for (int i = 0; i < common; i++) {
                if (!oldFamilies.get(i).equals(newFamilies.get(i))) {
                    errs.add(Causes.invalidRendered("spec.ipFamilies[0]", Causes.goStrings(newFamilies).replace("[]string", "[]core.IPFamily"), "may not change once set"));
                    break;
                }
            }
        }
        return errs;
    }

    @Override
    public Map<String, Function<JsonNode, String>> fieldSelectors() {
        return FIELD_SELECTORS;
    }

    static boolean externallyAccessible(JsonNode spec) {
        String type = Nodes.str(spec, "type");
        return type.equals(LOAD_BALANCER) || type.equals(NODE_PORT)
                || (type.equals(CLUSTER_IP) && !Nodes.isEmpty(spec, "externalIPs"));
    }

    public static boolean needsClusterIP(JsonNode spec) {
        String type = Nodes.str(spec, "type");
        return type.equals(CLUSTER_IP) || type.equals(NODE_PORT) || type.equals(LOAD_BALANCER);
    }

    public static boolean needsNodePort(JsonNode spec) {
        String type = Nodes.str(spec, "type");
        if (type.equals(NODE_PORT)) return true;
        JsonNode alloc = spec == null ? null : spec.get("allocateLoadBalancerNodePorts");
        return type.equals(LOAD_BALANCER) && (alloc == null || !alloc.isBoolean() || alloc.asBoolean());
    }

    public static boolean needsHealthCheckNodePort(JsonNode spec) {
        return Nodes.str(spec, "type").equals(LOAD_BALANCER) && Nodes.str(spec, "externalTrafficPolicy").equals("Local");
    }

    // kube's normalizeClusterIPs for updates: a changed clusterIP drags an unchanged clusterIPs along.
    private static void normalizeClusterIPs(ObjectNode oldSpec, ObjectNode spec) {
        String oldIP = Nodes.str(oldSpec, "clusterIP");
        String newIP = Nodes.str(spec, "clusterIP");
        boolean sameIPs = JsonCompare.semanticEquals(oldSpec.get("clusterIPs"), spec.get("clusterIPs"));
        if (!Nodes.isEmpty(oldSpec, "clusterIPs") && Nodes.isEmpty(spec, "clusterIPs") && oldIP.equals(newIP)) {
            spec.set("clusterIPs", oldSpec.get("clusterIPs").deepCopy());
        }
        if (oldIP.equals(newIP)) return;
        if (!oldIP.isEmpty() && newIP.isEmpty() && sameIPs) spec.remove("clusterIPs");
        if (!newIP.isEmpty() && sameIPs) spec.putArray("clusterIPs").add(newIP);
    }

    // Node ports are matched by port name; one already used by another new port is not reused.
    private static void carryNodePorts(ObjectNode oldSpec, ObjectNode spec) {
        Set<Long> used = new HashSet<>();
        Set<Long> oldUsed = new HashSet<>();
        for (ObjectNode p : Nodes.objects(oldSpec, "ports")) if (Nodes.integer(p, "nodePort") != null) oldUsed.add(Nodes.integer(p, "nodePort"));
        for (ObjectNode p : Nodes.objects(spec, "ports")) {
            Long np = Nodes.integer(p, "nodePort");
            if (np != null && oldUsed.contains(np)) used.add(np);
        }
        Map<String, Long> byName = new HashMap<>();
        for (ObjectNode p : Nodes.objects(oldSpec, "ports")) {
            Long np = Nodes.integer(p, "nodePort");
            if (np != null) byName.put(Nodes.str(p, "name"), np);
        }
        for (ObjectNode p : Nodes.objects(spec, "ports")) {
            Long np = Nodes.integer(p, "nodePort");
            if (np != null && np != 0) continue;
            Long old = byName.get(Nodes.str(p, "name"));
            if (old != null && !used.contains(old)) p.put("nodePort", old);
        }
    }

    private static boolean sameNodePorts(JsonNode oldSpec, JsonNode spec) {
        List<ObjectNode> a = Nodes.objects(oldSpec, "ports");
        List<ObjectNode> b = Nodes.objects(spec, "ports");
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            if (!JsonCompare.semanticEquals(a.get(i).get("nodePort"), b.get(i).get("nodePort"))) return false;
        }
        return true;
    }
}
