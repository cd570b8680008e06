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

/** Namespace, Node, Event and ServiceAccount. */
class ClusterKindRulesTest {
    static final ResourceKind NS = KindRegistry.get("Namespace");
    static final ResourceKind NODE = KindRegistry.get("Node");
    static final ResourceKind EVENT = KindRegistry.get("Event");
    static final ResourceKind SA = KindRegistry.get("ServiceAccount");

    static ObjectNode defaulted(ResourceKind kind, String yaml) {
        ObjectNode o = yaml(yaml);
        Defaulter.apply(kind, o);
        return o;
    }

    @Test
    void namespaceDefaults() {
        ObjectNode ns = defaulted(NS, "metadata: {name: prod}");
        assertThat(ns.at("/spec/finalizers").toString()).isEqualTo("[\"kubernetes\"]");
        assertThat(ns.at("/status/phase").asText()).isEqualTo("Active");
        ObjectNode custom = defaulted(NS, "metadata: {name: prod}\nspec: {finalizers: [example.com/x]}\nstatus: {phase: Terminating}");
        assertThat(custom.at("/spec/finalizers").toString()).isEqualTo("[\"example.com/x\",\"kubernetes\"]");
        assertThat(custom.at("/status/phase").asText()).isEqualTo("Terminating");
    }

    static Stream<Arguments> namespaceCases() {
        return Stream.of(
                Arguments.of("metadata: {name: prod}", List.of()),
                Arguments.of("metadata: {name: Prod}", List.of("metadata.name: Invalid value: \"Prod\": a lowercase RFC 1123 label must "
                        + "consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character "
                        + "(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")),
                Arguments.of("metadata: {name: a.b}", List.of("metadata.name: Invalid value: \"a.b\": must not contain dots")),
                Arguments.of("metadata: {name: prod}\nspec: {finalizers: [custom]}",
                        List.of("spec.finalizers: Invalid value: \"custom\": name is neither a standard finalizer name nor is it fully qualified")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("namespaceCases")
    void namespaceValidation(String yaml, List<String> expected) {
        assertThat(render(Validator.forCreate(NS, defaulted(NS, yaml)))).containsExactlyElementsOf(expected);
    }

    @Test
    void namespaceUpdateKeepsFinalizersAndStatus() {
        ObjectNode old = defaulted(NS, "metadata: {name: prod, uid: u}");
        old.with("status").put("phase", "Terminating");
        ObjectNode neu = yaml("metadata: {name: prod}\nspec: {finalizers: []}\nstatus: {phase: Active}");
        Defaulter.applyForUpdate(NS, old, neu);
        assertThat(neu.at("/spec/finalizers").toString()).isEqualTo("[\"kubernetes\"]");
        assertThat(neu.at("/status/phase").asText()).isEqualTo("Terminating");
        assertThat(neu.at("/metadata/uid").asText()).isEqualTo("u");
        assertThat(render(Validator.forUpdate(NS, old, yaml("metadata: {name: other}"))))
                .containsExactly("metadata.name: Invalid value: \"other\": field is immutable");
    }

    static Stream<Arguments> nodeCases() {
        return Stream.of(
                Arguments.of("spec: {taints: [{key: dedicated, value: gpu, effect: NoSchedule}]}", List.of()),
                Arguments.of("spec: {taints: [{key: k, effect: Never}]}",
                        List.of("spec.taints[0].effect: Unsupported value: \"Never\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"")),
                Arguments.of("spec: {taints: [{key: k}]}", List.of("spec.taints[0].effect: Required value")),
                Arguments.of("spec: {taints: [{key: 'bad key', effect: NoSchedule}]}",
                        List.of("spec.taints[0].key: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', "
                                + "'_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
                                + "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")),
                Arguments.of("spec: {taints: [{key: k, effect: NoSchedule}, {key: k, value: v, effect: NoSchedule}]}",
                        List.of("spec.taints[1]: Duplicate value: \"{k v NoSchedule}\": taints must be unique by key and effect pair")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("nodeCases")
    void nodeValidation(String spec, List<String> expected) {
        assertThat(render(Validator.forCreate(NODE, defaulted(NODE, "metadata: {name: n1}\n" + spec)))).containsExactlyElementsOf(expected);
    }

    @Test
    void nodeDefaultsAndUpdates() {
        ObjectNode n = defaulted(NODE, "metadata: {name: n1}\nstatus: {capacity: {cpu: '4', pods: '110'}}");
        assertThat(n.at("/status/allocatable")).isEqualTo(n.at("/status/capacity"));
        ObjectNode old = yaml("metadata: {name: n1}\nspec: {podCIDRs: [10.244.0.0/24], providerID: 'kind://n1'}");
        ObjectNode neu = yaml("metadata: {name: n1}\nspec: {podCIDRs: [10.244.1.0/24], providerID: 'kind://n2', unschedulable: true}");
        assertThat(render(Validator.forUpdate(NODE, old, neu))).containsExactly(
                "spec.podCIDRs: Forbidden: node updates may not change podCIDR except from \"\" to valid",
                "spec.providerID: Forbidden: node updates may not change providerID except from \"\" to valid");
    }

    static Stream<Arguments> eventCases() {
        return Stream.of(
                Arguments.of("metadata: {name: e, namespace: d}\ninvolvedObject: {kind: Pod, name: p, namespace: d}\nreason: Started", List.of()),
                Arguments.of("metadata: {name: e, namespace: default}\ninvolvedObject: {kind: Node, name: n1}", List.of()),
                Arguments.of("metadata: {name: e, namespace: d}\ninvolvedObject: {kind: Pod, name: p, namespace: other}",
                        List.of("involvedObject.namespace: Invalid value: \"other\": does not match event.namespace")),
                Arguments.of("metadata: {name: e, namespace: d}\ninvolvedObject: {namespace: d}\neventTime: '2024-01-01T00:00:00.000000Z'",
                        List.of("reportingComponent: Required value",
                                "reportingComponent: Invalid value: \"\": name part must be non-empty",
                                "reportingComponent: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or "
                                        + "'.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
                                        + "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                                "reportingInstance: Required value", "action: Required value", "reason: Required value")),
                Arguments.of("metadata: {name: e, namespace: d}\ninvolvedObject: {namespace: d}\neventTime: '2024-01-01T00:00:00.000000Z'\n"
                        + "reportingComponent: example.com/ctl\nreportingInstance: ctl-1\naction: Bind\nreason: Scheduled", List.of()));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("eventCases")
    void eventValidation(String yaml, List<String> expected) {
        assertThat(render(Validator.forCreate(EVENT, defaulted(EVENT, yaml)))).containsExactlyElementsOf(expected);
    }

    @Test
    void serviceAccountNeedsOnlyValidMetadata() {
        assertThat(Validator.forCreate(SA, defaulted(SA, "metadata: {name: builder, namespace: d}\nsecrets: [{name: x}]"))).isEmpty();
        assertThat(render(Validator.forCreate(SA, defaulted(SA, "metadata: {name: Builder, namespace: d}"))))
                .singleElement().asString().startsWith("metadata.name: Invalid value: \"Builder\": a lowercase RFC 1123 subdomain");
    }
}
