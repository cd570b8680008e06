package dev.podium.model.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.validation.Nodes;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Cookie session affinity an Ingress asks for with ingress-nginx's annotations; {@link #NONE}
 * when it asks for none. {@code cookieName} is empty exactly when there is no affinity.
 */
public record Affinity(String cookieName, OptionalLong maxAgeSeconds, Optional<String> cookiePath) {
    public static final Affinity NONE = new Affinity("", OptionalLong.empty(), Optional.empty());
    public static final String DEFAULT_COOKIE_NAME = "INGRESSCOOKIE";
    private static final String PREFIX = "nginx.ingress.kubernetes.io/";

    public boolean sticky() {
        return !cookieName.isEmpty();
    }

    /** From the Ingress' annotations; only the "cookie" affinity exists, other values mean none. */
    public static Affinity of(JsonNode ingress) {
        Map<String, String> annotations = Nodes.stringMap(ingress.get("metadata"), "annotations");
        if (!"cookie".equals(annotations.get(PREFIX + "affinity"))) return NONE;
        String name = annotations.getOrDefault(PREFIX + "session-cookie-name", "");
        String path = annotations.getOrDefault(PREFIX + "session-cookie-path", "");
        return new Affinity(name.isEmpty() ? DEFAULT_COOKIE_NAME : name, seconds(annotations.get(PREFIX + "session-cookie-max-age")),
                path.isEmpty() ? Optional.empty() : Optional.of(path));
    }

    private static OptionalLong seconds(String value) {
        if (value == null) return OptionalLong.empty();
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
