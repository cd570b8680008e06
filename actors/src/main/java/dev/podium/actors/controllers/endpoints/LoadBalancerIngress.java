package dev.podium.actors.controllers.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.util.List;
import java.util.TreeSet;

/**
 * The built-in load balancer (k3s's service load balancer idea): a LoadBalancer Service with no
 * {@code loadBalancerClass} is given the InternalIP of every node whose host runs a node proxy
 * (the real, not simulated, nodes that are not being deleted) as its
 * {@code status.loadBalancer.ingress}; the proxies answer on those addresses at the Service's
 * ports. A Service of another class is left to its controller; a Service that stops being a
 * LoadBalancer loses its addresses.
 */
public final class LoadBalancerIngress {
    private LoadBalancerIngress() {}

    /** Whether the Service is (or was) this load balancer's: the nodes need reading only then. */
    public static boolean concerns(JsonNode service) {
        if (service.path("spec").hasNonNull("loadBalancerClass")) return false;
        return service.path("spec").path("type").asText().equals("LoadBalancer") || !service.path("status").path("loadBalancer").path("ingress").isEmpty();
    }

    /** The Service's status.loadBalancer as it should be, or null when this load balancer leaves it alone. */
    public static ObjectNode wanted(JsonNode service, List<? extends JsonNode> nodes) {
        JsonNode spec = service.path("spec");
        if (spec.hasNonNull("loadBalancerClass")) return null;
        ObjectNode lb = Json.object();
        if (!spec.path("type").asText().equals("LoadBalancer") || service.path("metadata").has("deletionTimestamp")) return lb;
        return atProxyAddresses(nodes, "VIP");
    }

    /** {@code {ingress: [{ip, ipMode}…]}} for the proxy addresses ({@code {}} when none); without ipMode when it is null (an Ingress's has none). */
    public static ObjectNode atProxyAddresses(List<? extends JsonNode> nodes, String ipMode) {
        ObjectNode lb = Json.object();
        TreeSet<String> ips = proxyAddresses(nodes);
        if (ips.isEmpty()) return lb;
        ArrayNode ingress = lb.putArray("ingress");
        for (String ip : ips) {
            ObjectNode entry = ingress.addObject().put("ip", ip);
            if (ipMode != null) entry.put("ipMode", ipMode);
        }
        return lb;
    }

    /** The InternalIPs of the real nodes that are not being deleted: where node proxies and the ingress proxy answer. */
    public static TreeSet<String> proxyAddresses(List<? extends JsonNode> nodes) {
        TreeSet<String> ips = new TreeSet<>();
        for (JsonNode node : nodes) {
            if (node.path("metadata").path("labels").path("podium.dev/runtime").asText().equals("simulated")) continue;
            if (node.path("metadata").has("deletionTimestamp")) continue;
            for (JsonNode a : node.path("status").path("addresses")) {
                if (a.path("type").asText().equals("InternalIP")) ips.add(a.path("address").asText());
            }
        }
        return ips;
    }

    /** The whole status with the wanted load balancer, or null when the current one is right already. */
    public static ObjectNode statusUpdate(JsonNode service, List<? extends JsonNode> nodes) {
        ObjectNode wanted = wanted(service, nodes);
        return wanted == null ? null : withLoadBalancer(service, wanted);
    }

    /** The object's whole status with {@code loadBalancer} replaced, or null when it holds that already (a missing one equals {}). */
    public static ObjectNode withLoadBalancer(JsonNode object, ObjectNode wanted) {
        JsonNode current = object.path("status").path("loadBalancer");
        if (current.isMissingNode() ? wanted.isEmpty() : current.equals(wanted)) return null;
        ObjectNode status = object.path("status").isObject() ? ((ObjectNode) object.path("status")).deepCopy() : Json.object();
        status.set("loadBalancer", wanted);
        return status;
    }
}
