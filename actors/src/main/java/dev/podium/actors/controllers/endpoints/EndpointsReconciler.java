package dev.podium.actors.controllers.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.ControllerRefs;
import dev.podium.actors.controllers.Observed;
import dev.podium.actors.controllers.Plan;
import dev.podium.actors.controllers.Reconciler;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.meta.OwnerReference;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Service's own controller: its load-balancer addresses ({@link LoadBalancerIngress}), and, with
 * a selector, its endpoints. A Service with a selector keeps its Endpoints (same name) and EndpointSlices (generated names,
 * at most {@link ServiceEndpoints#PER_SLICE} endpoints each) in step with the pods it selects:
 * their IPs, readiness, ports and termination. Pods tell the Services that select them when any
 * of that changes. Both kinds carry the Service's controller reference, so they go with it.
 */
public final class EndpointsReconciler implements Reconciler {
    static final ResourceKind ENDPOINTS = KindRegistry.get("Endpoints");
    static final ResourceKind SLICE = KindRegistry.get("EndpointSlice.discovery.k8s.io");

    @Override
    public List<ResourceKind> ownedKinds() {
        return List.of(ENDPOINTS, SLICE);
    }

    @Override
    public Plan reconcile(Observed observed) {
        ObjectNode service = observed.owner();
        Plan.Builder plan = new Plan.Builder();
        if (LoadBalancerIngress.concerns(service)) {
            ObjectNode status = LoadBalancerIngress.statusUpdate(service, observed.reads().list("Node"));
            if (status != null) plan.add(new Action.UpdateStatus(status));
        }
        if (!ServiceEndpoints.managed(service) || service.path("metadata").has("deletionTimestamp")) return plan.build();
        String namespace = service.path("metadata").path("namespace").asText();
        List<ObjectNode> pods = observed.reads().selected("Pod", namespace, ServiceEndpoints.selector(service));
        endpoints(service, observed, ServiceEndpoints.subsets(service, pods), plan);
        slices(service, observed.owned(SLICE.entityTypeName()), ServiceEndpoints.sliceGroups(service, pods), plan);
        return plan.build();
    }

    private static void endpoints(ObjectNode service, Observed observed, ArrayNode subsets, Plan.Builder plan) {
        String key = ControllerRefs.keyOf(service);
        ObjectNode labels = ServiceEndpoints.endpointsLabels(service);
        JsonNode current = observed.owned(ENDPOINTS.entityTypeName()).stream().findFirst()
                .map(JsonNode.class::cast).or(() -> observed.reads().get(ENDPOINTS.entityTypeName(), key)).orElse(null);
        if (current == null) {
            ObjectNode ep = Json.object().put("apiVersion", "v1").put("kind", "Endpoints");
            ObjectNode meta = ep.putObject("metadata");
            meta.put("name", service.path("metadata").path("name").asText()).put("namespace", service.path("metadata").path("namespace").asText());
            if (!labels.isEmpty()) meta.set("labels", labels);
            meta.putArray("ownerReferences").add(OwnerReference.controllerRefTo(service));
            if (!subsets.isEmpty()) ep.set("subsets", subsets);
            plan.add(new Action.Create(ENDPOINTS, ep, false));
            return;
        }
        boolean owned = service.path("metadata").path("uid").asText().equals(OwnerReference.controllerUid(current));
        JsonNode currentSubsets = current.path("subsets").isArray() ? current.path("subsets") : Json.MAPPER.createArrayNode();
        if (owned && currentSubsets.equals(subsets) && labelsOf(current).equals(labels)) return;
        ObjectNode patch = Json.object();
        ObjectNode meta = patch.putObject("metadata");
        meta.set("labels", labelPatch(labelsOf(current), labels));
        meta.putArray("ownerReferences").add(OwnerReference.controllerRefTo(service));
        if (subsets.isEmpty()) patch.putNull("subsets");
        else patch.set("subsets", subsets);
        plan.add(new Action.Patch(ENDPOINTS, key, 0, patch));
    }

    /** Reuses the slices whose ports match a group's, patches those whose endpoints or labels differ, creates or deletes the rest. */
    private static void slices(ObjectNode service, List<ObjectNode> existing, List<ServiceEndpoints.SliceGroup> groups, Plan.Builder plan) {
        ObjectNode labels = ServiceEndpoints.sliceLabels(service);
        List<ObjectNode> unused = new ArrayList<>(existing);
        for (ServiceEndpoints.SliceGroup group : groups) {
            List<ObjectNode> endpoints = group.endpoints();
            for (int from = 0; from < endpoints.size(); from += ServiceEndpoints.PER_SLICE) {
                ArrayNode chunk = Json.MAPPER.createArrayNode();
                endpoints.subList(from, Math.min(endpoints.size(), from + ServiceEndpoints.PER_SLICE)).forEach(chunk::add);
                Optional<ObjectNode> reuse = pick(unused, group, chunk);
                if (reuse.isEmpty()) {
                    plan.add(new Action.Create(SLICE, slice(service, labels, group, chunk), true));
                    continue;
                }
                ObjectNode slice = reuse.get();
                unused.remove(slice);
                if (slice.path("endpoints").equals(chunk) && labelsOf(slice).equals(labels)) continue;
                plan.add(slicePatch(slice, labels, chunk, group.ports()));
            }
        }
        if (groups.isEmpty()) {
            // kube keeps one empty slice for a Service that selects no ready or unready pod
            if (unused.isEmpty()) {
                ServiceEndpoints.SliceGroup none = new ServiceEndpoints.SliceGroup("IPv4", Json.MAPPER.createArrayNode(), List.of());
                plan.add(new Action.Create(SLICE, slice(service, labels, none, Json.MAPPER.createArrayNode()), true));
                return;
            }
            ObjectNode kept = unused.remove(0);
            if (!kept.path("endpoints").isEmpty() || !kept.path("ports").isEmpty() || !labelsOf(kept).equals(labels)) {
                plan.add(slicePatch(kept, labels, null, null));
            }
        }
        for (ObjectNode slice : unused) {
            plan.add(new Action.Delete(SLICE, ControllerRefs.keyOf(slice), slice.path("metadata").path("uid").asText(), ""));
        }
    }

    /** Rewrites a slice's labels, endpoints and ports (null ones are removed), if it is still the slice with its uid. */
    private static Action slicePatch(JsonNode slice, ObjectNode labels, ArrayNode endpoints, ArrayNode ports) {
        ObjectNode patch = Json.object();
        patch.putObject("metadata").put("uid", slice.path("metadata").path("uid").asText()).set("labels", labelPatch(labelsOf(slice), labels));
        patch.set("endpoints", endpoints == null ? patch.nullNode() : endpoints);
        patch.set("ports", ports == null ? patch.nullNode() : ports);
        return new Action.Patch(SLICE, ControllerRefs.keyOf(slice), 0, patch);
    }

    /** An unused slice of the group's address type and ports, the one already holding these endpoints first. */
    private static Optional<ObjectNode> pick(List<ObjectNode> unused, ServiceEndpoints.SliceGroup group, ArrayNode chunk) {
        List<ObjectNode> candidates = unused.stream()
                .filter(s -> group.addressType().equals(s.path("addressType").asText()) && portsOf(s).equals(group.ports())).toList();
        return candidates.stream().filter(s -> s.path("endpoints").equals(chunk)).findFirst().or(() -> candidates.stream().findFirst());
    }

    private static ObjectNode slice(ObjectNode service, ObjectNode labels, ServiceEndpoints.SliceGroup group, ArrayNode endpoints) {
        ObjectNode slice = Json.object().put("apiVersion", "discovery.k8s.io/v1").put("kind", "EndpointSlice");
        ObjectNode meta = slice.putObject("metadata");
        meta.put("generateName", service.path("metadata").path("name").asText() + "-").put("namespace", service.path("metadata").path("namespace").asText());
        meta.set("labels", labels);
        meta.putArray("ownerReferences").add(OwnerReference.controllerRefTo(service));
        slice.put("addressType", group.addressType());
        slice.set("endpoints", endpoints);
        slice.set("ports", group.ports());
        return slice;
    }

    private static JsonNode portsOf(JsonNode slice) {
        return slice.path("ports").isArray() ? slice.path("ports") : Json.MAPPER.createArrayNode();
    }

    private static ObjectNode labelsOf(JsonNode object) {
        JsonNode labels = object.path("metadata").path("labels");
        return labels.isObject() ? (ObjectNode) labels : Json.object();
    }

    /** A merge patch from one label map to another: the wanted labels, and null for each one to drop. */
    private static ObjectNode labelPatch(ObjectNode current, ObjectNode wanted) {
        ObjectNode patch = wanted.deepCopy();
        current.fieldNames().forEachRemaining(k -> {
            if (!wanted.has(k)) patch.putNull(k);
        });
        return patch;
    }

}
