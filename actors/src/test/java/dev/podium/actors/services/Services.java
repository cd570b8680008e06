package dev.podium.actors.services;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

/** Services for tests, from a short description: {@code "default/web ip=10.96.0.5 nodePort=30080 healthCheck=30081"}. */
final class Services {
    private Services() {}

    static ObjectNode service(String description) {
        String[] words = description.split(" ");
        String[] ref = words[0].split("/");
        ObjectNode s = Json.object();
        s.put("apiVersion", "v1").put("kind", "Service");
        s.putObject("metadata").put("namespace", ref[0]).put("name", ref[1]).put("creationTimestamp", "2026-01-01T00:00:00Z");
        ObjectNode spec = s.putObject("spec");
        spec.put("type", "ClusterIP");
        ArrayNode ports = spec.putArray("ports");
        for (int i = 1; i < words.length; i++) {
            String[] kv = words[i].split("=");
            switch (kv[0]) {
                case "ip" -> {
                    spec.put("clusterIP", kv[1]);
                    spec.putArray("clusterIPs").add(kv[1]);
                }
                case "type" -> spec.put("type", kv[1]);
                case "nodePort" -> {
                    spec.put("type", "NodePort");
                    ports.addObject().put("port", 80 + i).put("protocol", "TCP").put("nodePort", Integer.parseInt(kv[1]));
                }
                case "healthCheck" -> spec.put("type", "LoadBalancer").put("externalTrafficPolicy", "Local").put("healthCheckNodePort", Integer.parseInt(kv[1]));
                default -> throw new IllegalArgumentException(words[i]);
            }
        }
        return s;
    }
}
