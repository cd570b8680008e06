package dev.podium.model.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

/** The /version document: Podium reports itself as Kubernetes 1.32. */
public final class ServerVersion {
    public static final String MAJOR = "1";
    public static final String MINOR = "32";
    public static final String GIT_VERSION = "v1.32.0-podium";

    private ServerVersion() {}

    public static ObjectNode json() {
        ObjectNode v = Json.object();
        v.put("major", MAJOR)
                .put("minor", MINOR)
                .put("gitVersion", GIT_VERSION)
                .put("gitCommit", "0000000000000000000000000000000000000000")
                .put("gitTreeState", "clean")
                .put("buildDate", "2024-12-11T00:00:00Z")
                .put("goVersion", "go1.23.3")
                .put("compiler", "gc")
                .put("platform", "linux/amd64");
        return v;
    }
}
