package dev.podium.http.aggregation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.kinds.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.ArrayList;
import java.util.List;

/** The resources an extension server lists in its APIResourceList, as kinds discovery can show beside the member's own. */
final class ExtensionKinds {
    private ExtensionKinds() {}

    static List<ResourceKind> of(String group, String version, JsonNode resourceList) {
        List<String> names = new ArrayList<>();
        resourceList.path("resources").forEach(r -> names.add(r.path("name").asText()));
        List<ResourceKind> out = new ArrayList<>();
        for (JsonNode r : resourceList.path("resources")) {
            String name = r.path("name").asText();
            if (name.isEmpty() || name.contains("/")) continue;
            List<String> shortNames = new ArrayList<>();
            r.path("shortNames").forEach(s -> shortNames.add(s.asText()));
            List<String> categories = new ArrayList<>();
            r.path("categories").forEach(s -> categories.add(s.asText()));
            out.add(new ResourceKind(group, version, r.path("kind").asText(), name, r.path("namespaced").asBoolean(false), List.copyOf(shortNames),
                    List.copyOf(categories), names.contains(name + "/status"), GenericKubernetesResource.class, KindRules.NONE));
        }
        return out;
    }
}
