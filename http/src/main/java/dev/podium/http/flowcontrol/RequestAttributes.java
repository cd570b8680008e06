package dev.podium.http.flowcontrol;

/**
 * What flow schemas match on: the subject, the verb (kube's: get, list, watch, create, update,
 * patch, delete, deletecollection; the lower-case HTTP method for non-resource URLs) and either the
 * resource ({@code pods} or {@code pods/status}, group, namespace) or the URL path.
 */
public record RequestAttributes(RequestSubject subject, String verb, boolean resourceRequest, String apiGroup, String resource,
                                String namespace, String path) {
    public static RequestAttributes resource(RequestSubject subject, String verb, String apiGroup, String resource, String namespace) {
        return new RequestAttributes(subject, verb, true, apiGroup, resource, namespace == null ? "" : namespace, null);
    }

    public static RequestAttributes nonResource(RequestSubject subject, String verb, String path) {
        return new RequestAttributes(subject, verb, false, null, null, "", path);
    }

    /**
     * Requests that stream for as long as the client wants: never queued and never holding a seat
     * (kube's long-running check, watches apart: they are admitted, then hold no seat once started).
     */
    public boolean longRunning() {
        if (!resourceRequest) return path.startsWith("/debug/pprof/");
        int slash = resource.indexOf('/');
        String sub = slash < 0 ? "" : resource.substring(slash + 1);
        return verb.equals("proxy") || sub.equals("exec") || sub.equals("attach") || sub.equals("log")
                || sub.equals("portforward") || sub.equals("proxy");
    }
}
