package dev.podium.model.discovery;

import java.util.List;

/**
 * A subresource such as {@code status} or {@code eviction}. Group, version and kind name what it
 * reads and writes; a null group or version means the parent's (kind is always set).
 */
public record Subresource(String name, String group, String version, String kind, List<String> verbs) {
    public static Subresource sameGroup(String name, String kind, List<String> verbs) {
        return new Subresource(name, null, null, kind, List.copyOf(verbs));
    }
}
