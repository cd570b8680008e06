package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.model.kinds.rules.DeploymentRulesTest.MISMATCH;
import static dev.podium.model.kinds.rules.DeploymentRulesTest.SELECTOR;
import static dev.podium.model.kinds.rules.DeploymentRulesTest.TEMPLATE;
import static org.assertj.core.api.Assertions.assertThat;

class DaemonSetRulesTest {
    static final KindFixtures DS = KindFixtures.of("DaemonSet.apps");

    static String ds(String spec) {
        return "metadata: {name: agent, namespace: d}\nspec: " + spec;
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{}                                                  | /spec/updateStrategy        | {'type':'RollingUpdate','rollingUpdate':{'maxUnavailable':1,'maxSurge':0}}",
            "{updateStrategy: {rollingUpdate: {maxSurge: 25%}}}  | /spec/updateStrategy        | {'rollingUpdate':{'maxSurge':'25%','maxUnavailable':1},'type':'RollingUpdate'}",
            "{updateStrategy: {type: OnDelete}}                  | /spec/updateStrategy        | {'type':'OnDelete'}",
            "{}                                                  | /spec/revisionHistoryLimit  | 10",
            "{}                                                  | /spec/template/spec/terminationGracePeriodSeconds | 30",
    })
    void defaults(String spec, String pointer, String expected) {
        ObjectNode d = DS.defaulted(ds(spec));
        assertThat(d.at(pointer).toString()).isEqualTo(expected.replace('\'', '"'));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("{" + SELECTOR + ", " + TEMPLATE + "}", List.of()),
                // no "Required": a missing selector selects nothing, so the template does not match
                Arguments.of("{" + TEMPLATE + "}", List.of(MISMATCH)),
                Arguments.of("{selector: {}, " + TEMPLATE + "}", List.of("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), "
                        + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset")),
                Arguments.of("{" + SELECTOR + ", template: {metadata: {labels: {app: web}}, spec: {restartPolicy: Never, activeDeadlineSeconds: 5, "
                        + "containers: [{name: c, image: nginx}]}}}", List.of(
                        "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
                        "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported")),
                Arguments.of("{minReadySeconds: -1, templateGeneration: -1, revisionHistoryLimit: -1, " + SELECTOR + ", " + TEMPLATE + "}", List.of(
                        "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0",
                        "spec.templateGeneration: Invalid value: -1: must be greater than or equal to 0",
                        "spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0")),
                Arguments.of("{updateStrategy: {type: Surge}, " + SELECTOR + ", " + TEMPLATE + "}",
                        List.of("spec.updateStrategy.type: Unsupported value: \"Surge\": supported values: \"RollingUpdate\", \"OnDelete\"")),
                Arguments.of("{updateStrategy: {rollingUpdate: {maxUnavailable: 0, maxSurge: 0}}, " + SELECTOR + ", " + TEMPLATE + "}",
                        List.of("spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0")),
                Arguments.of("{updateStrategy: {rollingUpdate: {maxUnavailable: 1, maxSurge: 10%}}, " + SELECTOR + ", " + TEMPLATE + "}",
                        List.of("spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"10%\"}: "
                                + "may not be set when maxUnavailable is non-zero")),
                Arguments.of("{updateStrategy: {rollingUpdate: {maxUnavailable: 0, maxSurge: 120%}}, " + SELECTOR + ", " + TEMPLATE + "}",
                        List.of("spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"120%\"}: "
                                + "must not be greater than 100%")),
                Arguments.of("{updateStrategy: {rollingUpdate: {maxUnavailable: -1}}, " + SELECTOR + ", " + TEMPLATE + "}",
                        List.of("spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalid")
    void validation(String spec, List<String> expected) {
        assertThat(DS.create(ds(spec))).containsExactlyElementsOf(expected);
    }

    @Test
    void selectorIsImmutable() {
        assertThat(DS.update(ds("{" + SELECTOR + ", " + TEMPLATE + "}"), ds("{selector: {matchLabels: {app: web, v: '2'}}, "
                + "template: {metadata: {labels: {app: web, v: '2'}}, spec: {containers: [{name: c, image: nginx}]}}}")))
                .containsExactly("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\", \"v\":\"2\"}, "
                        + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable");
    }
}
