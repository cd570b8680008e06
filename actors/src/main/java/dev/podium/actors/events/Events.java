package dev.podium.actors.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.util.concurrent.ThreadLocalRandom;

/** core/v1 Events about an object, as kubectl describe shows them. */
public final class Events {
    private Events() {}

    /** An Event about {@code involved} (any object with apiVersion, kind and metadata) from {@code component} on cluster member {@code host}. */
    public static ObjectNode about(ObjectNode involved, String type, String reason, String message, String component, String host, String now) {
        ObjectNode meta = (ObjectNode) involved.path("metadata");
        String namespace = meta.path("namespace").asText("default");
        ObjectNode e = Json.object();
        e.put("apiVersion", "v1").put("kind", "Event");
        String name = meta.path("name").asText() + "." + Long.toHexString(System.nanoTime() ^ ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
        e.putObject("metadata").put("name", name).put("namespace", namespace);
        e.putObject("involvedObject").put("kind", involved.path("kind").asText()).put("apiVersion", involved.path("apiVersion").asText())
                .put("namespace", namespace).put("name", meta.path("name").asText()).put("uid", meta.path("uid").asText());
        e.put("reason", reason).put("message", message).put("type", type);
        e.putObject("source").put("component", component).put("host", host);
        e.put("reportingComponent", component).put("reportingInstance", component + "-" + host);
        e.put("firstTimestamp", now).put("lastTimestamp", now).put("count", 1);
        return e;
    }
}
