package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.validation.Nodes;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What kube-apiserver fills into a Pod: the v1 defaulting functions plus what its default
 * admission plugins add (service account, priority, the not-ready/unreachable tolerations).
 */
final class PodDefaults {
    static final long DEFAULT_TOLERATION_SECONDS = 300;
    private static final Map<String, Long> SYSTEM_PRIORITIES = Map.of(
            "system-node-critical", 2000001000L,
            "system-cluster-critical", 2000000000L);
    private static final List<String> VOLUME_SOURCES_WITH_MODE = List.of("secret", "configMap", "downwardAPI", "projected");
    private static final List<String> PROBES = List.of("livenessProbe", "readinessProbe", "startupProbe");

    private PodDefaults() {}

    static void apply(ObjectNode pod) {
        ObjectNode spec = Nodes.child(pod, "spec");
        podSpec(spec);
        Nodes.putIfAbsent(spec, "enableServiceLinks", true);

        // serviceAccount is the deprecated alias of serviceAccountName; kube keeps them equal.
        syncServiceAccount(spec);
        Nodes.putIfAbsent(spec, "serviceAccountName", "default");
        spec.put("serviceAccount", Nodes.str(spec, "serviceAccountName"));

        Nodes.putIfAbsent(spec, "priority", SYSTEM_PRIORITIES.getOrDefault(Nodes.str(spec, "priorityClassName"), 0L));
        Nodes.putIfAbsent(spec, "preemptionPolicy", "PreemptLowerPriority");
        addDefaultToleration(spec, "node.kubernetes.io/not-ready");
        addDefaultToleration(spec, "node.kubernetes.io/unreachable");

        containersAndVolumes(spec, true);

        ObjectNode status = Nodes.child(pod, "status");
        Nodes.putIfAbsent(status, "phase", "Pending");
        Nodes.putIfAbsent(status, "qosClass", PodQos.compute(pod));
    }

    /**
     * A workload's pod template (spec.template): kube's SetDefaults_PodSpec and the container and
     * volume defaults, but none of what SetDefaults_Pod or admission add to pods (service links,
     * service account, priority, tolerations, requests from limits, status).
     */
    static void applyToTemplate(ObjectNode template) {
        ObjectNode spec = Nodes.child(template, "spec");
        podSpec(spec);
        syncServiceAccount(spec);
        if (!Nodes.isEmpty(spec, "serviceAccountName")) spec.put("serviceAccount", Nodes.str(spec, "serviceAccountName"));
        containersAndVolumes(spec, false);
    }

    private static void podSpec(ObjectNode spec) {
        Nodes.putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
        Nodes.putIfAbsent(spec, "restartPolicy", "Always");
        if (!(spec.get("securityContext") instanceof ObjectNode)) spec.putObject("securityContext");
        Nodes.putIfAbsent(spec, "terminationGracePeriodSeconds", 30L);
        Nodes.putIfAbsent(spec, "schedulerName", "default-scheduler");
    }

    private static void syncServiceAccount(ObjectNode spec) {
        if (Nodes.isEmpty(spec, "serviceAccountName") && !Nodes.isEmpty(spec, "serviceAccount")) {
            spec.put("serviceAccountName", Nodes.str(spec, "serviceAccount"));
        }
    }

    private static void containersAndVolumes(ObjectNode spec, boolean requestsFromLimits) {
        boolean hostNetwork = Nodes.bool(spec, "hostNetwork");
        for (String list : List.of("initContainers", "containers")) {
            for (ObjectNode c : Nodes.objects(spec, list)) container(c, hostNetwork, requestsFromLimits);
        }
        for (ObjectNode c : Nodes.objects(spec, "ephemeralContainers")) {
            Nodes.putIfAbsent(c, "terminationMessagePath", "/dev/termination-log");
            Nodes.putIfAbsent(c, "terminationMessagePolicy", "File");
            Nodes.putIfAbsent(c, "imagePullPolicy", pullPolicy(Nodes.str(c, "image")));
        }
        for (ObjectNode v : Nodes.objects(spec, "volumes")) volume(v);
    }

    /** kube's rule: "latest" or no tag (and no digest) pulls Always, anything else IfNotPresent. */
    static String pullPolicy(String image) {
        if (image == null || image.isBlank()) return "IfNotPresent";
        String name = image;
        boolean digest = false;
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = true;
            name = name.substring(0, at);
        }
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        String tag = colon > slash ? name.substring(colon + 1) : "";
        if (tag.isEmpty() && !digest) tag = "latest";
        return tag.equals("latest") ? "Always" : "IfNotPresent";
    }

    private static void container(ObjectNode c, boolean hostNetwork, boolean requestsFromLimits) {
        ObjectNode resources = Nodes.child(c, "resources");
        ObjectNode limits = Nodes.obj(resources, "limits");
        if (requestsFromLimits && limits != null && !limits.isEmpty()) {
            // Requests default to limits: what makes a limits-only pod Guaranteed.
            ObjectNode requests = Nodes.child(resources, "requests");
            for (Iterator<Map.Entry<String, JsonNode>> it = limits.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!requests.has(e.getKey())) requests.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        Nodes.putIfAbsent(c, "imagePullPolicy", pullPolicy(Nodes.str(c, "image")));
        Nodes.putIfAbsent(c, "terminationMessagePath", "/dev/termination-log");
        Nodes.putIfAbsent(c, "terminationMessagePolicy", "File");
        for (ObjectNode port : Nodes.objects(c, "ports")) {
            Nodes.putIfAbsent(port, "protocol", "TCP");
            if (hostNetwork && port.get("hostPort") == null && port.get("containerPort") != null) {
                port.set("hostPort", port.get("containerPort").deepCopy());
            }
        }
        for (ObjectNode env : Nodes.objects(c, "env")) {
            ObjectNode fieldRef = Nodes.obj(env.get("valueFrom"), "fieldRef");
            if (fieldRef != null) Nodes.putIfAbsent(fieldRef, "apiVersion", "v1");
        }
        for (String probe : PROBES) {
            ObjectNode p = Nodes.obj(c, probe);
            if (p == null) continue;
            Nodes.putIfAbsent(p, "timeoutSeconds", 1L);
            Nodes.putIfAbsent(p, "periodSeconds", 10L);
            Nodes.putIfAbsent(p, "successThreshold", 1L);
            Nodes.putIfAbsent(p, "failureThreshold", 3L);
            ObjectNode http = Nodes.obj(p, "httpGet");
            if (http != null) {
                Nodes.putIfAbsent(http, "path", "/");
                Nodes.putIfAbsent(http, "scheme", "HTTP");
            }
        }
    }

    private static void volume(ObjectNode v) {
        for (String source : VOLUME_SOURCES_WITH_MODE) {
            ObjectNode s = Nodes.obj(v, source);
            if (s != null) Nodes.putIfAbsent(s, "defaultMode", 420L);
        }
        ObjectNode hostPath = Nodes.obj(v, "hostPath");
        if (hostPath != null && hostPath.get("type") == null) hostPath.put("type", "");
    }

    // As the DefaultTolerationSeconds admission plugin: skipped when any toleration already covers the taint.
    private static void addDefaultToleration(ObjectNode spec, String key) {
        for (ObjectNode t : Nodes.objects(spec, "tolerations")) {
            String k = Nodes.str(t, "key");
            String effect = Nodes.str(t, "effect");
            if ((k.equals(key) || k.isEmpty()) && (effect.equals("NoExecute") || effect.isEmpty())) return;
        }
        ArrayNode tolerations = spec.get("tolerations") instanceof ArrayNode a ? a : spec.putArray("tolerations");
        ObjectNode t = tolerations.addObject();
        t.put("key", key);
        t.put("operator", "Exists");
        t.put("effect", "NoExecute");
        t.put("tolerationSeconds", DEFAULT_TOLERATION_SECONDS);
    }
}
