package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.model.validation.Fixtures.render;
import static dev.podium.model.validation.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class IPAddressRulesTest {
    static final ResourceKind IP = KindRegistry.get("IPAddress.networking.k8s.io");
    static final String SERVICE_REF = "spec: {parentRef: {group: '', resource: services, namespace: default, name: web}}";

    @Test
    void isAClusterScopedNetworkingKindWithItsShortName() {
        assertThat(IP.apiVersion()).isEqualTo("networking.k8s.io/v1");
        assertThat(IP.plural()).isEqualTo("ipaddresses");
        assertThat(IP.namespaced()).isFalse();
        assertThat(IP.shortNames()).containsExactly("ip");
        assertThat(KindRegistry.byResource("networking.k8s.io", "v1", "ipaddresses")).contains(IP);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "10.96.0.10                  | 10.96.0.10",
            "2001:DB8::1                 | 2001:db8::1",
            "2001:db8:0:0:0:0:0:1        | 2001:db8::1",
            "2001:db8:0:0:1:0:0:1        | 2001:db8::1:0:0:1",
            "2001:0:0:1:0:0:0:1          | 2001:0:0:1::1",
            "1:0:2:0:3:0:4:0             | 1:0:2:0:3:0:4:0",
            "::                          | ::",
            "fd00::                      | fd00::",
            "::ffff:10.0.0.1             | ::ffff:10.0.0.1",
            "::ffff:a00:1                | ::ffff:10.0.0.1",
            "010.0.0.1                   | ",
            "10.0.0.256                  | ",
            "example.com                 | ",
    })
    void canonicalFormIsGoNetipsString(String ip, String canonical) {
        assertThat(IpAddresses.canonical(ip)).isEqualTo(java.util.Optional.ofNullable(canonical));
    }

    static Stream<Arguments> createCases() {
        return Stream.of(
                Arguments.of("metadata: {name: 10.96.0.10}\n" + SERVICE_REF, List.of()),
                Arguments.of("metadata: {name: '2001:db8::a'}\n" + SERVICE_REF, List.of()),
                Arguments.of("metadata: {name: web}\n" + SERVICE_REF,
                        List.of("metadata.name: Invalid value: \"web\": ParseAddr(\"web\"): unable to parse IP")),
                Arguments.of("metadata: {name: '2001:db8:0::a'}\n" + SERVICE_REF,
                        List.of("metadata.name: Invalid value: \"2001:db8:0::a\": must be a canonical format IP address")),
                Arguments.of("metadata: {name: 10.96.0.10}", List.of("spec.parentRef: Required value")),
                Arguments.of("metadata: {name: 10.96.0.10}\nspec: {parentRef: {group: Bad_Group}}", List.of(
                        "spec.parentRef.group: Invalid value: \"Bad_Group\": a lowercase RFC 1123 subdomain must consist of lower case "
                                + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "
                                + "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                        "spec.parentRef.resource: Required value",
                        "spec.parentRef.name: Required value")),
                Arguments.of("metadata: {name: 10.96.0.10}\nspec: {parentRef: {resource: 'a/b', namespace: '..', name: 'x%'}}", List.of(
                        "spec.parentRef.resource: Invalid value: \"a/b\": may not contain '/'",
                        "spec.parentRef.name: Invalid value: \"x%\": may not contain '%'",
                        "spec.parentRef.namespace: Invalid value: \"..\": may not be '..'")));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("createCases")
    void validation(String yaml, List<String> expected) {
        assertThat(render(Validator.forCreate(IP, yaml(yaml)))).containsExactlyElementsOf(expected);
    }

    @Test
    void generateNameIsNotAnIp() {
        assertThat(render(Validator.forCreate(IP, yaml("metadata: {generateName: ip-}\n" + SERVICE_REF))))
                .contains("metadata.generateName: Invalid value: \"ip-\": ParseAddr(\"ip-\"): unable to parse IP");
    }

    @Test
    void theParentReferenceIsImmutable() {
        ObjectNode old = yaml("metadata: {name: 10.96.0.10}\n" + SERVICE_REF);
        assertThat(Validator.forUpdate(IP, old, yaml("metadata: {name: 10.96.0.10, labels: {a: b}}\n"
                + "spec: {parentRef: {resource: services, namespace: default, name: web}}"))).isEmpty();
        assertThat(render(Validator.forUpdate(IP, old, yaml("metadata: {name: 10.96.0.10}\n"
                + "spec: {parentRef: {group: '', resource: services, namespace: default, name: other}}"))))
                .containsExactly("spec.parentRef: Invalid value: networking.ParentReference{Group:\"\", Resource:\"services\", "
                        + "Namespace:\"default\", Name:\"other\"}: field is immutable");
        assertThat(render(Validator.forUpdate(IP, old, yaml("metadata: {name: 10.96.0.10}\nspec: {}"))))
                .containsExactly("spec.parentRef: Invalid value: null: field is immutable", "spec.parentRef: Required value");
    }
}
