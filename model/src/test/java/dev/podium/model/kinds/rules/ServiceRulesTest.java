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

class ServiceRulesTest {
    static final ResourceKind SVC = KindRegistry.get("Service");
    static final String META = "metadata: {name: web, namespace: d}\n";

    static ObjectNode defaulted(String yaml) {
        ObjectNode s = yaml(yaml);
        Defaulter.apply(SVC, s);
        return s;
    }

    @Test
    void clusterIPDefaults() {
        ObjectNode s = defaulted(META + "spec: {selector: {app: web}, ports: [{port: 80}, {port: 443, targetPort: https}]}");
        assertThat(s.at("/spec/type").asText()).isEqualTo("ClusterIP");
        assertThat(s.at("/spec/sessionAffinity").asText()).isEqualTo("None");
        assertThat(s.at("/spec/ports/0/protocol").asText()).isEqualTo("TCP");
        assertThat(s.at("/spec/ports/0/targetPort").asInt()).isEqualTo(80);
        assertThat(s.at("/spec/ports/1/targetPort").asText()).isEqualTo("https");
        assertThat(s.at("/spec/internalTrafficPolicy").asText()).isEqualTo("Cluster");
        assertThat(s.at("/spec/ipFamilyPolicy").asText()).isEqualTo("SingleStack");
        assertThat(s.at("/spec/ipFamilies").toString()).isEqualTo("[\"IPv4\"]");
        assertThat(s.at("/spec").has("externalTrafficPolicy")).isFalse();
    }

    @Test
    void nodePortAndLoadBalancerDefaults() {
        ObjectNode np = defaulted(META + "spec: {type: NodePort, ports: [{port: 80}]}");
        assertThat(np.at("/spec/externalTrafficPolicy").asText()).isEqualTo("Cluster");
        ObjectNode lb = defaulted(META + "spec: {type: LoadBalancer, sessionAffinity: ClientIP, ports: [{port: 80}]}");
        assertThat(lb.at("/spec/externalTrafficPolicy").asText()).isEqualTo("Cluster");
        assertThat(lb.at("/spec/allocateLoadBalancerNodePorts").asBoolean()).isTrue();
        assertThat(lb.at("/spec/sessionAffinityConfig/clientIP/timeoutSeconds").asInt()).isEqualTo(10800);
        ObjectNode ext = defaulted(META + "spec: {type: ExternalName, externalName: example.com}");
        assertThat(ext.at("/spec").has("ipFamilies")).isFalse();
        assertThat(Validator.forCreate(SVC, ext)).isEmpty();
        ObjectNode fixed = defaulted(META + "spec: {clusterIP: 10.96.0.10, ports: [{port: 53, protocol: UDP}]}");
        assertThat(fixed.at("/spec/clusterIPs").toString()).isEqualTo("[\"10.96.0.10\"]");
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("spec: {ports: [{port: 80}]}", List.of()),
                Arguments.of("spec: {clusterIP: None}", List.of()),
                Arguments.of("spec: {}", List.of("spec.ports: Required value")),
                Arguments.of("spec: {type: Magic, ports: [{port: 80}]}",
                        List.of("spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"")),
                Arguments.of("spec: {ports: [{port: 0}]}", List.of("spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
                        "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive")),
                Arguments.of("spec: {ports: [{port: 80}, {port: 81, name: b}]}", List.of("spec.ports[0].name: Required value")),
                Arguments.of("spec: {ports: [{port: 80, name: a}, {port: 81, name: a}]}", List.of("spec.ports[1].name: Duplicate value: \"a\"")),
                Arguments.of("spec: {ports: [{port: 80, protocol: HTTP}]}",
                        List.of("spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"")),
                Arguments.of("spec: {ports: [{port: 80, targetPort: 70000}]}",
                        List.of("spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive")),
                Arguments.of("spec: {type: ExternalName}", List.of("spec.externalName: Required value")),
                Arguments.of("spec: {type: ExternalName, externalName: Not_A_Host}",
                        List.of("spec.externalName: Invalid value: \"Not_A_Host\": a lowercase RFC 1123 subdomain must consist of lower case "
                                + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
                                + "'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")),
                Arguments.of("spec: {selector: {'bad key': x}, ports: [{port: 80}]}",
                        List.of("spec.selector: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or "
                                + "'.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
                                + "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")),
                Arguments.of("spec: {sessionAffinity: Sticky, ports: [{port: 80}]}",
                        List.of("spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\"")),
                Arguments.of("spec: {clusterIP: 10.0.0.300, ports: [{port: 80}]}",
                        List.of("spec.clusterIPs[0]: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")),
                Arguments.of("spec: {type: NodePort, clusterIP: None, ports: [{port: 80}]}",
                        List.of("spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services")),
                Arguments.of("spec: {ports: [{port: 80, nodePort: 30080}]}",
                        List.of("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void validation(String body, List<String> expected) {
        assertThat(render(Validator.forCreate(SVC, defaulted(META + body)))).containsExactlyElementsOf(expected);
    }

    @Test
    void nameMustBeDns1035Label() {
        assertThat(render(Validator.forCreate(SVC, defaulted("metadata: {name: 9web, namespace: d}\nspec: {ports: [{port: 80}]}"))))
                .singleElement().asString().startsWith("metadata.name: Invalid value: \"9web\": a DNS-1035 label must consist of");
    }

    static ObjectNode stored() {
        ObjectNode s = defaulted(META + "spec: {type: NodePort, ports: [{name: http, port: 80}]}");
        s.with("spec").put("clusterIP", "10.96.0.5").putArray("clusterIPs").add("10.96.0.5");
        ((ObjectNode) s.with("spec").withArray("ports").get(0)).put("nodePort", 30080);
        return s;
    }

    static List<String> update(String newYaml) {
        ObjectNode old = stored();
        ObjectNode neu = yaml(newYaml);
        Defaulter.applyForUpdate(SVC, old, neu);
        return render(Validator.forUpdate(SVC, old, neu));
    }

    @Test
    void allocatedValuesSurviveAnUpdateThatOmitsThem() {
        ObjectNode old = stored();
        ObjectNode neu = yaml(META + "spec: {type: NodePort, selector: {app: v2}, ports: [{name: http, port: 80}]}");
        Defaulter.applyForUpdate(SVC, old, neu);
        assertThat(neu.at("/spec/clusterIP").asText()).isEqualTo("10.96.0.5");
        assertThat(neu.at("/spec/ports/0/nodePort").asInt()).isEqualTo(30080);
        assertThat(Validator.forUpdate(SVC, old, neu)).isEmpty();
    }

    @Test
    void clusterIPCannotChange() {
        assertThat(update(META + "spec: {type: NodePort, clusterIP: 10.96.0.6, clusterIPs: [10.96.0.5], ports: [{name: http, port: 80}]}"))
                .containsExactly("spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.6\"}: may not change once set");
        assertThat(update(META + "spec: {type: NodePort, clusterIP: 10.96.0.6, ports: [{name: http, port: 80}]}"))
                .containsExactly("spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.6\"}: may not change once set");
    }

    @Test
    void switchingToExternalNameDropsAllocatedFields() {
        ObjectNode old = stored();
        ObjectNode neu = old.deepCopy();
        neu.with("spec").put("type", "ExternalName").put("externalName", "db.example.com");
        Defaulter.applyForUpdate(SVC, old, neu);
        assertThat(neu.at("/spec").has("clusterIP")).isFalse();
        assertThat(neu.at("/spec").has("ipFamilies")).isFalse();
        assertThat(neu.at("/spec").has("externalTrafficPolicy")).isFalse();
        assertThat(neu.at("/spec/ports/0").has("nodePort")).isFalse();
        assertThat(Validator.forUpdate(SVC, old, neu)).isEmpty();
    }

    @Test
    void fieldSelectors() {
        assertThat(new ServiceRules().fieldSelectors()).containsOnlyKeys("spec.clusterIP", "spec.type");
    }
}
