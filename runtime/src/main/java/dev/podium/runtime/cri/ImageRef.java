package dev.podium.runtime.cri;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An image reference as Docker and containerd normalize it ({@code busybox} is
 * {@code docker.io/library/busybox:latest}), and the pull policy Kubernetes defaults from it.
 */
public record ImageRef(String domain, String path, String tag, String digest) {

    public static ImageRef parse(String ref) {
        if (ref == null || ref.isBlank()) throw new IllegalArgumentException("image reference is empty");
        String rest = ref.strip();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String domain = "docker.io";
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                domain = first;
                rest = rest.substring(slash + 1);
            }
        }
        if (domain.equals("docker.io") && !rest.contains("/")) rest = "library/" + rest;
        if (tag == null && digest == null) tag = "latest";
        return new ImageRef(domain, rest, tag, digest);
    }

    /** The full reference containerd stores the image under. */
    public String normalized() {
        return domain + "/" + path + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    /** The container's {@code imagePullPolicy}, or Kubernetes' default: Always for {@code :latest} (or no tag), else IfNotPresent. */
    public static String pullPolicy(JsonNode container) {
        String p = container.path("imagePullPolicy").asText("");
        if (!p.isEmpty()) return p;
        ImageRef r = parse(container.path("image").asText());
        return r.digest() == null && "latest".equals(r.tag()) ? "Always" : "IfNotPresent";
    }
}
