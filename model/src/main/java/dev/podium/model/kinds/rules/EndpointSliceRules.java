package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * discovery.k8s.io/v1 EndpointSlice, kube's ValidateEndpointSlice: an immutable addressType, at
 * most 1,000 endpoints of 1 to 100 addresses each, at most 100 ports.
 */
public final class EndpointSliceRules implements KindRules {
    private static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");
    private static final int MAX_ENDPOINTS = 1000;
    private static final int MAX_ADDRESSES = 100;
    private static final int MAX_PORTS = 20_000;

    @Override
    public void applyDefaults(ObjectNode obj) {
        EndpointPorts.defaultProtocols(Nodes.objects(obj, "ports"));
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        List<Cause> errs = new ArrayList<>();
        String type = Nodes.str(obj, "addressType");
        if (type.isEmpty()) errs.add(Cause.required("addressType"));
        else if (!ADDRESS_TYPES.contains(type)) errs.add(Cause.notSupported("addressType", type, ADDRESS_TYPES));
        List<ObjectNode> endpoints = Nodes.objects(obj, "endpoints");
        if (endpoints.size() > MAX_ENDPOINTS) errs.add(Cause.tooMany("endpoints", endpoints.size(), MAX_ENDPOINTS));
        for (int i = 0; i < endpoints.size(); i++) {
            String path = "endpoints[" + i + "].addresses";
            List<String> addresses = Nodes.strings(endpoints.get(i), "addresses");
            if (addresses.isEmpty()) errs.add(Cause.required(path, "must contain at least 1 address"));
            if (addresses.size() > MAX_ADDRESSES) errs.add(Cause.tooMany(path, addresses.size(), MAX_ADDRESSES));
            for (int j = 0; j < addresses.size() && (type.equals("IPv4") || type.equals("IPv6")); j++) {
                String ip = addresses.get(j);
                boolean v4 = ip.contains(".") && !ip.contains(":");
                if (IpAddresses.canonical(ip).isEmpty() || v4 != type.equals("IPv4")) {
                    errs.add(Cause.invalid(path + "[" + j + "]", ip, "must be a valid " + type + " address"));
                }
            }
        }
        List<ObjectNode> ports = Nodes.objects(obj, "ports");
        if (ports.size() > MAX_PORTS) errs.add(Cause.tooMany("ports", ports.size(), MAX_PORTS));
        errs.addAll(EndpointPorts.validate(ports, "ports", false));
        return errs;
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        String type = Nodes.str(newObj, "addressType");
        if (Objects.equals(Nodes.str(oldObj, "addressType"), type)) return List.of();
        return List.of(Cause.invalid("addressType", type, "field is immutable"));
    }
}
