package dev.podium.actors.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.objects.PodConditions;
import dev.podium.model.json.Json;
import dev.podium.model.meta.OwnerReference;

import java.time.Instant;
import java.util.Optional;

/** Pods made from a controller's template, and the pod states controllers count. */
public final class PodTemplates {
    private PodTemplates() {}

    /**
     * A pod from {@code template} for {@code owner}, as kube's controllers make it: the template's
     * labels, annotations and finalizers, its spec, a controller reference to the owner, and
     * {@code generateName} (or {@code name} when {@code generated} is false).
     */
    public static ObjectNode pod(ObjectNode owner, JsonNode template, String name, boolean generated) {
        ObjectNode pod = Json.object();
        pod.put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata");
        meta.put(generated ? "generateName" : "name", name);
        meta.put("namespace", owner.path("metadata").path("namespace").asText());
        JsonNode tm = template.path("metadata");
        for (String f : new String[] {"labels", "annotations", "finalizers"}) {
            if (tm.has(f)) meta.set(f, tm.get(f).deepCopy());
        }
        meta.putArray("ownerReferences").add(OwnerReference.controllerRefTo(owner));
        pod.set("spec", template.path("spec").deepCopy());
        return pod;
    }

    /** Not finished and not being deleted (kube's FilterActivePods). */
    public static boolean active(JsonNode pod) {
        return !terminal(pod) && !pod.path("metadata").has("deletionTimestamp");
    }

    public static boolean terminal(JsonNode pod) {
        String phase = pod.path("status").path("phase").asText("");
        return phase.equals("Succeeded") || phase.equals("Failed");
    }

    public static boolean ready(JsonNode pod) {
        return "True".equals(PodConditions.status(pod, "Ready"));
    }

    /** When the pod became ready: its Ready condition's lastTransitionTime. */
    public static Optional<Instant> readySince(JsonNode pod) {
        for (JsonNode c : pod.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
                String t = c.path("lastTransitionTime").asText("");
                return t.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(t));
            }
        }
        return Optional.empty();
    }

    /** Ready for more than {@code minReadySeconds} (kube's IsPodAvailable: ready time + minReadySeconds strictly before now). */
    public static boolean available(JsonNode pod, long minReadySeconds, Instant now) {
        if (!ready(pod)) return false;
        if (minReadySeconds <= 0) return true;
        return readySince(pod).map(t -> t.plusSeconds(minReadySeconds).isBefore(now)).orElse(false);
    }

    /** When a ready pod that is not yet available will be, or empty. */
    public static Optional<Instant> availableAt(JsonNode pod, long minReadySeconds, Instant now) {
        if (!ready(pod) || minReadySeconds <= 0) return Optional.empty();
        return readySince(pod).map(t -> t.plusSeconds(minReadySeconds)).filter(t -> !t.isBefore(now));
    }
}
