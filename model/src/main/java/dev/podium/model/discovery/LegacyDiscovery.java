package dev.podium.model.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.ResourceKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The unaggregated discovery documents: /api, /apis, /apis/{group} and the APIResourceLists. */
public final class LegacyDiscovery {
    private final ServedApis apis;

    public LegacyDiscovery(List<ResourceKind> kinds) {
        this.apis = new ServedApis(kinds);
    }

    /** /api. Like kube, the core documents carry no apiVersion. */
    public ObjectNode apiVersions(String serverAddress) {
        ObjectNode doc = Json.object();
        doc.put("kind", "APIVersions");
        ArrayNode versions = doc.putArray("versions");
        apis.versions("").forEach(versions::add);
        doc.putArray("serverAddressByClientCIDRs").addObject()
                .put("clientCIDR", "0.0.0.0/0").put("serverAddress", serverAddress);
        return doc;
    }

    /** /apis: every group but the core one. */
    public ObjectNode apiGroupList() {
        ObjectNode doc = Json.object();
        doc.put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = doc.putArray("groups");
        for (String g : apis.nonCoreGroups()) groups.add(group(g));
        return doc;
    }

    /** /apis/{group}; empty when the group is not served. */
    public Optional<ObjectNode> apiGroup(String group) {
        if (group.isEmpty() || apis.versions(group).isEmpty()) return Optional.empty();
        ObjectNode doc = Json.object();
        doc.put("kind", "APIGroup").put("apiVersion", "v1");
        doc.setAll(group(group));
        return Optional.of(doc);
    }

    /** /api/v1 ({@code "v1"}) or /apis/{group}/{version} ({@code "group/version"}); empty when not served. */
    public Optional<ObjectNode> resourceList(String groupVersion) {
        List<ResourceKind> kinds = apis.kinds(groupVersion);
        if (kinds.isEmpty()) return Optional.empty();
        ObjectNode doc = Json.object();
        doc.put("kind", "APIResourceList");
        if (groupVersion.contains("/")) doc.put("apiVersion", "v1");
        doc.put("groupVersion", groupVersion);
        List<ObjectNode> resources = new ArrayList<>();
        for (ResourceKind k : kinds) {
            resources.add(resource(k));
            for (Subresource s : Subresources.of(k)) resources.add(subresource(k, s));
        }
        resources.sort(Comparator.comparing(r -> r.get("name").asText()));
        doc.putArray("resources").addAll(resources);
        return Optional.of(doc);
    }

    private ObjectNode group(String group) {
        ObjectNode g = Json.object();
        g.put("name", group);
        ArrayNode versions = g.putArray("versions");
        for (String v : apis.versions(group)) versions.add(groupVersion(group, v));
        g.set("preferredVersion", groupVersion(group, apis.versions(group).get(0)));
        return g;
    }

    private static ObjectNode groupVersion(String group, String version) {
        ObjectNode gv = Json.object();
        gv.put("groupVersion", ServedApis.groupVersion(group, version)).put("version", version);
        return gv;
    }

    private static ObjectNode resource(ResourceKind k) {
        ObjectNode r = Json.object();
        r.put("name", k.plural()).put("singularName", k.singular()).put("namespaced", k.namespaced()).put("kind", k.kind());
        k.verbs().forEach(r.putArray("verbs")::add);
        if (!k.shortNames().isEmpty()) k.shortNames().forEach(r.putArray("shortNames")::add);
        if (!k.categories().isEmpty()) k.categories().forEach(r.putArray("categories")::add);
        r.put("storageVersionHash", StorageVersionHash.of(k.group(), k.version(), k.kind()));
        return r;
    }

    private static ObjectNode subresource(ResourceKind k, Subresource s) {
        ObjectNode r = Json.object();
        r.put("name", k.plural() + "/" + s.name()).put("singularName", "").put("namespaced", k.namespaced());
        String group = Subresources.group(k, s);
        String version = Subresources.version(k, s);
        if (!group.equals(k.group()) || !version.equals(k.version())) r.put("group", group).put("version", version);
        r.put("kind", s.kind());
        s.verbs().forEach(r.putArray("verbs")::add);
        return r;
    }
}
