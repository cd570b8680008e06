package dev.podium.actors.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * kube's ServiceAccount admission plugin, for new pods: {@code spec.serviceAccountName} defaults
 * to {@code default}, and unless the pod or its service account says
 * {@code automountServiceAccountToken: false}, the pod gets the projected {@code kube-api-access-*}
 * volume (a token bound to the pod, the cluster CA from {@code kube-root-ca.crt}, the namespace)
 * mounted read-only at {@code /var/run/secrets/kubernetes.io/serviceaccount} in every container.
 * Unlike kube, a pod naming a service account that does not exist yet is admitted: its token is
 * issued once the account exists (kube refuses, which races with a namespace's creation).
 */
final class ServiceAccountAdmission implements AdmissionStep {
    static final String MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
    private static final String SUFFIX_CHARS = "bcdfghjklmnpqrstvwxz2456789";
    private final WatchCache cache;
    private final RandomGenerator random;

    ServiceAccountAdmission(WatchCache cache, RandomGenerator random) {
        this.cache = cache;
        this.random = random;
    }

    @Override
    public void admit(AdmissionRequest request) {
        if (request.operation() != AdmissionRequest.Operation.CREATE || !request.kind().kind().equals("Pod") || !request.kind().group().isEmpty()) return;
        ObjectNode spec = request.object().with("spec");
        if (spec.path("serviceAccountName").asText("").isEmpty()) spec.put("serviceAccountName", spec.path("serviceAccount").asText("default"));
        if (!spec.has("serviceAccount")) spec.put("serviceAccount", spec.path("serviceAccountName").asText());
        if (!automount(spec, request.namespace())) return;
        for (JsonNode c : containers(spec)) {
            for (JsonNode m : c.path("volumeMounts")) if (m.path("mountPath").asText().equals(MOUNT_PATH)) return;
        }
        String volume = "kube-api-access-" + suffix();
        spec.withArray("volumes").add(projectedVolume(volume));
        for (JsonNode c : containers(spec)) {
            ((ObjectNode) c).withArray("volumeMounts").addObject().put("name", volume).put("readOnly", true).put("mountPath", MOUNT_PATH);
        }
    }

    private boolean automount(ObjectNode spec, String namespace) {
        if (spec.has("automountServiceAccountToken")) return spec.path("automountServiceAccountToken").asBoolean(true);
        Optional<CachedObject> sa = cache.get("ServiceAccount", namespace + "/" + spec.path("serviceAccountName").asText());
        return sa.map(o -> o.object().path("automountServiceAccountToken").asBoolean(true)).orElse(true);
    }

    private static Iterable<JsonNode> containers(ObjectNode spec) {
        ArrayNode all = spec.arrayNode();
        spec.path("initContainers").forEach(all::add);
        spec.path("containers").forEach(all::add);
        return all;
    }

    /** kube's volume: a token for the API (3607 s, renewed by the node), ca.crt, and the namespace. */
    static ObjectNode projectedVolume(String name) {
        ObjectNode v = dev.podium.model.json.Json.object().put("name", name);
        ObjectNode projected = v.putObject("projected");
        projected.put("defaultMode", 420);
        ArrayNode sources = projected.putArray("sources");
        sources.addObject().putObject("serviceAccountToken").put("expirationSeconds", 3607).put("path", "token");
        sources.addObject().putObject("configMap").put("name", "kube-root-ca.crt").putArray("items").addObject().put("key", "ca.crt").put("path", "ca.crt");
        sources.addObject().putObject("downwardAPI").putArray("items").addObject().put("path", "namespace")
                .putObject("fieldRef").put("apiVersion", "v1").put("fieldPath", "metadata.namespace");
        return v;
    }

    private String suffix() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 5; i++) s.append(SUFFIX_CHARS.charAt(random.nextInt(SUFFIX_CHARS.length())));
        return s.toString();
    }
}
