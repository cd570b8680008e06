package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The ports of Endpoints subsets and EndpointSlices: protocol defaulted to TCP, then kube's checks. */
final class EndpointPorts {
    private EndpointPorts() {}

    static void defaultProtocols(List<ObjectNode> ports) {
        for (ObjectNode p : ports) if (Nodes.str(p, "protocol").isEmpty()) p.put("protocol", "TCP");
    }

    /** kube's validateEndpointPort: a name (required when there are several), the port, the protocol. */
    static List<Cause> validate(List<ObjectNode> ports, String path, boolean portRequired) {
        List<Cause> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            errs.addAll(ServiceValidation.portFields(ports.get(i), portRequired && ports.size() > 1, portRequired, names, path + "[" + i + "]"));
        }
        return errs;
    }
}
