package dev.podium.actors.dns;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** The fields of a Service that decide its DNS records. */
final class ServiceSpec {
    private ServiceSpec() {}

    static boolean headless(JsonNode service) {
        return "None".equals(service.path("spec").path("clusterIP").asText());
    }

    static boolean externalName(JsonNode service) {
        return "ExternalName".equals(service.path("spec").path("type").asText());
    }

    static boolean publishNotReady(JsonNode service) {
        return service.path("spec").path("publishNotReadyAddresses").asBoolean(false);
    }

    /** The allocated cluster IPs: {@code clusterIPs} (dual-stack), else {@code clusterIP}; none for headless Services. */
    static List<String> clusterIps(JsonNode service) {
        if (headless(service) || externalName(service)) return List.of();
        List<String> ips = new ArrayList<>();
        for (JsonNode ip : service.path("spec").path("clusterIPs")) ips.add(ip.asText());
        String single = service.path("spec").path("clusterIP").asText("");
        if (ips.isEmpty() && !single.isEmpty()) ips.add(single);
        return ips;
    }
}
