package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;
import dev.podium.model.validation.Quantities;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One container of a pod, as kube's validateContainerCommon. */
final class ContainerValidation {
    static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    static final List<String> PORT_PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final List<String> MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");
    private static final List<String> STANDARD_CONTAINER_RESOURCES = List.of("cpu", "memory", "ephemeral-storage");
    private static final List<String> PROBE_HANDLERS = List.of("exec", "httpGet", "tcpSocket", "grpc");
    private static final List<String> ENV_FIELD_PATHS = List.of("metadata.annotations", "metadata.labels", "metadata.name",
            "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs",
            "status.podIP", "status.podIPs");

    private ContainerValidation() {}

    static List<Cause> validate(ObjectNode c, String path, Set<String> volumes, boolean init) {
        List<Cause> errs = new ArrayList<>();
        String name = Nodes.str(c, "name");
        if (name.isEmpty()) errs.add(Cause.required(path + ".name"));
        else errs.addAll(Causes.invalidEach(path + ".name", name, NameValidation.dns1123Label(name)));
        if (Nodes.str(c, "image").isEmpty()) errs.add(Cause.required(path + ".image"));

        String restartPolicy = Nodes.text(c, "restartPolicy");
        if (restartPolicy != null && !init) {
            errs.add(Cause.forbidden(path + ".restartPolicy", "may not be set for non-init containers"));
        } else if (restartPolicy != null && !restartPolicy.equals("Always")) {
            errs.add(Cause.notSupported(path + ".restartPolicy", restartPolicy, List.of("Always")));
        }

        String messagePolicy = Nodes.str(c, "terminationMessagePolicy");
        if (messagePolicy.isEmpty()) {
            errs.add(Cause.required(path + ".terminationMessagePolicy", "must be 'File' or 'FallbackToLogsOnError'"));
        } else if (!MESSAGE_POLICIES.contains(messagePolicy)) {
            errs.add(Cause.notSupported(path + ".terminationMessagePolicy", messagePolicy, MESSAGE_POLICIES));
        }

        errs.addAll(ports(Nodes.objects(c, "ports"), path + ".ports"));
        errs.addAll(env(Nodes.objects(c, "env"), path + ".env"));
        errs.addAll(envFrom(Nodes.objects(c, "envFrom"), path + ".envFrom"));
        errs.addAll(volumeMounts(Nodes.objects(c, "volumeMounts"), volumes, path + ".volumeMounts"));

        String pullPolicy = Nodes.str(c, "imagePullPolicy");
        if (pullPolicy.isEmpty()) errs.add(Cause.required(path + ".imagePullPolicy"));
        else if (!PULL_POLICIES.contains(pullPolicy)) errs.add(Cause.notSupported(path + ".imagePullPolicy", pullPolicy, PULL_POLICIES));

        errs.addAll(resources(c.get("resources"), path + ".resources"));
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            ObjectNode p = Nodes.obj(c, probe);
            if (p != null) errs.addAll(probe(p, path + "." + probe, !probe.equals("readinessProbe")));
        }
        return errs;
    }

    private static List<Cause> ports(List<ObjectNode> ports, String path) {
        List<Cause> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ObjectNode p = ports.get(i);
            String ip = Causes.index(path, i);
            String name = Nodes.str(p, "name");
            if (!name.isEmpty()) {
                List<String> msgs = NameValidation.portName(name);
                if (!msgs.isEmpty()) errs.addAll(Causes.invalidEach(ip + ".name", name, msgs));
                else if (!names.add(name)) errs.add(Cause.duplicate(ip + ".name", name));
            }
            Long containerPort = Nodes.integer(p, "containerPort");
            if (containerPort == null || containerPort == 0) errs.add(Cause.required(ip + ".containerPort"));
            else errs.addAll(Causes.invalidEach(ip + ".containerPort", containerPort, NameValidation.portNumber(containerPort)));
            Long hostPort = Nodes.integer(p, "hostPort");
            if (hostPort != null && hostPort != 0) errs.addAll(Causes.invalidEach(ip + ".hostPort", hostPort, NameValidation.portNumber(hostPort)));
            String protocol = Nodes.str(p, "protocol");
            if (protocol.isEmpty()) errs.add(Cause.required(ip + ".protocol"));
            else if (!PORT_PROTOCOLS.contains(protocol)) errs.add(Cause.notSupported(ip + ".protocol", protocol, PORT_PROTOCOLS));
        }
        return errs;
    }

    private static List<Cause> env(List<ObjectNode> vars, String path) {
        List<Cause> errs = new ArrayList<>();
        for (int i = 0; i < vars.size(); i++) {
            ObjectNode ev = vars.get(i);
            String ip = Causes.index(path, i);
            String name = Nodes.str(ev, "name");
            if (name.isEmpty()) errs.add(Cause.required(ip + ".name"));
            else errs.addAll(Causes.invalidEach(ip + ".name", name, NameValidation.envVarName(name)));
            ObjectNode from = Nodes.obj(ev, "valueFrom");
            if (from != null) errs.addAll(valueFrom(from, !Nodes.str(ev, "value").isEmpty(), ip + ".valueFrom"));
        }
        return errs;
    }

    private static List<Cause> valueFrom(ObjectNode from, boolean hasValue, String path) {
        List<Cause> errs = new ArrayList<>();
        int sources = 0;
        ObjectNode fieldRef = Nodes.obj(from, "fieldRef");
        if (fieldRef != null) {
            sources++;
            String fieldPath = Nodes.str(fieldRef, "fieldPath");
            String base = fieldPath.contains("[") ? fieldPath.substring(0, fieldPath.indexOf('[')) : fieldPath;
            boolean subscripted = !base.equals(fieldPath);
            if (fieldPath.isEmpty()) {
                errs.add(Cause.required(path + ".fieldRef.fieldPath"));
            } else if (!ENV_FIELD_PATHS.contains(base)
                    || (subscripted && !base.equals("metadata.labels") && !base.equals("metadata.annotations"))
                    || (!subscripted && (base.equals("metadata.labels") || base.equals("metadata.annotations")))) {
                errs.add(Cause.notSupported(path + ".fieldRef.fieldPath", fieldPath, ENV_FIELD_PATHS));
            }
        }
        if (Nodes.obj(from, "resourceFieldRef") != null) {
            sources++;
            if (Nodes.str(from.get("resourceFieldRef"), "resource").isEmpty()) errs.add(Cause.required(path + ".resourceFieldRef.resource"));
        }
        for (String ref : List.of("configMapKeyRef", "secretKeyRef")) {
            ObjectNode r = Nodes.obj(from, ref);
            if (r == null) continue;
            sources++;
            String name = Nodes.str(r, "name");
            errs.addAll(Causes.invalidEach(path + "." + ref + ".name", name, NameValidation.dns1123Subdomain(name)));
            String key = Nodes.str(r, "key");
            if (key.isEmpty()) errs.add(Cause.required(path + "." + ref + ".key"));
            else errs.addAll(Causes.invalidEach(path + "." + ref + ".key", key, NameValidation.configMapKey(key)));
        }
        if (sources == 0) {
            errs.add(Cause.invalid(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
        } else if (hasValue) {
            errs.add(Cause.invalid(path, "", "may not be specified when `value` is not empty"));
        } else if (sources > 1) {
            errs.add(Cause.invalid(path, "", "may not have more than one field specified at a time"));
        }
        return errs;
    }

    private static List<Cause> envFrom(List<ObjectNode> sources, String path) {
        List<Cause> errs = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            ObjectNode s = sources.get(i);
            String ip = Causes.index(path, i);
            String prefix = Nodes.str(s, "prefix");
            if (!prefix.isEmpty()) errs.addAll(Causes.invalidEach(ip + ".prefix", prefix, NameValidation.envVarName(prefix)));
            int count = 0;
            for (String ref : List.of("configMapRef", "secretRef")) {
                ObjectNode r = Nodes.obj(s, ref);
                if (r == null) continue;
                count++;
                if (count > 1) {
                    errs.add(Cause.forbidden(ip + "." + ref, "may not have more than one field specified at a time"));
                    continue;
                }
                String name = Nodes.str(r, "name");
                errs.addAll(Causes.invalidEach(ip + "." + ref + ".name", name, NameValidation.dns1123Subdomain(name)));
            }
            if (count == 0) errs.add(Cause.invalid(ip, "", "must specify one of: `configMapRef` or `secretRef`"));
        }
        return errs;
    }

    private static List<Cause> volumeMounts(List<ObjectNode> mounts, Set<String> volumes, String path) {
        List<Cause> errs = new ArrayList<>();
        Set<String> mountPoints = new HashSet<>();
        for (int i = 0; i < mounts.size(); i++) {
            ObjectNode m = mounts.get(i);
            String ip = Causes.index(path, i);
            String name = Nodes.str(m, "name");
            if (name.isEmpty()) errs.add(Cause.required(ip + ".name"));
            if (!volumes.contains(name)) errs.add(Causes.notFound(ip + ".name", name));
            String mountPath = Nodes.str(m, "mountPath");
            if (mountPath.isEmpty()) errs.add(Cause.required(ip + ".mountPath"));
            if (!mountPoints.add(mountPath)) errs.add(Cause.invalid(ip + ".mountPath", mountPath, "must be unique"));
            String subPath = Nodes.str(m, "subPath");
            if (!subPath.isEmpty()) errs.addAll(VolumeValidation.localDescendingPath(subPath, path + ".subPath"));
        }
        return errs;
    }

    private static List<Cause> resources(JsonNode resources, String path) {
        List<Cause> errs = new ArrayList<>();
        ObjectNode limits = Nodes.obj(resources, "limits");
        ObjectNode requests = Nodes.obj(resources, "requests");
        Map<String, BigDecimal> limitValues = new HashMap<>();
        if (limits != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = limits.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                BigDecimal q = quantity(e.getKey(), e.getValue(), Causes.key(path + ".limits", e.getKey()), errs);
                if (q != null) limitValues.put(e.getKey(), q);
            }
        }
        if (requests != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = requests.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String resource = e.getKey();
                BigDecimal q = quantity(resource, e.getValue(), Causes.key(path + ".requests", resource), errs);
                BigDecimal limit = limitValues.get(resource);
                if (q == null) continue;
                String shown = e.getValue().asText();
                if (limit != null) {
                    String limitShown = limits.get(resource).asText();
                    if (!overcommitAllowed(resource) && q.compareTo(limit) != 0) {
                        errs.add(Cause.invalid(path + ".requests", shown, "must be equal to " + resource + " limit of " + limitShown));
                    } else if (q.compareTo(limit) > 0) {
                        errs.add(Cause.invalid(path + ".requests", shown, "must be less than or equal to " + resource + " limit of " + limitShown));
                    }
                } else if (!overcommitAllowed(resource)) {
                    errs.add(Cause.required(Causes.key(path + ".limits", resource), "Limit must be set for non overcommitable resources"));
                }
            }
        }
        return errs;
    }

    private static BigDecimal quantity(String resource, JsonNode value, String path, List<Cause> errs) {
        errs.addAll(Causes.invalidEach(path, resource, NameValidation.qualifiedName(resource)));
        if (!resource.contains("/") && !STANDARD_CONTAINER_RESOURCES.contains(resource) && !resource.startsWith("hugepages-")) {
            errs.add(Cause.invalid(path, resource, "must be a standard resource for containers"));
        }
        BigDecimal q = Quantities.parse(value);
        if (q == null) {
            errs.add(Cause.invalid(path, value.isValueNode() ? value.asText() : value.toString(), Quantities.FORMAT_ERROR));
            return null;
        }
        if (q.signum() < 0) errs.add(Cause.invalid(path, value.asText(), "must be greater than or equal to 0"));
        return q;
    }

    // Native resources other than hugepages may be overcommitted; extended ones may not.
    private static boolean overcommitAllowed(String resource) {
        boolean nativeResource = !resource.contains("/") || resource.contains("kubernetes.io/");
        return nativeResource && !resource.startsWith("hugepages-");
    }

    private static List<Cause> probe(ObjectNode p, String path, boolean successMustBeOne) {
        List<Cause> errs = new ArrayList<>();
        int handlers = 0;
        for (String h : PROBE_HANDLERS) {
            if (Nodes.obj(p, h) == null) continue;
            handlers++;
            if (handlers > 1) errs.add(Cause.forbidden(path + "." + h, "may not specify more than 1 handler type"));
        }
        if (handlers == 0) errs.add(Cause.required(path, "must specify a handler type"));
        for (String f : List.of("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold")) {
            Long v = Nodes.integer(p, f);
            if (v != null && v < 0) errs.add(Cause.invalid(path + "." + f, v, "must be greater than or equal to 0"));
        }
        Long success = Nodes.integer(p, "successThreshold");
        if (successMustBeOne && success != null && success != 1) errs.add(Cause.invalid(path + ".successThreshold", success, "must be 1"));
        return errs;
    }
}
