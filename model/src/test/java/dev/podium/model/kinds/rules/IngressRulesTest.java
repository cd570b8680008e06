package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.validation.Defaulter;
import dev.podium.model.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.model.validation.Fixtures.render;
import static dev.podium.model.validation.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class IngressRulesTest {
    static final KindFixtures INGRESS = KindFixtures.of("Ingress.networking.k8s.io");
    static final String META = "metadata: {name: web, namespace: d}\n";
    static final String SERVICE = "{service: {name: web, port: {number: 80}}}";
    static final String SUBDOMAIN_RULE = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
            + "and must start and end with an alphanumeric character (e.g. 'example.com', "
            + "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    static final String WILDCARD_RULE = "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must "
            + "consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', "
            + "regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    static String path(String path) {
        return "spec: {rules: [{host: foo.com, http: {paths: [" + path + "]}}]}";
    }

    static String backend(String backend) {
        return path("{path: /, pathType: Prefix, backend: " + backend + "}");
    }

    @Test
    void isANamespacedNetworkingKindWithStatus() {
        ResourceKind kind = INGRESS.kind();
        assertThat(kind.apiVersion()).isEqualTo("networking.k8s.io/v1");
        assertThat(kind.namespaced()).isTrue();
        assertThat(kind.shortNames()).containsExactly("ing");
        assertThat(kind.statusSubresource()).isTrue();
        assertThat(KindRegistry.byResource("networking.k8s.io", "v1", "ingresses")).contains(kind);
    }

    @Test
    void aCompleteIngressIsValid() {
        assertThat(INGRESS.create(META + """
                spec:
                  ingressClassName: podium
                  defaultBackend: {service: {name: fallback, port: {name: http}}}
                  tls: [{hosts: [foo.com, '*.bar.com'], secretName: foo-tls}]
                  rules:
                  - host: foo.com
                    http:
                      paths:
                      - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 8080}}}}
                      - {path: /exact, pathType: Exact, backend: {service: {name: api, port: {name: http}}}}
                      - {pathType: ImplementationSpecific, backend: {resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: static}}}
                  - host: '*.bar.com'
                    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: bar, port: {number: 80}}}}]}
                  - http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: any, port: {number: 80}}}}]}
                """)).isEmpty();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("spec: {}", List.of(
                        "spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified")),
                Arguments.of("spec: {rules: []}", List.of(
                        "spec: Invalid value: []networking.IngressRule{}: either `defaultBackend` or `rules` must be specified")),
                Arguments.of("spec: {rules: [{host: 1.2.3.4}]}", List.of(
                        "spec.rules[0].host: Invalid value: \"1.2.3.4\": must be a DNS name, not an IP address")),
                Arguments.of("spec: {rules: [{host: Foo_Bar}]}", List.of(
                        "spec.rules[0].host: Invalid value: \"Foo_Bar\": " + SUBDOMAIN_RULE)),
                Arguments.of("spec: {rules: [{host: '*.*.foo.com'}]}", List.of(
                        "spec.rules[0].host: Invalid value: \"*.*.foo.com\": " + WILDCARD_RULE)),
                Arguments.of("spec: {rules: [{host: foo.com, http: {paths: []}}]}", List.of(
                        "spec.rules[0].http.paths: Required value")),
                Arguments.of(path("{path: /, backend: " + SERVICE + "}"), List.of(
                        "spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified")),
                Arguments.of(path("{path: /, pathType: Regex, backend: " + SERVICE + "}"), List.of(
                        "spec.rules[0].http.paths[0].pathType: Unsupported value: \"Regex\": supported values: \"Exact\", \"ImplementationSpecific\", \"Prefix\"")),
                Arguments.of(path("{path: api, pathType: Prefix, backend: " + SERVICE + "}"), List.of(
                        "spec.rules[0].http.paths[0].path: Invalid value: \"api\": must be an absolute path")),
                Arguments.of(path("{pathType: Exact, backend: " + SERVICE + "}"), List.of(
                        "spec.rules[0].http.paths[0].path: Invalid value: \"\": must be an absolute path")),
                Arguments.of(path("{path: api, pathType: ImplementationSpecific, backend: " + SERVICE + "}"), List.of(
                        "spec.rules[0].http.paths[0].path: Invalid value: \"api\": must be an absolute path")),
                Arguments.of(path("{path: '/a//b', pathType: Prefix, backend: " + SERVICE + "}"), List.of(
                        "spec.rules[0].http.paths[0].path: Invalid value: \"/a//b\": must not contain '//'")),
                Arguments.of(path("{path: '/a/./b', pathType: Exact, backend: " + SERVICE + "}"), List.of(
                        "spec.rules[0].http.paths[0].path: Invalid value: \"/a/./b\": must not contain '/./'")),
                Arguments.of(path("{path: '/a/../b%2Fc', pathType: Prefix, backend: " + SERVICE + "}"), List.of(
                        "spec.rules[0].http.paths[0].path: Invalid value: \"/a/../b%2Fc\": must not contain '/../'",
                        "spec.rules[0].http.paths[0].path: Invalid value: \"/a/../b%2Fc\": must not contain '%2F'")),
                Arguments.of(path("{path: '/a%2fb/..', pathType: Prefix, backend: " + SERVICE + "}"), List.of(
                        "spec.rules[0].http.paths[0].path: Invalid value: \"/a%2fb/..\": must not contain '%2f'",
                        "spec.rules[0].http.paths[0].path: Invalid value: \"/a%2fb/..\": cannot end with '/..'")),
                Arguments.of(path("{path: '/a/.', pathType: Prefix, backend: " + SERVICE + "}"), List.of(
                        "spec.rules[0].http.paths[0].path: Invalid value: \"/a/.\": cannot end with '/.'")),
                Arguments.of(backend("{}"), List.of(
                        "spec.rules[0].http.paths[0].backend: Invalid value: \"\": resource or service backend is required")),
                Arguments.of(backend("{service: {name: web, port: {number: 80}}, resource: {kind: Bucket, name: b}}"), List.of(
                        "spec.rules[0].http.paths[0].backend: Invalid value: \"\": cannot set both resource and service backends")),
                Arguments.of(backend("{service: {port: {number: 80}}}"), List.of(
                        "spec.rules[0].http.paths[0].backend.service.name: Required value")),
                Arguments.of(backend("{service: {name: 9web, port: {number: 80}}}"), List.of(
                        "spec.rules[0].http.paths[0].backend.service.name: Invalid value: \"9web\": a DNS-1035 label must consist of lower case "
                                + "alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character "
                                + "(e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")),
                Arguments.of(backend("{service: {name: web, port: {name: http, number: 80}}}"), List.of(
                        "spec.rules[0].http.paths[0].backend: Invalid value: \"\": cannot set both port name & port number")),
                Arguments.of(backend("{service: {name: web}}"), List.of(
                        "spec.rules[0].http.paths[0].backend: Required value: port name or number is required")),
                Arguments.of(backend("{service: {name: web, port: {number: 70000}}}"), List.of(
                        "spec.rules[0].http.paths[0].backend.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive")),
                Arguments.of(backend("{service: {name: web, port: {name: HTTP}}}"), List.of(
                        "spec.rules[0].http.paths[0].backend.service.port.name: Invalid value: \"HTTP\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                        "spec.rules[0].http.paths[0].backend.service.port.name: Invalid value: \"HTTP\": must contain at least one letter (a-z)")),
                Arguments.of(backend("{resource: {apiGroup: Bad_Group, name: 'a/b'}}"), List.of(
                        "spec.rules[0].http.paths[0].backend.resource.apiGroup: Invalid value: \"Bad_Group\": " + SUBDOMAIN_RULE,
                        "spec.rules[0].http.paths[0].backend.resource.kind: Required value",
                        "spec.rules[0].http.paths[0].backend.resource.name: Invalid value: \"a/b\": may not contain '/'")),
                Arguments.of("spec: {defaultBackend: {service: {name: web, port: {}}}}", List.of(
                        "spec.defaultBackend: Required value: port name or number is required")),
                Arguments.of("spec: {defaultBackend: " + SERVICE + ", tls: [{hosts: ['*.foo.com', 'a.*.com'], secretName: Bad_Secret}]}", List.of(
                        "spec.tls[0].hosts[1]: Invalid value: \"a.*.com\": " + WILDCARD_RULE,
                        "spec.tls[0].secretName: Invalid value: \"Bad_Secret\": " + SUBDOMAIN_RULE)),
                Arguments.of("spec: {defaultBackend: " + SERVICE + ", ingressClassName: Podium}", List.of(
                        "spec.ingressClassName: Invalid value: \"Podium\": " + SUBDOMAIN_RULE)));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("invalid")
    void invalidSpecsGiveKubesFieldAndMessage(String spec, List<String> expected) {
        assertThat(INGRESS.create(META + spec)).containsExactlyElementsOf(expected);
    }

    @Test
    void classAnnotationMustMatchTheClassNameOnCreate() {
        String ingress = "metadata: {name: web, namespace: d, annotations: {kubernetes.io/ingress.class: nginx}}\n"
                + "spec: {ingressClassName: podium, defaultBackend: " + SERVICE + "}";
        assertThat(INGRESS.create(ingress)).containsExactly(
                "annotations.kubernetes.io/ingress.class: Invalid value: \"nginx\": must match `ingressClassName` when both are specified");
        assertThat(INGRESS.update(ingress, ingress)).isEmpty();
    }

    @Test
    void anUpdateKeepsAcceptingTheInvalidSecretNameAndWildcardRulesItAlreadyHad() {
        String old = META + "spec: {tls: [{secretName: Old_Secret}], rules: [{host: '*.foo.com', http: {paths: [{path: x, pathType: Prefix, backend: "
                + SERVICE + "}]}}]}";
        assertThat(INGRESS.update(old, old)).isEmpty();
        String valid = META + "spec: {defaultBackend: " + SERVICE + "}";
        assertThat(INGRESS.update(valid, old)).containsExactly(
                "spec.rules[0].http.paths[0].path: Invalid value: \"x\": must be an absolute path",
                "spec.tls[0].secretName: Invalid value: \"Old_Secret\": " + SUBDOMAIN_RULE);
    }

    @Test
    void statusWritesCheckLoadBalancerAddresses() {
        String old = META + "spec: {defaultBackend: " + SERVICE + "}";
        String bad = old + "\nstatus: {loadBalancer: {ingress: [{ip: 10.0.0.300}, {hostname: 10.0.0.1}, {ip: 10.0.0.1, hostname: lb.example.com}]}}";
        ObjectNode stored = INGRESS.defaulted(old);
        ObjectNode written = yaml(bad);
        Defaulter.applyForStatusUpdate(INGRESS.kind(), stored, written);
        assertThat(render(Validator.forUpdate(INGRESS.kind(), stored, written))).containsExactly(
                "status.loadBalancer.ingress[0].ip: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
                "status.loadBalancer.ingress[1].hostname: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address");
    }
}
