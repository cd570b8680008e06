package dev.podium.actors.kubelet;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The nodes whose containers run in this JVM, by name: where pod logs can be read from. */
public final class LocalNodes {
    private final Map<String, LocalNode> byName;

    public LocalNodes(List<LocalNode> nodes) {
        this.byName = nodes.stream().collect(Collectors.toUnmodifiableMap(LocalNode::name, Function.identity()));
    }

    public Optional<LocalNode> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<LocalNode> all() {
        return List.copyOf(byName.values());
    }
}
