package dev.podium.http;

import dev.podium.model.kinds.ResourceKind;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;

import java.util.Map;
import java.util.Optional;

/** One API request after routing: the path, the kind it addresses and how the client wants the answer. */
public record ApiRequest(HttpRequest http, ApiPath path, ResourceKind kind, Map<String, String> query, byte[] body) {

    public String param(String name) {
        return query.get(name);
    }

    /** A boolean parameter, read as kube-apiserver reads one ({@link QueryBool}); absent is false. */
    public boolean flag(String name) {
        return QueryBool.parse(query.get(name));
    }

    /** A boolean parameter that may be unset (kube's *bool options, such as orphanDependents). */
    public Optional<Boolean> optionalFlag(String name) {
        return QueryBool.parseOptional(query.get(name));
    }

    public boolean dryRun() {
        return "All".equals(query.get("dryRun"));
    }

    public String accept() {
        Optional<HttpHeader> h = http.getHeader("Accept");
        return h.map(HttpHeader::value).orElse("application/json");
    }

    /** kubectl asks for server-side printing with {@code as=Table} in its Accept header. */
    public boolean wantsTable() {
        return accept().contains("as=Table");
    }

    public boolean wantsYaml() {
        String a = accept();
        return a.startsWith("application/yaml") || a.startsWith("application/x-yaml") || a.startsWith("text/yaml");
    }

    public String namespace() {
        return path.namespace();
    }

    /** The watch cache key of the addressed object. */
    public String key() {
        return kind.namespaced() ? path.namespace() + "/" + path.name() : path.name();
    }
}
