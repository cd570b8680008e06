package dev.podium.actors.controllers.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.objects.PodConditions;
import dev.podium.model.json.Json;
import dev.podium.model.selectors.LabelSelector;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a Service's traffic may go, as pure functions of the Service and the pods its selector
 * picks: the Endpoints subsets (kube's endpoints controller) and the EndpointSlice endpoints
 * grouped by address type and ports (kube's endpointslice controller).
 */
public final class ServiceEndpoints {
    static final String HEADLESS = "service.kubernetes.io/headless";
    static final String SERVICE_NAME = "kubernetes.io/service-name";
    static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
    static final String CONTROLLER = "endpointslice-controller.k8s.io";
    /** Endpoints one slice holds at most (kube's --max-endpoints-per-slice default). */
    static final int PER_SLICE = 100;

    private ServiceEndpoints() {}

    /** One endpoint of a slice group: an address type and port list shared by its endpoints. */
    public record SliceGroup(String addressType, ArrayNode ports, List<ObjectNode> endpoints) {}

    /** Whether the Service has endpoints kept for it: a selector, and not an ExternalName. */
    public static boolean managed(JsonNode service) {
        return !selector(service).isNothing() && !"ExternalName".equals(service.path("spec").path("type").asText());
    }

    /** The pods a Service sends to: those carrying every label of its selector; none without a selector. */
    public static LabelSelector selector(JsonNode service) {
        Map<String, String> labels = Nodes.stringMap(service.path("spec"), "selector");
        return labels.isEmpty() ? LabelSelector.nothing() : LabelSelector.fromMap(labels);
    }

    /** The Endpoints subsets: each pod's address under every port it resolves, grouped by identical port sets (kube's RepackSubsets). */
    public static ArrayNode subsets(JsonNode service, List<? extends JsonNode> pods) {
        boolean publishNotReady = service.path("spec").path("publishNotReadyAddresses").asBoolean(false);
        Map<String, ObjectNode> byPorts = new TreeMap<>();
        for (JsonNode pod : sorted(pods)) {
            if (!inEndpoints(pod, publishNotReady)) continue;
            ObjectNode address = address(service, pod);
            boolean ready = publishNotReady || isReady(pod);
            Optional<ArrayNode> ports = ports(service, pod);
            if (ports.isEmpty()) continue;
            ObjectNode subset = byPorts.computeIfAbsent(ports.get().toString(), k -> {
                ObjectNode s = Json.object();
                s.putArray("addresses");
                s.putArray("notReadyAddresses");
                if (!ports.get().isEmpty()) s.set("ports", ports.get());
                return s;
            });
            ((ArrayNode) subset.get(ready ? "addresses" : "notReadyAddresses")).add(address);
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ObjectNode s : byPorts.values()) {
            if (s.get("addresses").isEmpty()) s.remove("addresses");
            if (s.get("notReadyAddresses").isEmpty()) s.remove("notReadyAddresses");
            out.add(s);
        }
        return out;
    }

    /** The slices' contents: one group per address type and port list, its endpoints in pod-name order. */
    public static List<SliceGroup> sliceGroups(JsonNode service, List<? extends JsonNode> pods) {
        boolean publishNotReady = service.path("spec").path("publishNotReadyAddresses").asBoolean(false);
        Map<String, SliceGroup> groups = new LinkedHashMap<>();
        for (JsonNode pod : sorted(pods)) {
            if (!inEndpoints(pod, true)) continue;
            Optional<ArrayNode> ports = ports(service, pod).map(ServiceEndpoints::named);
            if (ports.isEmpty()) continue;
            String ip = pod.path("status").path("podIP").asText();
            String type = ip.contains(":") ? "IPv6" : "IPv4";
            groups.computeIfAbsent(type + " " + ports.get(), k -> new SliceGroup(type, ports.get(), new ArrayList<>()))
                    .endpoints().add(endpoint(service, pod, ip, publishNotReady));
        }
        return List.copyOf(groups.values());
    }

    /** The labels of the Service's Endpoints: its own, and the headless mark for a Service without a cluster IP. */
    public static ObjectNode endpointsLabels(JsonNode service) {
        ObjectNode labels = service.path("metadata").path("labels").isObject()
                ? ((ObjectNode) service.path("metadata").path("labels")).deepCopy() : Json.object();
        if ("None".equals(service.path("spec").path("clusterIP").asText())) labels.put(HEADLESS, "");
        return labels;
    }

    /** The labels of the Service's EndpointSlices: the Endpoints' and the service-name and managed-by marks. */
    public static ObjectNode sliceLabels(JsonNode service) {
        ObjectNode labels = endpointsLabels(service);
        labels.remove(SERVICE_NAME);
        labels.remove(MANAGED_BY);
        labels.put(SERVICE_NAME, service.path("metadata").path("name").asText());
        labels.put(MANAGED_BY, CONTROLLER);
        return labels;
    }

    /** kube's ShouldPodBeInEndpoints: not finished, has an IP, and not terminating unless terminating pods are wanted. */
    static boolean inEndpoints(JsonNode pod, boolean includeTerminating) {
        String phase = pod.path("status").path("phase").asText();
        if (phase.equals("Succeeded") || phase.equals("Failed")) return false;
        if (pod.path("status").path("podIP").asText("").isEmpty()) return false;
        return includeTerminating || !pod.path("metadata").has("deletionTimestamp");
    }

    /**
     * The pod's ports for the Service: each service port whose target the pod resolves (a number,
     * or the name of a container port with the same protocol); empty when the Service has ports and
     * the pod resolves none of them. A headless Service without ports gets every pod with no ports.
     */
    static Optional<ArrayNode> ports(JsonNode service, JsonNode pod) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        JsonNode servicePorts = service.path("spec").path("ports");
        if (servicePorts.isEmpty()) {
            return "None".equals(service.path("spec").path("clusterIP").asText()) ? Optional.of(out) : Optional.empty();
        }
        List<ObjectNode> resolved = new ArrayList<>();
        for (JsonNode sp : servicePorts) {
            String protocol = sp.path("protocol").asText("TCP");
            Optional<Integer> target = targetPort(sp, pod, protocol);
            if (target.isEmpty()) continue;
            ObjectNode p = Json.object();
            if (sp.hasNonNull("name") && !sp.path("name").asText().isEmpty()) p.put("name", sp.path("name").asText());
            p.put("port", target.get()).put("protocol", protocol);
            if (sp.hasNonNull("appProtocol")) p.put("appProtocol", sp.path("appProtocol").asText());
            resolved.add(p);
        }
        if (resolved.isEmpty()) return Optional.empty();
        resolved.sort(Comparator.comparing((ObjectNode p) -> p.path("name").asText("")).thenComparing(p -> p.path("port").asInt()));
        resolved.forEach(out::add);
        return Optional.of(out);
    }

    /** Slice ports always carry a name, "" when the service port has none, as kube writes them (kubectl describe relies on it). */
    private static ArrayNode named(ArrayNode ports) {
        ArrayNode out = ports.deepCopy();
        for (var p : out) if (!p.has("name")) ((ObjectNode) p).put("name", "");
        return out;
    }

    private static Optional<Integer> targetPort(JsonNode servicePort, JsonNode pod, String protocol) {
        JsonNode target = servicePort.path("targetPort");
        if (target.isMissingNode() || target.isNull()) return Optional.of(servicePort.path("port").asInt());
        if (target.isInt()) return Optional.of(target.asInt());
        if (target.isTextual() && target.asText().matches("\\d+")) return Optional.of(Integer.parseInt(target.asText()));
        for (JsonNode c : pod.path("spec").path("containers")) {
            for (JsonNode p : c.path("ports")) {
                if (target.asText().equals(p.path("name").asText()) && protocol.equals(p.path("protocol").asText("TCP"))) {
                    return Optional.of(p.path("containerPort").asInt());
                }
            }
        }
        return Optional.empty();
    }

    private static ObjectNode address(JsonNode service, JsonNode pod) {
        ObjectNode a = Json.object().put("ip", pod.path("status").path("podIP").asText());
        hostname(service, pod).ifPresent(h -> a.put("hostname", h));
        String node = pod.path("spec").path("nodeName").asText("");
        if (!node.isEmpty()) a.put("nodeName", node);
        a.set("targetRef", targetRef(pod));
        return a;
    }

    private static ObjectNode endpoint(JsonNode service, JsonNode pod, String ip, boolean publishNotReady) {
        boolean terminating = pod.path("metadata").has("deletionTimestamp");
        boolean serving = publishNotReady || isReady(pod);
        ObjectNode e = Json.object();
        e.putArray("addresses").add(ip);
        e.putObject("conditions").put("ready", serving && (!terminating || publishNotReady)).put("serving", serving).put("terminating", terminating);
        hostname(service, pod).ifPresent(h -> e.put("hostname", h));
        String node = pod.path("spec").path("nodeName").asText("");
        if (!node.isEmpty()) e.put("nodeName", node);
        e.set("targetRef", targetRef(pod));
        return e;
    }

    /** A pod's hostname is published when it names one and its subdomain is the Service (how StatefulSet pods get DNS names). */
    private static Optional<String> hostname(JsonNode service, JsonNode pod) {
        String hostname = pod.path("spec").path("hostname").asText("");
        boolean inSubdomain = pod.path("spec").path("subdomain").asText("").equals(service.path("metadata").path("name").asText());
        return !hostname.isEmpty() && inSubdomain ? Optional.of(hostname) : Optional.empty();
    }

    private static ObjectNode targetRef(JsonNode pod) {
        JsonNode meta = pod.path("metadata");
        return Json.object().put("kind", "Pod").put("namespace", meta.path("namespace").asText())
                .put("name", meta.path("name").asText()).put("uid", meta.path("uid").asText());
    }

    private static boolean isReady(JsonNode pod) {
        return "True".equals(PodConditions.status(pod, "Ready"));
    }

    private static List<JsonNode> sorted(List<? extends JsonNode> pods) {
        List<JsonNode> out = new ArrayList<>(pods);
        out.sort(Comparator.comparing((JsonNode p) -> p.path("metadata").path("name").asText()));
        return out;
    }
}
