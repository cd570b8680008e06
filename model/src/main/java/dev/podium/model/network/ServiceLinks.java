package dev.podium.model.network;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The environment the kubelet gives every container for the Services of its namespace (and the
 * {@code kubernetes} Service always): {@code NAME_SERVICE_HOST}, {@code NAME_SERVICE_PORT},
 * {@code NAME_SERVICE_PORT_PORTNAME} and the Docker-link style {@code NAME_PORT…} variables, for
 * each Service with a cluster IP. The container's own env is applied over them.
 */
public final class ServiceLinks {
    private ServiceLinks() {}

    public static Map<String, String> env(List<JsonNode> services) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode svc : services) {
            String ip = svc.path("spec").path("clusterIP").asText("");
            JsonNode ports = svc.path("spec").path("ports");
            if (ip.isEmpty() || ip.equals("None") || ports.isEmpty()) continue;
            String name = svc.path("metadata").path("name").asText().toUpperCase(Locale.ROOT).replace('-', '_');
            String host = ip.contains(":") ? "[" + ip + "]" : ip;
            JsonNode first = ports.get(0);
            env.put(name + "_SERVICE_HOST", ip);
            env.put(name + "_SERVICE_PORT", first.path("port").asText());
            for (JsonNode p : ports) {
                if (!p.path("name").asText("").isEmpty()) {
                    env.put(name + "_SERVICE_PORT_" + p.path("name").asText().toUpperCase(Locale.ROOT).replace('-', '_'), p.path("port").asText());
                }
            }
            env.put(name + "_PORT", protocol(first) + "://" + host + ":" + first.path("port").asText());
            for (JsonNode p : ports) {
                String proto = protocol(p);
                String prefix = name + "_PORT_" + p.path("port").asText() + "_" + proto.toUpperCase(Locale.ROOT);
                env.put(prefix, proto + "://" + host + ":" + p.path("port").asText());
                env.put(prefix + "_PROTO", proto);
                env.put(prefix + "_PORT", p.path("port").asText());
                env.put(prefix + "_ADDR", ip);
            }
        }
        return env;
    }

    private static String protocol(JsonNode port) {
        return port.path("protocol").asText("TCP").toLowerCase(Locale.ROOT);
    }
}
