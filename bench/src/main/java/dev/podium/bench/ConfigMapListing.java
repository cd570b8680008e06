package dev.podium.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Lists a namespace's ConfigMaps from one API server page by page, and compares them with the versions writes were acknowledged with. */
final class ConfigMapListing {
    private ConfigMapListing() {}

    /** Name → resourceVersion of every ConfigMap the server lists; throws when a page fails or times out. */
    static Map<String, Long> list(HttpClient http, String collectionUrl, int pageSize, Duration pageTimeout) throws IOException, InterruptedException {
        Map<String, Long> versions = new HashMap<>();
        String cont = null;
        do {
            String url = collectionUrl + "?limit=" + pageSize + (cont == null ? "" : "&continue=" + URLEncoder.encode(cont, StandardCharsets.UTF_8));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(pageTimeout).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IOException("LIST answered HTTP " + r.statusCode());
            JsonNode list = Json.MAPPER.readTree(r.body());
            for (JsonNode item : list.path("items")) {
                JsonNode meta = item.path("metadata");
                versions.put(meta.path("name").asText(), Long.parseLong(meta.path("resourceVersion").asText()));
            }
            cont = list.path("metadata").path("continue").asText("");
        } while (!cont.isEmpty());
        return versions;
    }

    /** How many acknowledged objects are missing from {@code listed} or listed at an older resourceVersion than acknowledged. */
    static long missingOrStale(Map<String, Long> acknowledged, Map<String, Long> listed) {
        return acknowledged.entrySet().stream().filter(e -> listed.getOrDefault(e.getKey(), -1L) < e.getValue()).count();
    }
}
