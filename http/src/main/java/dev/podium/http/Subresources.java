package dev.podium.http;

import dev.podium.model.kinds.ResourceKind;

/** Which subresources the API serves for which kind (discovery advertises the same set). */
final class Subresources {
    private Subresources() {}

    static boolean served(ResourceKind kind, String subresource) {
        return switch (subresource) {
            case "status" -> kind.statusSubresource();
            case "finalize" -> kind.kind().equals("Namespace");
            case "binding", "log", "eviction" -> kind.kind().equals("Pod") && kind.group().isEmpty();
            case "scale" -> ScaleHandler.serves(kind);
            case "token" -> kind.kind().equals("ServiceAccount") && kind.group().isEmpty();
            default -> false;
        };
    }
}
