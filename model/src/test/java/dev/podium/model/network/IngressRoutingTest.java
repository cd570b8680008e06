package dev.podium.model.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static dev.podium.model.validation.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class IngressRoutingTest {
    static ObjectNode ingress(String namespace, String name, String created, String annotations, String spec) {
        return yaml("metadata: {namespace: " + namespace + ", name: " + name + ", creationTimestamp: '" + created + "', annotations: {"
                + annotations + "}}\nspec: " + spec);
    }

    static String path(String type, String path, String service) {
        return "{pathType: " + type + ", path: '" + path + "', backend: {service: {name: " + service + ", port: {number: 80}}}}";
    }

    static String rule(String host, String... paths) {
        return "{" + (host.isEmpty() ? "" : "host: '" + host + "', ") + "http: {paths: [" + String.join(", ", paths) + "]}}";
    }

    static final IngressRouting ROUTING = IngressRouting.of(List.of(
            ingress("d", "main", "2024-01-01T00:00:00Z", "", "{rules: ["
                    + rule("foo.com", path("Exact", "/foo", "exact-foo"), path("Prefix", "/foo", "prefix-foo"),
                            path("Prefix", "/", "foo-root"), path("Prefix", "/api", "api"), path("Prefix", "/api/v1/", "api-v1"),
                            path("ImplementationSpecific", "/static", "static"))
                    + ", " + rule("*.foo.com", path("Prefix", "/", "wildcard"))
                    + ", " + rule("bar.com", path("Prefix", "/only", "bar-only"))
                    + ", " + rule("", path("Prefix", "/shared", "any-host"))
                    + "]}")));

    @ParameterizedTest(name = "{0}{1} -> {2}")
    @CsvSource(nullValues = "-", value = {
            "foo.com,         /foo,           exact-foo",
            "foo.com,         /foo/,          prefix-foo",
            "foo.com,         /foo/bar,       prefix-foo",
            "foo.com,         /foobar,        foo-root",
            "foo.com,         /,              foo-root",
            "foo.com,         '',             foo-root",
            "foo.com,         /api,           api",
            "foo.com,         /api/v1,        api-v1",
            "foo.com,         /api/v1/users,  api-v1",
            "foo.com,         /api/v2,        api",
            "foo.com,         /apiv1,         foo-root",
            "foo.com,         /static/a.css,  static",
            "foo.com,         /foo?x=1,       exact-foo",
            "FOO.com:8080,    /foo,           exact-foo",
            "bar.foo.com,     /anything,      wildcard",
            "a.b.foo.com,     /anything,      -",
            "a.b.foo.com,     /shared/x,      any-host",
            "bar.com,         /only,          bar-only",
            "bar.com,         /shared,        any-host",
            "bar.com,         /other,         -",
            "unknown.org,     /shared,        any-host",
            "unknown.org,     /,              -",
    })
    void routesByHostThenPath(String host, String path, String service) {
        assertThat(ROUTING.route(host, path).map(IngressBackend::serviceName)).isEqualTo(Optional.ofNullable(service));
    }

    @Test
    void theBareDomainIsNotCoveredByItsWildcard() {
        IngressRouting routing = IngressRouting.of(List.of(ingress("d", "w", "2024-01-01T00:00:00Z", "",
                "{rules: [" + rule("*.foo.com", path("Prefix", "/", "wildcard")) + "]}")));
        assertThat(routing.route("foo.com", "/")).isEmpty();
        assertThat(routing.route("x.foo.com", "/")).isPresent();
    }

    @Test
    void theOldestIngressWinsAPathBothClaim() {
        ObjectNode older = ingress("b", "older", "2024-01-01T00:00:00Z", "", "{rules: [" + rule("foo.com", path("Prefix", "/", "old")) + "]}");
        ObjectNode newer = ingress("a", "newer", "2024-02-01T00:00:00Z", "", "{rules: [" + rule("foo.com", path("Prefix", "/", "new"),
                path("Prefix", "/new", "new-only")) + "]}");
        IngressRouting routing = IngressRouting.of(List.of(newer, older));
        assertThat(routing.route("foo.com", "/x")).map(IngressBackend::serviceName).contains("old");
        assertThat(routing.route("foo.com", "/new")).map(IngressBackend::serviceName).contains("new-only");
        ObjectNode sameAgeOtherNamespace = ingress("a", "same-age", "2024-01-01T00:00:00Z", "",
                "{rules: [" + rule("foo.com", path("Prefix", "/", "namespace-a")) + "]}");
        assertThat(IngressRouting.of(List.of(older, sameAgeOtherNamespace)).route("foo.com", "/"))
                .map(IngressBackend::serviceName).contains("namespace-a");
    }

    @Test
    void unmatchedRequestsGoToTheOldestDefaultBackend() {
        ObjectNode newer = ingress("d", "newer", "2024-02-01T00:00:00Z", "",
                "{defaultBackend: {service: {name: new-default, port: {name: http}}}}");
        ObjectNode older = ingress("d", "older", "2024-01-01T00:00:00Z", "",
                "{defaultBackend: {service: {name: old-default, port: {name: http}}}, rules: [" + rule("foo.com", path("Exact", "/", "root")) + "]}");
        IngressRouting routing = IngressRouting.of(List.of(newer, older));
        assertThat(routing.route("foo.com", "/missing")).contains(
                new IngressBackend("d", "older", "old-default", "http", 0, Affinity.NONE));
        assertThat(routing.route("foo.com", "/")).map(IngressBackend::serviceName).contains("root");
    }

    @Test
    void resourceBackendsAreNotRouted() {
        IngressRouting routing = IngressRouting.of(List.of(ingress("d", "r", "2024-01-01T00:00:00Z", "",
                "{defaultBackend: {resource: {kind: Bucket, name: b}}, rules: [{host: foo.com, http: {paths: ["
                        + "{pathType: Prefix, path: /, backend: {resource: {kind: Bucket, name: b}}}]}}]}")));
        assertThat(routing.route("foo.com", "/")).isEmpty();
        assertThat(routing.backends()).isEmpty();
    }

    @Test
    void backendsListsEachDistinctBackendOnce() {
        ObjectNode a = ingress("d", "a", "2024-01-01T00:00:00Z", "", "{defaultBackend: {service: {name: web, port: {number: 80}}}, rules: ["
                + rule("foo.com", path("Prefix", "/", "web"), path("Prefix", "/api", "api")) + ", " + rule("bar.com", path("Prefix", "/", "web"))
                + "]}");
        assertThat(IngressRouting.of(List.of(a)).backends()).containsExactly(
                new IngressBackend("d", "a", "web", "", 80, Affinity.NONE),
                new IngressBackend("d", "a", "api", "", 80, Affinity.NONE));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "-", value = {
            "foo.com,      exact-cert",
            "FOO.COM,      exact-cert",
            "bar.foo.com,  wildcard-cert",
            "a.bar.foo.com, -",
            "other.com,    -",
    })
    void tlsSecretBySniExactBeforeWildcard(String sni, String secret) {
        ObjectNode wildcardFirst = ingress("certs", "w", "2024-01-01T00:00:00Z", "",
                "{tls: [{hosts: ['*.foo.com'], secretName: wildcard-cert}, {hosts: [nosecret.com]}], rules: ["
                        + rule("foo.com", path("Prefix", "/", "web")) + "]}");
        ObjectNode exact = ingress("web", "e", "2024-02-01T00:00:00Z", "",
                "{tls: [{hosts: [foo.com, foo.com], secretName: exact-cert}], rules: [" + rule("foo.com", path("Prefix", "/", "web")) + "]}");
        IngressRouting routing = IngressRouting.of(List.of(wildcardFirst, exact));
        Optional<TlsSecret> found = routing.tlsSecret(sni);
        assertThat(found.map(TlsSecret::secretName)).isEqualTo(Optional.ofNullable(secret));
        if (secret != null) assertThat(found.get().namespace()).isEqualTo(secret.equals("exact-cert") ? "web" : "certs");
    }

    @Test
    void stickySessionsComeFromIngressNginxAnnotations() {
        String annotations = "nginx.ingress.kubernetes.io/affinity: cookie, nginx.ingress.kubernetes.io/session-cookie-name: ROUTE, "
                + "nginx.ingress.kubernetes.io/session-cookie-max-age: '3600', nginx.ingress.kubernetes.io/session-cookie-path: /app";
        IngressRouting routing = IngressRouting.of(List.of(
                ingress("d", "sticky", "2024-01-01T00:00:00Z", annotations, "{rules: [" + rule("a.com", path("Prefix", "/", "web")) + "]}"),
                ingress("d", "defaults", "2024-01-01T00:00:00Z", "nginx.ingress.kubernetes.io/affinity: cookie",
                        "{rules: [" + rule("b.com", path("Prefix", "/", "web")) + "]}"),
                ingress("d", "plain", "2024-01-01T00:00:00Z", "", "{rules: [" + rule("c.com", path("Prefix", "/", "web")) + "]}")));
        assertThat(routing.route("a.com", "/").get().affinity()).isEqualTo(new Affinity("ROUTE", OptionalLong.of(3600), Optional.of("/app")));
        assertThat(routing.route("b.com", "/").get().affinity()).isEqualTo(new Affinity("INGRESSCOOKIE", OptionalLong.empty(), Optional.empty()));
        assertThat(routing.route("c.com", "/").get().affinity()).isEqualTo(Affinity.NONE);
        assertThat(Affinity.NONE.sticky()).isFalse();
    }
}
