package dev.podium.actors.scheduler.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.Pods;
import dev.podium.model.api.ApiException;
import dev.podium.model.selectors.LabelSelector;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A PodAffinityTerm as kube's framework.AffinityTerm: the label selector, the namespaces it
 * looks in (the owning pod's own when neither namespaces nor namespaceSelector is given), the
 * topology key, and the weight for preferred terms (0 for required ones).
 */
public record AffinityTerm(LabelSelector selector, Set<String> namespaces, LabelSelector namespaceSelector,
                           String topologyKey, long weight) {

    public static List<AffinityTerm> requiredAffinity(JsonNode pod) {
        return required(pod, "podAffinity");
    }

    public static List<AffinityTerm> requiredAntiAffinity(JsonNode pod) {
        return required(pod, "podAntiAffinity");
    }

    public static List<AffinityTerm> preferredAffinity(JsonNode pod) {
        return preferred(pod, "podAffinity");
    }

    public static List<AffinityTerm> preferredAntiAffinity(JsonNode pod) {
        return preferred(pod, "podAntiAffinity");
    }

    private static List<AffinityTerm> required(JsonNode pod, String kind) {
        JsonNode a = Pods.at(pod, "spec", "affinity", kind);
        List<AffinityTerm> out = new ArrayList<>();
        for (ObjectNode t : Nodes.objects(a, "requiredDuringSchedulingIgnoredDuringExecution")) out.add(of(t, Pods.namespace(pod), 0));
        return out;
    }

    private static List<AffinityTerm> preferred(JsonNode pod, String kind) {
        JsonNode a = Pods.at(pod, "spec", "affinity", kind);
        List<AffinityTerm> out = new ArrayList<>();
        for (ObjectNode w : Nodes.objects(a, "preferredDuringSchedulingIgnoredDuringExecution")) {
            Long weight = Nodes.integer(w, "weight");
            if (weight == null || weight == 0) continue;
            out.add(of(Nodes.obj(w, "podAffinityTerm"), Pods.namespace(pod), weight));
        }
        return out;
    }

    private static AffinityTerm of(JsonNode term, String ownNamespace, long weight) {
        List<String> namespaces = Nodes.strings(term, "namespaces");
        JsonNode nsSelector = term == null ? null : term.get("namespaceSelector");
        if (namespaces.isEmpty() && (nsSelector == null || nsSelector.isNull())) namespaces = List.of(ownNamespace);
        return new AffinityTerm(selector(term == null ? null : term.get("labelSelector")), Set.copyOf(namespaces),
                selector(nsSelector), Nodes.str(term, "topologyKey"), weight);
    }

    /** Null selects nothing, {} everything; an invalid selector (which validation rejects) selects nothing. */
    static LabelSelector selector(JsonNode s) {
        try {
            return LabelSelector.fromObject(s);
        } catch (ApiException e) {
            return LabelSelector.nothing();
        }
    }

    /** Does {@code pod}, whose namespace carries {@code namespaceLabels}, match this term? */
    public boolean matches(JsonNode pod, Map<String, String> namespaceLabels) {
        boolean inNamespace = namespaces.contains(Pods.namespace(pod)) || namespaceSelector.matches(namespaceLabels);
        return inNamespace && selector.matchesObject(pod);
    }
}
