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

class PodUpdateTest {
    static final ResourceKind POD = KindRegistry.get("Pod");
    static final String OLD = """
            metadata: {name: p, namespace: d, uid: u1}
            spec:
              activeDeadlineSeconds: 100
              containers: [{name: c, image: nginx:1.0, ports: [{containerPort: 80}]}]
              initContainers: [{name: i, image: busybox:1}]
            """;

    static ObjectNode pod(String yaml) {
        ObjectNode pod = yaml(yaml);
        Defaulter.apply(POD, pod);
        return pod;
    }

    static List<String> update(String newYaml) {
        ObjectNode old = pod(OLD);
        ObjectNode neu = yaml(newYaml);
        Defaulter.applyForUpdate(POD, old, neu);
        return render(Validator.forUpdate(POD, old, neu));
    }

    static Stream<Arguments> allowed() {
        return Stream.of(
                Arguments.of("same", OLD),
                Arguments.of("images", OLD.replace("nginx:1.0", "nginx:1.1").replace("busybox:1", "busybox:2")),
                Arguments.of("lower deadline", OLD.replace("activeDeadlineSeconds: 100", "activeDeadlineSeconds: 50")),
                Arguments.of("labels", OLD.replace("uid: u1}", "uid: u1, labels: {a: b}}")),
                Arguments.of("added toleration", OLD.replace("activeDeadlineSeconds: 100",
                        "activeDeadlineSeconds: 100\n  tolerations: [{key: k, operator: Exists}]")),
                Arguments.of("status ignored", OLD + "status: {phase: Running}\n"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("allowed")
    void allowedUpdates(String name, String newYaml) {
        assertThat(update(newYaml)).isEmpty();
    }

    @Test
    void changingOtherSpecFieldsIsForbidden() {
        List<String> errs = update(OLD.replace("containerPort: 80", "containerPort: 81"));
        assertThat(errs).hasSize(1);
        assertThat(errs.get(0)).startsWith("spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,"
                + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),"
                + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n");
        assertThat(errs.get(0)).contains("- \tcontainers[0].ports[0].containerPort: 80", "+ \tcontainers[0].ports[0].containerPort: 81");
    }

    static Stream<Arguments> forbidden() {
        return Stream.of(
                Arguments.of(OLD.replace("activeDeadlineSeconds: 100", "activeDeadlineSeconds: 200"),
                        List.of("spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value")),
                Arguments.of(OLD.replace("  activeDeadlineSeconds: 100\n", ""),
                        List.of("spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value")),
                Arguments.of(OLD.replace("[{name: c, image: nginx:1.0, ports: [{containerPort: 80}]}]",
                                "[{name: c, image: nginx:1.0, ports: [{containerPort: 80}]}, {name: d, image: x}]"),
                        List.of("spec.containers: Forbidden: pod updates may not add or remove containers")),
                Arguments.of(OLD.replace("image: nginx:1.0", "image: ' nginx:1.0'"),
                        List.of("spec.containers[0].image: Invalid value: \" nginx:1.0\": must not have leading or trailing whitespace")),
                Arguments.of(OLD.replace("uid: u1", "uid: u2"),
                        List.of("metadata.uid: Invalid value: \"u2\": field is immutable")));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("forbidden")
    void forbiddenUpdates(String newYaml, List<String> expected) {
        assertThat(update(newYaml)).containsExactlyElementsOf(expected);
    }

    @Test
    void modifiedTolerationIsForbidden() {
        ObjectNode old = pod(OLD.replace("activeDeadlineSeconds: 100", "tolerations: [{key: k, operator: Equal, value: a}]"));
        ObjectNode neu = pod(OLD.replace("activeDeadlineSeconds: 100", "tolerations: [{key: k, operator: Equal, value: b}]"));
        assertThat(render(new PodRules().validateUpdate(old, neu)))
                .containsExactly("spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds");
    }

    @Test
    void terminationGracePeriodMayGoFromNegativeToOne() {
        ObjectNode old = pod(OLD.replace("activeDeadlineSeconds: 100", "terminationGracePeriodSeconds: -1"));
        ObjectNode toOne = pod(OLD.replace("activeDeadlineSeconds: 100", "terminationGracePeriodSeconds: 1"));
        ObjectNode toTwo = pod(OLD.replace("activeDeadlineSeconds: 100", "terminationGracePeriodSeconds: 2"));
        assertThat(new PodRules().validateUpdate(old, toOne)).isEmpty();
        assertThat(render(new PodRules().validateUpdate(old, toTwo))).singleElement().asString().startsWith("spec: Forbidden");
    }

    @Test
    void nodeNameOnlyThroughTheBindingVariant() {
        ObjectNode old = pod(OLD);
        ObjectNode bound = pod(OLD.replace("activeDeadlineSeconds: 100", "activeDeadlineSeconds: 100\n  nodeName: node-a"));
        PodRules rules = new PodRules();
        assertThat(render(rules.validateUpdate(old, bound))).singleElement().asString().startsWith("spec: Forbidden");
        assertThat(rules.validateUpdateAllowingBinding(old, bound)).isEmpty();
        ObjectNode rebound = pod(OLD.replace("activeDeadlineSeconds: 100", "activeDeadlineSeconds: 100\n  nodeName: node-b"));
        assertThat(rules.validateUpdateAllowingBinding(bound, rebound)).isNotEmpty();
    }

    @Test
    void statusUpdateKeepsSpecAndQos() {
        ObjectNode old = pod(OLD);
        ObjectNode neu = yaml("{metadata: {name: p, namespace: d}, spec: {containers: []}, status: {phase: Running}}");
        Defaulter.applyForStatusUpdate(POD, old, neu);
        assertThat(neu.get("spec")).isEqualTo(old.get("spec"));
        assertThat(neu.at("/status/phase").asText()).isEqualTo("Running");
        assertThat(neu.at("/status/qosClass").asText()).isEqualTo("BestEffort");
        assertThat(neu.at("/metadata/uid").asText()).isEqualTo("u1");
    }
}
