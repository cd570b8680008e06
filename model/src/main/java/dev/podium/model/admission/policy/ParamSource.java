package dev.podium.model.admission.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/** Where a policy's params come from: the served kinds and the objects of one kind, as a cache holds them. */
public interface ParamSource {
    enum Scope { NAMESPACED, CLUSTER }

    /** The scope of objects of apiVersion ("v1", "example.com/v1") and kind; empty when no such kind is served. */
    Optional<Scope> scope(String apiVersion, String kind);

    /** Every object of the kind in {@code namespace}, or of the whole cluster when the kind is cluster-scoped (namespace null). */
    List<ObjectNode> list(String apiVersion, String kind, String namespace);

    /** A source serving no kinds: policies with a paramKind fail to configure. */
    static ParamSource none() {
        return new ParamSource() {
            @Override
            public Optional<Scope> scope(String apiVersion, String kind) {
                return Optional.empty();
            }

            @Override
            public List<ObjectNode> list(String apiVersion, String kind, String namespace) {
                return List.of();
            }
        };
    }
}
