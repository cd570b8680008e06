package dev.podium.model.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The part of a built-in kind's status kube-apiserver always returns, even right after a create:
 * Go's encoding/json writes a non-pointer struct field whatever its omitempty says, and a field
 * without omitempty at its zero value. So a Service has {@code status: {loadBalancer: {}}} and a
 * ReplicaSet {@code status: {replicas: 0}}. Taken from the k8s.io/api types; fields a kind's
 * defaulting sets (a Namespace's phase) are its rules' business, and a CRD's status is CrdDefaults'.
 */
public final class AlwaysSerializedStatus {
    private static final Map<String, ObjectNode> BY_KIND = Map.ofEntries(
            // ServiceStatus.LoadBalancer, IngressStatus.LoadBalancer: structs
            Map.entry("Service", json("{'loadBalancer':{}}")),
            Map.entry("Ingress.networking.k8s.io", json("{'loadBalancer':{}}")),
            // NodeStatus.DaemonEndpoints and NodeInfo: structs, every NodeSystemInfo string and DaemonEndpoint.Port without omitempty
            Map.entry("Node", json("{'daemonEndpoints':{'kubeletEndpoint':{'Port':0}},'nodeInfo':{'machineID':'','systemUUID':'','bootID':'',"
                    + "'kernelVersion':'','osImage':'','containerRuntimeVersion':'','kubeletVersion':'','kubeProxyVersion':'',"
                    + "'operatingSystem':'','architecture':''}}")),
            Map.entry("ReplicaSet.apps", json("{'replicas':0}")),
            Map.entry("ReplicationController", json("{'replicas':0}")),
            Map.entry("StatefulSet.apps", json("{'replicas':0,'availableReplicas':0}")),
            Map.entry("DaemonSet.apps", json("{'currentNumberScheduled':0,'numberMisscheduled':0,'desiredNumberScheduled':0,'numberReady':0}")),
            Map.entry("PodDisruptionBudget.policy", json("{'disruptionsAllowed':0,'currentHealthy':0,'desiredHealthy':0,'expectedPods':0}")),
            // every field of these statuses has omitempty: the status itself is still a struct
            Map.entry("Deployment.apps", json("{}")),
            Map.entry("Job.batch", json("{}")),
            Map.entry("CronJob.batch", json("{}")),
            Map.entry("Pod", json("{}")),
            Map.entry("Namespace", json("{}")),
            Map.entry("PersistentVolume", json("{}")),
            Map.entry("PersistentVolumeClaim", json("{}")),
            Map.entry("ValidatingAdmissionPolicy.admissionregistration.k8s.io", json("{}")),
            Map.entry("APIService.apiregistration.k8s.io", json("{}")));

    private AlwaysSerializedStatus() {}

    /** Adds, in place, what is missing of the kind's always-serialized status; values already there stay. */
    public static void fill(ResourceKind kind, ObjectNode obj) {
        ObjectNode shape = BY_KIND.get(kind.entityTypeName());
        if (shape == null || kind.isCustom()) return;
        JsonNode status = obj.get("status");
        if (status == null || status.isNull()) obj.set("status", shape.deepCopy());
        else if (status instanceof ObjectNode s) merge(s, shape);
    }

    private static void merge(ObjectNode target, ObjectNode shape) {
        shape.properties().forEach(e -> {
            JsonNode have = target.get(e.getKey());
            if (have == null || have.isNull()) target.set(e.getKey(), e.getValue().deepCopy());
            else if (have instanceof ObjectNode o && e.getValue() instanceof ObjectNode s) merge(o, s);
        });
    }

    private static ObjectNode json(String text) {
        return Json.parseObject(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8), false);
    }
}
