package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
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

class PodValidationTest {
    static final ResourceKind POD = KindRegistry.get("Pod");

    static List<Cause> validate(String specYaml) {
        ObjectNode pod = yaml("metadata: {name: p, namespace: d}\nspec: " + specYaml);
        Defaulter.apply(POD, pod);
        return Validator.forCreate(POD, pod);
    }

    @Test
    void validPod() {
        assertThat(validate("""
                {containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 80}],
                  env: [{name: A, value: b}, {name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}},
                        {name: L, valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}}],
                  volumeMounts: [{name: data, mountPath: /data}],
                  resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: '1', memory: 128Mi}}}],
                 initContainers: [{name: init, image: busybox}],
                 volumes: [{name: data, emptyDir: {}}]}
                """)).isEmpty();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("{}", List.of("spec.containers: Required value")),
                Arguments.of("{containers: [{image: nginx}]}", List.of("spec.containers[0].name: Required value")),
                Arguments.of("{containers: [{name: Web, image: nginx}]}",
                        List.of("spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case "
                                + "alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  "
                                + "or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")),
                Arguments.of("{containers: [{name: c}]}", List.of("spec.containers[0].image: Required value")),
                Arguments.of("{containers: [{name: c, image: x}, {name: c, image: y}]}",
                        List.of("spec.containers[1].name: Duplicate value: \"c\"")),
                Arguments.of("{containers: [{name: c, image: x}], initContainers: [{name: c, image: y}]}",
                        List.of("spec.initContainers[0].name: Duplicate value: \"c\"")),
                Arguments.of("{restartPolicy: Sometimes, containers: [{name: c, image: x}]}",
                        List.of("spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"")),
                Arguments.of("{dnsPolicy: Custom, containers: [{name: c, image: x}]}",
                        List.of("spec.dnsPolicy: Unsupported value: \"Custom\": supported values: \"ClusterFirstWithHostNet\", "
                                + "\"ClusterFirst\", \"Default\", \"None\"")),
                Arguments.of("{dnsPolicy: None, containers: [{name: c, image: x}]}",
                        List.of("spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None")),
                Arguments.of("{containers: [{name: c, image: x, ports: [{containerPort: 70000}]}]}",
                        List.of("spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive")),
                Arguments.of("{containers: [{name: c, image: x, ports: [{name: p}]}]}",
                        List.of("spec.containers[0].ports[0].containerPort: Required value")),
                Arguments.of("{containers: [{name: c, image: x, ports: [{containerPort: 1, protocol: HTTP}]}]}",
                        List.of("spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"")),
                Arguments.of("{containers: [{name: c, image: x, ports: [{name: web, containerPort: 1}, {name: web, containerPort: 2}]}]}",
                        List.of("spec.containers[0].ports[1].name: Duplicate value: \"web\"")),
                Arguments.of("{containers: [{name: c, image: x, ports: [{name: a-very-long-port-name, containerPort: 1}]}]}",
                        List.of("spec.containers[0].ports[0].name: Invalid value: \"a-very-long-port-name\": must be no more than 15 characters")),
                Arguments.of("{containers: [{name: c, image: x, env: [{name: 1A}]}]}",
                        List.of("spec.containers[0].env[0].name: Invalid value: \"1A\": a valid environment variable name must consist of "
                                + "alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  "
                                + "or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')")),
                Arguments.of("{containers: [{name: c, image: x, env: [{name: A, value: v, valueFrom: {secretKeyRef: {name: s, key: k}}}]}]}",
                        List.of("spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty")),
                Arguments.of("{containers: [{name: c, image: x, env: [{name: A, valueFrom: {}}]}]}",
                        List.of("spec.containers[0].env[0].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, "
                                + "`resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`")),
                Arguments.of("{volumes: [{name: v, emptyDir: {}}, {name: v, emptyDir: {}}], containers: [{name: c, image: x}]}",
                        List.of("spec.volumes[1].name: Duplicate value: \"v\"")),
                Arguments.of("{volumes: [{name: v}], containers: [{name: c, image: x}]}",
                        List.of("spec.volumes[0]: Required value: must specify a volume type")),
                Arguments.of("{volumes: [{name: v, emptyDir: {}, configMap: {name: cm}}], containers: [{name: c, image: x}]}",
                        List.of("spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type")),
                Arguments.of("{volumes: [{name: v, secret: {}}], containers: [{name: c, image: x}]}",
                        List.of("spec.volumes[0].secret.secretName: Required value")),
                Arguments.of("{containers: [{name: c, image: x, volumeMounts: [{name: missing, mountPath: /m}]}]}",
                        List.of("spec.containers[0].volumeMounts[0].name: Not found: \"missing\"")),
                Arguments.of("{volumes: [{name: v, emptyDir: {}}], containers: [{name: c, image: x, volumeMounts: [{name: v}]}]}",
                        List.of("spec.containers[0].volumeMounts[0].mountPath: Required value")),
                Arguments.of("{containers: [{name: c, image: x, resources: {limits: {cpu: lots}}}]}",
                        // requests default from limits, so the bad value shows up twice
                        List.of("spec.containers[0].resources.limits[cpu]: Invalid value: \"lots\": quantities must match the regular "
                                        + "expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
                                "spec.containers[0].resources.requests[cpu]: Invalid value: \"lots\": quantities must match the regular "
                                        + "expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")),
                Arguments.of("{containers: [{name: c, image: x, resources: {requests: {memory: '-1'}}}]}",
                        List.of("spec.containers[0].resources.requests[memory]: Invalid value: \"-1\": must be greater than or equal to 0")),
                Arguments.of("{containers: [{name: c, image: x, resources: {requests: {cpu: '2'}, limits: {cpu: 1500m}}}]}",
                        List.of("spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1500m")),
                Arguments.of("{containers: [{name: c, image: x, resources: {requests: {gpus: '1'}}}]}",
                        List.of("spec.containers[0].resources.requests[gpus]: Invalid value: \"gpus\": must be a standard resource for containers")),
                Arguments.of("{terminationGracePeriodSeconds: -5, containers: [{name: c, image: x}]}",
                        List.of("spec.terminationGracePeriodSeconds: Invalid value: -5: must be greater than or equal to 0")),
                Arguments.of("{activeDeadlineSeconds: 0, containers: [{name: c, image: x}]}",
                        List.of("spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive")),
                Arguments.of("{tolerations: [{key: k, operator: Exists, value: v, effect: NoExecute}], containers: [{name: c, image: x}]}",
                        List.of("spec.tolerations[0].operator: Invalid value: {\"key\":\"k\",\"operator\":\"Exists\",\"value\":\"v\","
                                + "\"effect\":\"NoExecute\"}: value must be empty when `operator` is 'Exists'")),
                Arguments.of("{tolerations: [{key: k, effect: Sometimes}], containers: [{name: c, image: x}]}",
                        List.of("spec.tolerations[0].effect: Unsupported value: \"Sometimes\": supported values: \"NoSchedule\", "
                                + "\"PreferNoSchedule\", \"NoExecute\"")),
                Arguments.of("{nodeSelector: {'bad key': x}, containers: [{name: c, image: x}]}",
                        List.of("spec.nodeSelector: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' "
                                + "or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
                                + "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")),
                Arguments.of("{containers: [{name: c, image: x, restartPolicy: Always}]}",
                        List.of("spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers")),
                Arguments.of("{containers: [{name: c, image: x, livenessProbe: {periodSeconds: 5}}]}",
                        List.of("spec.containers[0].livenessProbe: Required value: must specify a handler type")));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("invalid")
    void invalidSpecs(String spec, List<String> expected) {
        assertThat(render(validate(spec))).containsExactlyElementsOf(expected);
    }

    @Test
    void invalidErrorMessageAsKubectlShowsIt() {
        ObjectNode pod = yaml("{metadata: {name: p, namespace: d}, spec: {containers: [{name: c}]}}");
        Defaulter.apply(POD, pod);
        var error = Validator.invalid(POD, pod, Validator.forCreate(POD, pod)).error();
        assertThat(error.code()).isEqualTo(422);
        assertThat(error.message()).isEqualTo("The Pod \"p\" is invalid: spec.containers[0].image: Required value");
    }
}
