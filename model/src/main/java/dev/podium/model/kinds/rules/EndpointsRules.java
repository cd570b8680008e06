package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;

/** core/v1 Endpoints, kube's ValidateEndpoints: each subset's addresses are IPs, its ports valid ports. */
public final class EndpointsRules implements KindRules {
    @Override
    public void applyDefaults(ObjectNode obj) {
        for (ObjectNode subset : Nodes.objects(obj, "subsets")) EndpointPorts.defaultProtocols(Nodes.objects(subset, "ports"));
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        List<Cause> errs = new ArrayList<>();
        List<ObjectNode> subsets = Nodes.objects(obj, "subsets");
        for (int i = 0; i < subsets.size(); i++) {
            String path = "subsets[" + i + "]";
            ObjectNode subset = subsets.get(i);
            List<ObjectNode> ready = Nodes.objects(subset, "addresses");
            List<ObjectNode> notReady = Nodes.objects(subset, "notReadyAddresses");
            if (ready.isEmpty() && notReady.isEmpty()) {
                errs.add(Cause.required(path, "must specify `addresses` or `notReadyAddresses`"));
            }
            addresses(errs, ready, path + ".addresses");
            addresses(errs, notReady, path + ".notReadyAddresses");
            errs.addAll(EndpointPorts.validate(Nodes.objects(subset, "ports"), path + ".ports", true));
        }
        return errs;
    }

    private static void addresses(List<Cause> errs, List<ObjectNode> addresses, String path) {
        for (int j = 0; j < addresses.size(); j++) {
            String ip = Nodes.str(addresses.get(j), "ip");
            String at = path + "[" + j + "].ip";
            if (ip.isEmpty()) errs.add(Cause.required(at));
            else if (IpAddresses.canonical(ip).isEmpty()) errs.add(Cause.invalid(at, ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
        }
    }
}
