package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.selectors.FieldSelector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.model.kinds.rules.DeploymentRulesTest.MISMATCH;
import static dev.podium.model.kinds.rules.DeploymentRulesTest.SELECTOR;
import static dev.podium.model.kinds.rules.DeploymentRulesTest.TEMPLATE;
import static dev.podium.model.validation.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

/** apps/v1 ReplicaSet and its core/v1 predecessor ReplicationController. */
class ReplicaSetRulesTest {
    static final KindFixtures RS = KindFixtures.of("ReplicaSet.apps");
    static final KindFixtures RC = KindFixtures.of("ReplicationController");

    static String object(String spec) {
        return "metadata: {name: web, namespace: d}\nspec: " + spec;
    }

    static Stream<Arguments> replicaSets() {
        return Stream.of(
                Arguments.of("{" + SELECTOR + ", " + TEMPLATE + "}", List.of()),
                Arguments.of("{" + TEMPLATE + "}", List.of("spec.selector: Required value", MISMATCH)),
                // kube reuses the Deployment wording for ReplicaSets
                Arguments.of("{selector: {}, " + TEMPLATE + "}", List.of("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), "
                        + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment")),
                Arguments.of("{selector: {matchExpressions: [{key: app, operator: NotIn, values: [web]}]}, " + TEMPLATE + "}", List.of(MISMATCH)),
                Arguments.of("{replicas: -2, minReadySeconds: -1, " + SELECTOR + ", " + TEMPLATE + "}", List.of(
                        "spec.replicas: Invalid value: -2: must be greater than or equal to 0",
                        "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0")),
                Arguments.of("{" + SELECTOR + ", template: {metadata: {labels: {app: web}}, spec: {restartPolicy: Never, activeDeadlineSeconds: 5, "
                        + "containers: [{name: c, image: nginx}]}}}", List.of(
                        "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
                        "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("replicaSets")
    void replicaSetValidation(String spec, List<String> expected) {
        assertThat(RS.create(object(spec))).containsExactlyElementsOf(expected);
    }

    @Test
    void replicaSetDefaultsAndUpdates() {
        ObjectNode rs = RS.defaulted(object("{" + SELECTOR + ", " + TEMPLATE + "}"));
        assertThat(rs.at("/spec/replicas").asLong()).isEqualTo(1);
        assertThat(rs.at("/spec/template/spec/dnsPolicy").asText()).isEqualTo("ClusterFirst");
        assertThat(RS.update(object("{" + SELECTOR + ", " + TEMPLATE + "}"), object("{selector: {matchLabels: {app: web, v: '2'}}, "
                + "template: {metadata: {labels: {app: web, v: '2'}}, spec: {containers: [{name: c, image: nginx}]}}}")))
                .containsExactly("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\", \"v\":\"2\"}, "
                        + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable");
    }

    @Test
    void replicasFieldSelector() {
        ObjectNode rs = yaml("metadata: {name: web}\nstatus: {replicas: 3}");
        assertThat(FieldSelector.parse("status.replicas=3").matches(RS.kind(), rs)).isTrue();
        assertThat(FieldSelector.parse("status.replicas=0").matches(RS.kind(), yaml("metadata: {name: web}"))).isTrue();
    }

    @Test
    void replicationControllerSelectorAndLabelsDefaultToTheTemplateLabels() {
        ObjectNode rc = RC.defaulted(object("{" + TEMPLATE + "}"));
        assertThat(rc.at("/spec/selector").toString()).isEqualTo("{\"app\":\"web\"}");
        assertThat(rc.at("/metadata/labels").toString()).isEqualTo("{\"app\":\"web\"}");
        assertThat(rc.at("/spec/replicas").asLong()).isEqualTo(1);
        assertThat(rc.at("/spec/template/spec/restartPolicy").asText()).isEqualTo("Always");

        ObjectNode own = RC.defaulted("metadata: {name: web, namespace: d, labels: {team: a}}\nspec: {selector: {app: web, v: '1'}, " + TEMPLATE + "}");
        assertThat(own.at("/spec/selector").toString()).isEqualTo("{\"app\":\"web\",\"v\":\"1\"}");
        assertThat(own.at("/metadata/labels").toString()).isEqualTo("{\"team\":\"a\"}");

        ObjectNode noTemplate = RC.defaulted(object("{}"));
        assertThat(noTemplate.at("/spec/template").isMissingNode()).isTrue();
    }

    static Stream<Arguments> replicationControllers() {
        return Stream.of(
                Arguments.of("{" + TEMPLATE + "}", List.of()),
                Arguments.of("{}", List.of("spec.selector: Required value", "spec.template: Required value")),
                Arguments.of("{selector: {app: db}, " + TEMPLATE + "}", List.of(MISMATCH)),
                Arguments.of("{template: {metadata: {labels: {app: web}}, spec: {activeDeadlineSeconds: 5, containers: [{name: c, image: nginx}]}}}",
                        List.of("spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicationController is not Supported")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("replicationControllers")
    void replicationControllerValidation(String spec, List<String> expected) {
        assertThat(RC.create(object(spec))).containsExactlyElementsOf(expected);
    }

    @Test
    void replicationControllerSelectorMayChange() {
        assertThat(RC.update(object("{" + TEMPLATE + "}"), object("{selector: {app: web, v: '2'}, "
                + "template: {metadata: {labels: {app: web, v: '2'}}, spec: {containers: [{name: c, image: nginx}]}}}"))).isEmpty();
    }
}
