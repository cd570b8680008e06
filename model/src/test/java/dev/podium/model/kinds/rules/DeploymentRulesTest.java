package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.Generations;
import dev.podium.model.kinds.KindRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.model.validation.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class DeploymentRulesTest {
    static final KindFixtures DEPLOYMENT = KindFixtures.of("Deployment.apps");
    static final String TEMPLATE = "template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: nginx}]}}";
    static final String SELECTOR = "selector: {matchLabels: {app: web}}";
    static final String MISMATCH = "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: "
            + "`selector` does not match template `labels`";

    static String deployment(String spec) {
        return "metadata: {name: web, namespace: d}\nspec: " + spec;
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{}                                                              | /spec/replicas                 | 1",
            "{replicas: 0}                                                   | /spec/replicas                 | 0",
            "{}                                                              | /spec/strategy                 | {'type':'RollingUpdate','rollingUpdate':{'maxUnavailable':'25%','maxSurge':'25%'}}",
            "{strategy: {rollingUpdate: {maxSurge: 1}}}                      | /spec/strategy                 | {'rollingUpdate':{'maxSurge':1,'maxUnavailable':'25%'},'type':'RollingUpdate'}",
            "{strategy: {type: Recreate}}                                    | /spec/strategy                 | {'type':'Recreate'}",
            "{}                                                              | /spec/revisionHistoryLimit     | 10",
            "{}                                                              | /spec/progressDeadlineSeconds  | 600",
            "{progressDeadlineSeconds: 30}                                   | /spec/progressDeadlineSeconds  | 30",
            "{}                                                              | /spec/template/spec/restartPolicy | 'Always'",
            "{template: {spec: {containers: [{name: c, image: nginx}]}}}     | /spec/template/spec/containers/0/imagePullPolicy | 'Always'",
            "{}                                                              | /spec/template/spec/enableServiceLinks | ",
    })
    void defaults(String spec, String pointer, String expected) {
        ObjectNode d = DEPLOYMENT.defaulted(deployment(spec));
        assertThat(d.at(pointer).isMissingNode() ? "" : d.at(pointer).toString()).isEqualTo(expected == null ? "" : expected.replace('\'', '"'));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("{" + SELECTOR + ", " + TEMPLATE + "}", List.of()),
                Arguments.of("{" + TEMPLATE + "}", List.of("spec.selector: Required value", MISMATCH)),
                Arguments.of("{selector: {}, " + TEMPLATE + "}", List.of("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), "
                        + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment")),
                Arguments.of("{selector: {matchLabels: {app: db}}, " + TEMPLATE + "}", List.of(MISMATCH)),
                Arguments.of("{selector: {matchExpressions: [{key: app, operator: Near, values: [web]}]}, " + TEMPLATE + "}", List.of(
                        "spec.selector.matchExpressions[0].operator: Invalid value: \"Near\": not a valid selector operator",
                        "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{"
                                + "v1.LabelSelectorRequirement{Key:\"app\", Operator:\"Near\", Values:[]string{\"web\"}}}}: invalid label selector")),
                Arguments.of("{" + SELECTOR + ", template: {metadata: {labels: {app: web}}, spec: {restartPolicy: OnFailure, containers: [{name: c, image: nginx}]}}}",
                        List.of("spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"")),
                Arguments.of("{" + SELECTOR + ", template: {metadata: {labels: {app: web}}, spec: {activeDeadlineSeconds: 10, containers: [{name: c, image: nginx}]}}}",
                        List.of("spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported")),
                Arguments.of("{" + SELECTOR + ", template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c}]}}}",
                        List.of("spec.template.spec.containers[0].image: Required value")),
                Arguments.of("{" + SELECTOR + ", template: {metadata: {labels: {app: web}, annotations: {'-bad': x}}, spec: {containers: [{name: c, image: nginx}]}}}",
                        List.of("spec.template.annotations: Invalid value: \"-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', "
                                + "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
                                + "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")),
                Arguments.of("{replicas: -1, " + SELECTOR + ", " + TEMPLATE + "}", List.of("spec.replicas: Invalid value: -1: must be greater than or equal to 0")),
                Arguments.of("{minReadySeconds: -1, " + SELECTOR + ", " + TEMPLATE + "}",
                        List.of("spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0")),
                Arguments.of("{revisionHistoryLimit: -1, " + SELECTOR + ", " + TEMPLATE + "}",
                        List.of("spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0")),
                Arguments.of("{progressDeadlineSeconds: 10, minReadySeconds: 10, " + SELECTOR + ", " + TEMPLATE + "}",
                        List.of("spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds")),
                Arguments.of("{strategy: {type: BlueGreen}, " + SELECTOR + ", " + TEMPLATE + "}",
                        List.of("spec.strategy.type: Unsupported value: \"BlueGreen\": supported values: \"Recreate\", \"RollingUpdate\"")),
                Arguments.of("{strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}, " + SELECTOR + ", " + TEMPLATE + "}",
                        List.of("spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'")),
                Arguments.of("{strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}, " + SELECTOR + ", " + TEMPLATE + "}",
                        List.of("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: "
                                + "may not be 0 when `maxSurge` is 0")),
                Arguments.of("{strategy: {rollingUpdate: {maxSurge: '0%', maxUnavailable: '0%'}}, " + SELECTOR + ", " + TEMPLATE + "}",
                        List.of("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"0%\"}: "
                                + "may not be 0 when `maxSurge` is 0")),
                Arguments.of("{strategy: {rollingUpdate: {maxUnavailable: 110%}}, " + SELECTOR + ", " + TEMPLATE + "}",
                        List.of("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"110%\"}: "
                                + "must not be greater than 100%")),
                Arguments.of("{strategy: {rollingUpdate: {maxSurge: 300%}}, " + SELECTOR + ", " + TEMPLATE + "}", List.of()),
                Arguments.of("{strategy: {rollingUpdate: {maxUnavailable: -1}}, " + SELECTOR + ", " + TEMPLATE + "}",
                        List.of("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0")),
                Arguments.of("{strategy: {rollingUpdate: {maxSurge: lots}}, " + SELECTOR + ", " + TEMPLATE + "}",
                        List.of("spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"lots\"}: "
                                + IntOrPercent.PERCENT_FORMAT_ERROR)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalid")
    void validation(String spec, List<String> expected) {
        assertThat(DEPLOYMENT.create(deployment(spec))).containsExactlyElementsOf(expected);
    }

    @Test
    void selectorIsImmutableTemplateIsNot() {
        String old = deployment("{" + SELECTOR + ", " + TEMPLATE + "}");
        assertThat(DEPLOYMENT.update(old, deployment("{replicas: 5, " + SELECTOR + ", template: {metadata: {labels: {app: web}}, "
                + "spec: {containers: [{name: c, image: nginx:2}]}}}"))).isEmpty();
        assertThat(DEPLOYMENT.update(old, deployment("{selector: {matchLabels: {app: web, tier: fe}}, "
                + "template: {metadata: {labels: {app: web, tier: fe}}, spec: {containers: [{name: c, image: nginx}]}}}")))
                .containsExactly("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\", \"tier\":\"fe\"}, "
                        + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable");
    }

    @Test
    void annotationChangesBumpTheGenerationOfDeploymentsOnly() {
        ObjectNode old = yaml("metadata: {name: web, annotations: {a: '1'}}");
        ObjectNode changed = yaml("metadata: {name: web, annotations: {a: '2'}}");
        assertThat(Generations.annotationChangeBumpsGeneration(KindRegistry.get("Deployment.apps"), old, changed)).isTrue();
        assertThat(Generations.annotationChangeBumpsGeneration(KindRegistry.get("Deployment.apps"), old, old.deepCopy())).isFalse();
        assertThat(Generations.annotationChangeBumpsGeneration(KindRegistry.get("ReplicaSet.apps"), old, changed)).isFalse();
    }
}
