package dev.podium.model.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.selectors.FieldSelector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.model.validation.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Wrong JSON types anywhere must come out as causes, never as exceptions. */
class MalformedInputTest {
    static final List<String> BODIES = List.of(
            "{}",
            "{metadata: 5, spec: 5, status: 5, data: 5, stringData: 5, binaryData: 5, type: {}, involvedObject: 5}",
            "{metadata: {name: [], namespace: {}, labels: [1], annotations: 3, finalizers: {}, ownerReferences: [1, x]}}",
            "{metadata: {name: x, namespace: y, labels: {a: 1, b: null}, annotations: {a: {b: c}}}, spec: {containers: {}, volumes: 3, tolerations: [1], taints: [x]}}",
            "{metadata: {name: x, namespace: y}, spec: {containers: [1, null, {name: 3, image: [], ports: 5, env: [3], resources: 3}], initContainers: [{resources: {limits: 3, requests: {cpu: {}}}}]}}",
            "{metadata: {name: x, namespace: y}, spec: {containers: [{name: c, image: i, ports: [{containerPort: '80', protocol: 3}], volumeMounts: [1], livenessProbe: 3, env: [{name: A, valueFrom: 3}]}]}}",
            "{metadata: {name: x, namespace: y}, spec: {type: 3, ports: [{port: x, targetPort: {}, nodePort: []}], selector: [], sessionAffinity: ClientIP, sessionAffinityConfig: 3, clusterIPs: 3, ipFamilies: {}}}",
            "{metadata: {name: x, namespace: y}, spec: {type: ExternalName, externalName: 3}, data: {a: 1}, binaryData: {b: 2}, immutable: yes}",
            "{metadata: {name: x, namespace: y}, data: [1], stringData: {a: {b: 1}}, type: kubernetes.io/dockerconfigjson}",
            "{metadata: {name: x, namespace: y}, eventTime: 3, involvedObject: [], source: 3}",
            "{metadata: {name: x, namespace: y}, spec: {selector: [], template: 5, strategy: 3, updateStrategy: {rollingUpdate: 3}, replicas: x}}",
            "{metadata: {name: x, namespace: y}, spec: {selector: {matchLabels: 3, matchExpressions: [3, {operator: 4}]}, template: {metadata: 3, spec: []}, "
                    + "strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: [], maxUnavailable: {}}}, volumeClaimTemplates: [3, {spec: 4}], ordinals: 3}}",
            "{metadata: {name: x, namespace: y}, spec: {capacity: 3, accessModes: {}, hostPath: 3, resources: {requests: 3}}, provisioner: [], data: null}",
            "{metadata: {name: x, namespace: y, uid: 3}, spec: {schedule: {}, timeZone: 3, jobTemplate: {spec: {selector: 3, template: []}}, completionMode: {}, "
                    + "podFailurePolicy: {rules: [3, {onExitCodes: {values: {}}, onPodConditions: 3}]}, completions: x, manualSelector: yes}}");

    static Stream<Arguments> cases() {
        return KindRegistry.all().stream().flatMap(k -> BODIES.stream().map(b -> Arguments.of(k.entityTypeName(), b)));
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @MethodSource("cases")
    void neverThrows(String kindName, String body) {
        ResourceKind kind = KindRegistry.get(kindName);
        assertThatCode(() -> {
            Validator.forCreate(kind, yaml(body));
            ObjectNode obj = yaml(body);
            Defaulter.apply(kind, obj);
            Validator.forCreate(kind, obj);
            ObjectNode old = yaml(body);
            ObjectNode neu = yaml(body);
            Defaulter.applyForUpdate(kind, old, neu);
            Validator.forUpdate(kind, old, neu);
            Validator.forUpdate(kind, yaml("{}"), yaml(body));
            Defaulter.applyForStatusUpdate(kind, yaml(body), yaml(body));
            for (String field : kind.rules().fieldSelectors().keySet()) {
                FieldSelector.parse(field + "=x").matches(kind, yaml(body));
            }
        }).doesNotThrowAnyException();
    }
}
