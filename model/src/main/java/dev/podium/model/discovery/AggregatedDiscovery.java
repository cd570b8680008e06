package dev.podium.model.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.ResourceKind;

import java.util.List;

/** apidiscovery.k8s.io/v2 APIGroupDiscoveryList documents, what kubectl 1.32 asks /api and /apis for first. */
public final class AggregatedDiscovery {
    public static final String CONTENT_TYPE = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    private final ServedApis apis;

    public AggregatedDiscovery(List<ResourceKind> kinds) {
        this.apis = new ServedApis(kinds);
    }

    /** /api: one item for the core group, whose metadata has no name. */
    public ObjectNode legacy() {
        ObjectNode doc = list();
        if (!apis.versions("").isEmpty()) doc.withArray("items").add(group(""));
        return doc;
    }

    /** /apis: one item per non-core group. */
    public ObjectNode groups() {
        ObjectNode doc = list();
        ArrayNode items = doc.withArray("items");
        for (String g : apis.nonCoreGroups()) items.add(group(g));
        return doc;
    }

    private static ObjectNode list() {
        ObjectNode doc = Json.object();
        doc.put("kind", "APIGroupDiscoveryList").put("apiVersion", "apidiscovery.k8s.io/v2");
        doc.putObject("metadata");
        doc.putArray("items");
        return doc;
    }

    private ObjectNode group(String group) {
        ObjectNode item = Json.object();
        ObjectNode meta = item.putObject("metadata");
        if (!group.isEmpty()) meta.put("name", group);
        ArrayNode versions = item.putArray("versions");
        for (String v : apis.versions(group)) {
            ObjectNode version = versions.addObject();
            version.put("version", v);
            ArrayNode resources = version.putArray("resources");
            for (ResourceKind k : apis.kinds(ServedApis.groupVersion(group, v))) resources.add(resource(k));
            version.put("freshness", "Current");
        }
        return item;
    }

    private static ObjectNode resource(ResourceKind k) {
        ObjectNode r = Json.object();
        r.put("resource", k.plural());
        r.set("responseKind", gvk(k.group(), k.version(), k.kind()));
        r.put("scope", k.namespaced() ? "Namespaced" : "Cluster");
        r.put("singularResource", k.singular());
        k.verbs().forEach(r.putArray("verbs")::add);
        if (!k.shortNames().isEmpty()) k.shortNames().forEach(r.putArray("shortNames")::add);
        if (!k.categories().isEmpty()) k.categories().forEach(r.putArray("categories")::add);
        List<Subresource> subs = Subresources.of(k);
        if (!subs.isEmpty()) {
            ArrayNode out = r.putArray("subresources");
            for (Subresource s : subs) {
                ObjectNode sub = out.addObject();
                sub.put("subresource", s.name());
                sub.set("responseKind", gvk(Subresources.group(k, s), Subresources.version(k, s), s.kind()));
                s.verbs().forEach(sub.putArray("verbs")::add);
            }
        }
        return r;
    }

    private static ObjectNode gvk(String group, String version, String kind) {
        ObjectNode n = Json.object();
        n.put("group", group).put("version", version).put("kind", kind);
        return n;
    }
}
