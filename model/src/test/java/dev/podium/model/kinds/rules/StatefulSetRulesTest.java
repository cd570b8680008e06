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

class StatefulSetRulesTest {
    static final KindFixtures STS = KindFixtures.of("StatefulSet.apps");
    static final String VALID = "{serviceName: web, " + SELECTOR + ", " + TEMPLATE + "}";

    static String sts(String spec) {
        return "metadata: {name: web, namespace: d}\nspec: " + spec;
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{}                                                       | /spec/podManagementPolicy                 | 'OrderedReady'",
            "{}                                                       | /spec/updateStrategy                      | {'type':'RollingUpdate','rollingUpdate':{'partition':0}}",
            "{updateStrategy: {type: RollingUpdate}}                  | /spec/updateStrategy                      | {'type':'RollingUpdate'}",
            "{updateStrategy: {rollingUpdate: {partition: 2}}}        | /spec/updateStrategy                      | {'rollingUpdate':{'partition':2},'type':'RollingUpdate'}",
            "{updateStrategy: {type: OnDelete}}                       | /spec/updateStrategy                      | {'type':'OnDelete'}",
            "{}                                                       | /spec/persistentVolumeClaimRetentionPolicy | {'whenDeleted':'Retain','whenScaled':'Retain'}",
            "{persistentVolumeClaimRetentionPolicy: {whenScaled: Delete}} | /spec/persistentVolumeClaimRetentionPolicy | {'whenScaled':'Delete','whenDeleted':'Retain'}",
            "{}                                                       | /spec/replicas                            | 1",
            "{}                                                       | /spec/revisionHistoryLimit                | 10",
            "{}                                                       | /spec/template/spec/schedulerName         | 'default-scheduler'",
            "{volumeClaimTemplates: [{metadata: {name: data}, spec: {accessModes: [ReadWriteOnce]}}]} | /spec/volumeClaimTemplates/0 | "
                    + "{'metadata':{'name':'data'},'spec':{'accessModes':['ReadWriteOnce'],'volumeMode':'Filesystem'},'status':{'phase':'Pending'}}",
    })
    void defaults(String spec, String pointer, String expected) {
        ObjectNode s = STS.defaulted(sts(spec));
        assertThat(s.at(pointer).toString()).isEqualTo(expected.replace('\'', '"'));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(VALID, List.of()),
                // the pod spec is not validated for StatefulSets: mounts may name claim templates
                Arguments.of("{" + SELECTOR + ", template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, volumeMounts: [{name: data, "
                        + "mountPath: /data}]}]}}}", List.of()),
                Arguments.of("{" + TEMPLATE + "}", List.of("spec.selector: Required value", MISMATCH)),
                Arguments.of("{selector: {}, " + TEMPLATE + "}", List.of("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), "
                        + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset")),
                Arguments.of("{podManagementPolicy: Sideways, " + SELECTOR + ", " + TEMPLATE + "}",
                        List.of("spec.podManagementPolicy: Invalid value: \"Sideways\": must be 'OrderedReady' or 'Parallel'")),
                Arguments.of("{updateStrategy: {type: BlueGreen}, " + SELECTOR + ", " + TEMPLATE + "}",
                        List.of("spec.updateStrategy.type: Invalid value: \"BlueGreen\": must be 'RollingUpdate' or 'OnDelete'")),
                Arguments.of("{updateStrategy: {type: OnDelete, rollingUpdate: {partition: 1}}, " + SELECTOR + ", " + TEMPLATE + "}",
                        List.of("spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:1, "
                                + "MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'")),
                Arguments.of("{updateStrategy: {rollingUpdate: {partition: -1, maxUnavailable: 0}}, " + SELECTOR + ", " + TEMPLATE + "}", List.of(
                        "spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0",
                        "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: cannot be 0")),
                Arguments.of("{persistentVolumeClaimRetentionPolicy: {whenDeleted: Keep}, " + SELECTOR + ", " + TEMPLATE + "}",
                        List.of("spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: \"Keep\": supported values: \"Retain\", \"Delete\"")),
                Arguments.of("{replicas: -1, minReadySeconds: -1, ordinals: {start: -1}, " + SELECTOR + ", " + TEMPLATE + "}", List.of(
                        "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                        "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0",
                        "spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0")),
                Arguments.of("{" + SELECTOR + ", template: {metadata: {labels: {app: web}}, spec: {restartPolicy: OnFailure, activeDeadlineSeconds: 1, "
                        + "containers: [{name: c, image: nginx}]}}}", List.of(
                        "spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"",
                        "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalid")
    void validation(String spec, List<String> expected) {
        assertThat(STS.create(sts(spec))).containsExactlyElementsOf(expected);
    }

    @Test
    void nameMustBeADnsLabel() {
        assertThat(STS.create("metadata: {name: web.v1, namespace: d}\nspec: " + VALID))
                .containsExactly("metadata.name: Invalid value: \"web.v1\": must not contain dots");
        assertThat(STS.create("metadata: {generateName: web-, namespace: d, name: web-x1}\nspec: " + VALID)).isEmpty();
    }

    @Test
    void onlySomeSpecFieldsMayChange() {
        String updated = "{replicas: 3, minReadySeconds: 5, ordinals: {start: 1}, updateStrategy: {type: OnDelete}, serviceName: web, " + SELECTOR
                + ", template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: nginx:2}]}}}";
        assertThat(STS.update(sts(VALID), sts(updated))).isEmpty();
        assertThat(STS.update(sts(VALID), sts("{serviceName: other, " + SELECTOR + ", " + TEMPLATE + "}")))
                .containsExactly("spec: Forbidden: " + StatefulSetRules.SPEC_FORBIDDEN);
        assertThat(STS.update(sts(VALID), sts("{serviceName: web, selector: {matchLabels: {app: web, v: '2'}}, "
                + "template: {metadata: {labels: {app: web, v: '2'}}, spec: {containers: [{name: c, image: nginx}]}}}"))).containsExactly(
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\", \"v\":\"2\"}, "
                        + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable",
                "spec: Forbidden: " + StatefulSetRules.SPEC_FORBIDDEN);
    }
}
