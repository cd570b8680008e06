package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.NameValidation;
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
            ObjectNode p = ports.get(i);
            String at = path + "[" + i + "]";
            String name = Nodes.str(p, "name");
            if (ports.size() > 1 && name.isEmpty() && portRequired) errs.add(Cause.required(at + ".name"));
            if (!name.isEmpty()) {
                errs.addAll(Causes.invalidEach(at + ".name", name, NameValidation.dns1123Label(name)));
                if (!names.add(name)) errs.add(Cause.duplicate(at + ".name", name));
            }
            Long port = Nodes.integer(p, "port");
            if (port != null || portRequired) {
                long value = port == null ? 0 : port;
                errs.addAll(Causes.invalidEach(at + ".port", value, NameValidation.portNumber(value)));
            }
            String protocol = Nodes.str(p, "protocol");
            if (!ServiceValidation.PROTOCOLS.contains(protocol)) errs.add(Cause.notSupported(at + ".protocol", protocol, ServiceValidation.PROTOCOLS));
            String appProtocol = Nodes.text(p, "appProtocol");
            if (appProtocol != null) errs.addAll(Causes.invalidEach(at + ".appProtocol", appProtocol, NameValidation.qualifiedName(appProtocol)));
        }
        return errs;
    }
}
