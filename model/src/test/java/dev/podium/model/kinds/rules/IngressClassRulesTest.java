package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.ResourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class IngressClassRulesTest {
    static final KindFixtures CLASSES = KindFixtures.of("IngressClass.networking.k8s.io");
    static final String META = "metadata: {name: podium}\n";

    @Test
    void isAClusterScopedKindWithoutStatus() {
        ResourceKind kind = CLASSES.kind();
        assertThat(kind.plural()).isEqualTo("ingressclasses");
        assertThat(kind.namespaced()).isFalse();
        assertThat(kind.shortNames()).isEmpty();
        assertThat(kind.statusSubresource()).isFalse();
    }

    @Test
    void parametersScopeDefaultsToCluster() {
        ObjectNode c = CLASSES.defaulted(META + "spec: {controller: podium.dev/ingress, parameters: {kind: Config, name: c}}");
        assertThat(c.at("/spec/parameters/scope").asText()).isEqualTo("Cluster");
        assertThat(CLASSES.create(META + "spec: {controller: podium.dev/ingress, parameters: {kind: Config, name: c}}")).isEmpty();
        assertThat(CLASSES.create(META + "spec: {controller: podium.dev/ingress, parameters: "
                + "{apiGroup: k8s.example.com, kind: Config, name: c, scope: Namespace, namespace: infra}}")).isEmpty();
    }

    static Stream<Arguments> invalid() {
        String domainRule = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start "
                + "and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
        return Stream.of(
                Arguments.of("spec: {}", List.of("spec.controller: Required value")),
                Arguments.of("spec: {controller: podium}", List.of(
                        "spec.controller: Invalid value: \"podium\": must be a domain-prefixed path (such as \"acme.io/foo\")")),
                Arguments.of("spec: {controller: podium.dev/}", List.of(
                        "spec.controller: Invalid value: \"podium.dev/\": must be a domain-prefixed path (such as \"acme.io/foo\")")),
                Arguments.of("spec: {controller: Podium.dev/ingress}", List.of(
                        "spec.controller: Invalid value: \"Podium.dev\": " + domainRule)),
                Arguments.of("spec: {controller: 'podium.dev/in gress'}", List.of(
                        "spec.controller: Invalid value: \"in gress\": Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')")),
                Arguments.of("spec: {controller: podium.dev/" + "x".repeat(250) + "}", List.of(
                        "spec.controller: Too long: may not be more than 250 bytes")),
                Arguments.of("spec: {controller: podium.dev/i, parameters: {scope: Cluster}}", List.of(
                        "spec.parameters.kind: Required value",
                        "spec.parameters.name: Required value")),
                Arguments.of("spec: {controller: podium.dev/i, parameters: {kind: C, name: c, scope: Global}}", List.of(
                        "spec.parameters.scope: Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespace\"")),
                Arguments.of("spec: {controller: podium.dev/i, parameters: {kind: C, name: c, scope: Namespace}}", List.of(
                        "spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'")),
                Arguments.of("spec: {controller: podium.dev/i, parameters: {kind: C, name: c, scope: Namespace, namespace: Infra}}", List.of(
                        "spec.parameters.namespace: Invalid value: \"Infra\": a lowercase RFC 1123 label must consist of lower case alphanumeric "
                                + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', "
                                + "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")),
                Arguments.of("spec: {controller: podium.dev/i, parameters: {kind: C, name: c, namespace: infra}}", List.of(
                        "spec.parameters.namespace: Forbidden: `parameters.scope` is set to 'Cluster'")));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("invalid")
    void invalidSpecsGiveKubesFieldAndMessage(String spec, List<String> expected) {
        assertThat(CLASSES.create(META + spec)).containsExactlyElementsOf(expected);
    }

    @Test
    void controllerIsImmutable() {
        String old = META + "spec: {controller: podium.dev/ingress}";
        assertThat(CLASSES.update(old, META + "spec: {controller: podium.dev/ingress, parameters: {kind: C, name: c}}")).isEmpty();
        assertThat(CLASSES.update(old, META + "spec: {controller: example.com/other}"))
                .containsExactly("spec.controller: Invalid value: \"example.com/other\": field is immutable");
    }
}
