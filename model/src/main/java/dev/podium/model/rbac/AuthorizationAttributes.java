package dev.podium.model.rbac;

/**
 * What a request asks to do, as kube's authorizer.Attributes: a verb on a resource (group,
 * resource, subresource, namespace, name; empty strings when absent) or a verb on a URL path.
 */
public record AuthorizationAttributes(String verb, boolean resourceRequest, String apiGroup, String resource, String subresource,
                                      String namespace, String name, String path) {
    public static AuthorizationAttributes resource(String verb, String apiGroup, String resource, String subresource, String namespace, String name) {
        return new AuthorizationAttributes(verb, true, nz(apiGroup), nz(resource), nz(subresource), nz(namespace), nz(name), "");
    }

    public static AuthorizationAttributes nonResource(String verb, String path) {
        return new AuthorizationAttributes(verb, false, "", "", "", "", "", path);
    }

    /** {@code pods} or {@code pods/log}. */
    public String resourceWithSubresource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    /** kube-apiserver's wording of a denial (responsewriters.forbiddenMessage). */
    public String forbiddenMessage(String user) {
        if (!resourceRequest) return "User \"" + user + "\" cannot " + verb + " path \"" + path + "\"";
        String scope = namespace.isEmpty() ? "at the cluster scope" : "in the namespace \"" + namespace + "\"";
        return "User \"" + user + "\" cannot " + verb + " resource \"" + resourceWithSubresource() + "\" in API group \"" + apiGroup + "\" " + scope;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
