package dev.podium.model.discovery;

import dev.podium.model.kinds.ResourceKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The served kinds arranged as discovery presents them: groups, their versions, each version's kinds. */
final class ServedApis {
    private final Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
    private final Map<String, List<ResourceKind>> kindsByGroupVersion = new LinkedHashMap<>();

    ServedApis(List<ResourceKind> kinds) {
        for (ResourceKind k : kinds) {
            List<String> versions = versionsByGroup.computeIfAbsent(k.group(), g -> new ArrayList<>());
            if (!versions.contains(k.version())) versions.add(k.version());
            kindsByGroupVersion.computeIfAbsent(k.groupVersion(), gv -> new ArrayList<>()).add(k);
        }
        versionsByGroup.values().forEach(v -> v.sort(VersionPriority.HIGHEST_FIRST));
        kindsByGroupVersion.values().forEach(v -> v.sort(Comparator.comparing(ResourceKind::plural)));
    }

    /** Groups in the order their first kind is registered; "" is the core group. */
    List<String> groups() {
        return List.copyOf(versionsByGroup.keySet());
    }

    List<String> nonCoreGroups() {
        return groups().stream().filter(g -> !g.isEmpty()).toList();
    }

    /** Highest priority first; the first is the preferred version. Empty for an unknown group. */
    List<String> versions(String group) {
        return versionsByGroup.getOrDefault(group, List.of());
    }

    /** The kinds of {@code "v1"} or {@code "group/version"}, by plural name. Empty when not served. */
    List<ResourceKind> kinds(String groupVersion) {
        return kindsByGroupVersion.getOrDefault(groupVersion, List.of());
    }

    List<String> groupVersions() {
        List<String> out = new ArrayList<>();
        for (String g : groups()) {
            for (String v : versions(g)) out.add(groupVersion(g, v));
        }
        return out;
    }

    static String groupVersion(String group, String version) {
        return group.isEmpty() ? version : group + "/" + version;
    }
}
