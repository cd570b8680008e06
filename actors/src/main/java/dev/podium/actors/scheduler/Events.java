package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.util.concurrent.ThreadLocalRandom;

/** core/v1 Events about pods, as kubectl describe shows them. */
public final class Events {
    private Events() {}

    public static ObjectNode forPod(ObjectNode pod, String type, String reason, String message, String component, String now) {
        ObjectNode meta = (ObjectNode) pod.path("metadata");
        ObjectNode e = Json.object();
        e.put("apiVersion", "v1").put("kind", "Event");
        String name = meta.path("name").asText() + "." + Long.toHexString(System.nanoTime() ^ ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
        e.putObject("metadata").put("name", name).put("namespace", meta.path("namespace").asText());
        e.putObject("involvedObject").put("kind", "Pod").put("apiVersion", "v1").put("namespace", meta.path("namespace").asText())
                .put("name", meta.path("name").asText()).put("uid", meta.path("uid").asText());
        e.put("reason", reason).put("message", message).put("type", type);
        e.putObject("source").put("component", component);
        e.put("reportingComponent", component).put("reportingInstance", component);
        e.put("firstTimestamp", now).put("lastTimestamp", now).put("count", 1);
        return e;
    }
}
