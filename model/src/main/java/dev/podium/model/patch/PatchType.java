package dev.podium.model.patch;

import java.util.Locale;
import java.util.Optional;

/** The PATCH body formats Kubernetes accepts, keyed by Content-Type. */
public enum PatchType {
    JSON_PATCH("application/json-patch+json"),
    MERGE_PATCH("application/merge-patch+json"),
    STRATEGIC_MERGE_PATCH("application/strategic-merge-patch+json"),
    /** Server-side apply; the body is YAML (JSON being a subset of it). */
    APPLY_PATCH("application/apply-patch+yaml");

    private final String mediaType;

    PatchType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Maps a Content-Type header, parameters such as {@code ; charset=utf-8} ignored, to a patch type. */
    public static Optional<PatchType> fromContentType(String contentType) {
        if (contentType == null) return Optional.empty();
        int semi = contentType.indexOf(';');
        String type = (semi >= 0 ? contentType.substring(0, semi) : contentType).trim().toLowerCase(Locale.ROOT);
        if (type.equals("application/apply-patch+json")) return Optional.of(APPLY_PATCH);
        for (PatchType t : values()) {
            if (t.mediaType.equals(type)) return Optional.of(t);
        }
        return Optional.empty();
    }
}
