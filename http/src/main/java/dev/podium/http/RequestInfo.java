package dev.podium.http;

import dev.podium.http.flowcontrol.RequestAttributes;
import dev.podium.http.flowcontrol.RequestSubject;
import dev.podium.model.rbac.AuthorizationAttributes;
import org.apache.pekko.http.javadsl.model.HttpRequest;

import java.util.List;
import java.util.Map;

/** kube's RequestInfo for a request: the verb and resource it acts on, or its path when it names no resource (discovery, health, OpenAPI). */
final class RequestInfo {
    private RequestInfo() {}

    static RequestAttributes of(HttpRequest request, List<String> segments, Map<String, String> query, RequestSubject subject) {
        String method = request.method().name().toLowerCase(java.util.Locale.ROOT);
        ApiPath path = ApiPath.parse(segments);
        if (path == null || path.isMalformed()) return RequestAttributes.nonResource(subject, method, request.getUri().path());
        String namespace = path.namespace();
        if (path.resource().equals("namespaces") && path.name() != null) namespace = path.name();
        boolean watch = QueryBool.parse(query.get("watch"));
        String verb = switch (method) {
            case "get", "head" -> watch ? "watch" : path.isCollection() ? "list" : "get";
            case "post" -> "create";
            case "put" -> "update";
            case "patch" -> "patch";
            case "delete" -> path.isCollection() ? "deletecollection" : "delete";
            default -> method;
        };
        String resource = path.subresource() == null ? path.resource() : path.resource() + "/" + path.subresource();
        return RequestAttributes.resource(subject, verb, path.group(), resource, namespace);
    }

    /**
     * What RBAC is asked for the request. A GET that opens exec, attach or port-forward (WebSocket)
     * is also a create, as kube-apiserver authorizes it since 1.31.
     */
    static AuthorizationAttributes authorization(HttpRequest request, List<String> segments, Map<String, String> query) {
        RequestAttributes a = of(request, segments, query, RequestSubject.ANONYMOUS);
        if (!a.resourceRequest()) return AuthorizationAttributes.nonResource(a.verb(), a.path());
        ApiPath path = ApiPath.parse(segments);
        String sub = path.subresource() == null ? "" : path.subresource();
        String verb = a.verb().equals("get") && (sub.equals("exec") || sub.equals("attach") || sub.equals("portforward")) ? "create" : a.verb();
        String name = path.name() == null ? "" : path.name();
        return AuthorizationAttributes.resource(verb, path.group(), path.resource(), sub, a.namespace(), name);
    }
}
