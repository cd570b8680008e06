package dev.podium.model.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.json.Json;

import java.util.List;
import java.util.stream.Collectors;

/** Builds API objects from YAML text for tests. */
public final class Fixtures {
    private Fixtures() {}

    public static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) Json.YAML.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** "field: message" lines, the way kube-apiserver prints them. */
    public static List<String> render(List<Cause> causes) {
        return causes.stream().map(c -> c.field() + ": " + c.message()).collect(Collectors.toList());
    }

    public static List<String> fields(List<Cause> causes) {
        return causes.stream().map(Cause::field).collect(Collectors.toList());
    }
}
