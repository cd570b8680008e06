package dev.podium.model.selectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiException;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.podium.model.validation.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldSelectorTest {
    static final ObjectNode POD = yaml("""
            metadata: {name: web-1, namespace: prod}
            spec: {nodeName: node-a, restartPolicy: Always, schedulerName: default-scheduler, serviceAccountName: builder}
            status: {phase: Running, podIPs: [{ip: 10.0.0.7}], podIP: 10.0.0.7}
            """);
    static final ObjectNode EVENT = yaml("""
            metadata: {name: e1, namespace: prod}
            involvedObject: {kind: Pod, namespace: prod, name: web-1, uid: u-1, apiVersion: v1, resourceVersion: '42', fieldPath: 'spec.containers{web}'}
            reason: Scheduled
            reportingComponent: sched
            source: {component: default-scheduler}
            type: Normal
            """);
    static final ObjectNode SECRET = yaml("{metadata: {name: s, namespace: prod}, type: kubernetes.io/tls}");
    static final ObjectNode NAMESPACE = yaml("{metadata: {name: prod}, status: {phase: Active}}");
    static final ObjectNode NODE = yaml("{metadata: {name: node-a}, spec: {unschedulable: true}}");
    static final ObjectNode SERVICE = yaml("{metadata: {name: svc, namespace: prod}, spec: {type: ClusterIP, clusterIP: None}}");

    static ObjectNode object(String kind) {
        return switch (kind) {
            case "Pod" -> POD;
            case "Event" -> EVENT;
            case "Secret" -> SECRET;
            case "Namespace" -> NAMESPACE;
            case "Node" -> NODE;
            case "Service" -> SERVICE;
            default -> yaml("{metadata: {name: x, namespace: prod}}");
        };
    }

    @ParameterizedTest(name = "[{index}] {0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "Pod       | metadata.name=web-1                          | true",
            "Pod       | metadata.name==web-2                         | false",
            "Pod       | metadata.namespace=prod                      | true",
            "Pod       | metadata.namespace!=prod                     | false",
            "Pod       | spec.nodeName=node-a                         | true",
            "Pod       | spec.nodeName=                               | false",
            "Pod       | spec.nodeName!=,status.phase=Running         | true",
            "Pod       | spec.restartPolicy=Always                    | true",
            "Pod       | spec.schedulerName=default-scheduler         | true",
            "Pod       | spec.serviceAccountName=builder              | true",
            "Pod       | spec.hostNetwork=false                       | true",
            "Pod       | spec.hostNetwork=true                        | false",
            "Pod       | status.phase!=Succeeded,status.phase!=Failed | true",
            "Pod       | status.podIP=10.0.0.7                        | true",
            "Pod       | status.nominatedNodeName=                    | true",
            "Event     | involvedObject.kind=Pod                      | true",
            "Event     | involvedObject.namespace=prod                | true",
            "Event     | involvedObject.name=web-1                    | true",
            "Event     | involvedObject.uid=u-1                       | true",
            "Event     | involvedObject.apiVersion=v1                 | true",
            "Event     | involvedObject.resourceVersion=42            | true",
            "Event     | involvedObject.fieldPath=spec.containers{web} | true",
            "Event     | reason=Scheduled                             | true",
            "Event     | reportingComponent=sched                     | true",
            "Event     | source=default-scheduler                     | true",
            "Event     | type=Warning                                 | false",
            "Secret    | type=kubernetes.io/tls                       | true",
            "Secret    | type=Opaque                                  | false",
            "Namespace | status.phase=Active                          | true",
            "Namespace | metadata.name=prod                           | true",
            "Node      | spec.unschedulable=true                      | true",
            "Node      | spec.unschedulable!=true                     | false",
            "Service   | spec.clusterIP!=None                         | false",
            "Service   | spec.type=ClusterIP                          | true",
            "ConfigMap | metadata.name=x                              | true",
    })
    void matchesPerKind(String kind, String selector, boolean matches) {
        ResourceKind k = KindRegistry.get(kind);
        FieldSelector fs = FieldSelector.parse(selector).validate(k);
        assertThat(fs.matches(k, object(kind))).isEqualTo(matches);
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', value = {
            "Pod            | foo=bar                 | foo",
            "Pod            | spec.containers=x       | spec.containers",
            "ConfigMap      | status.phase=Active     | status.phase",
            "Namespace      | metadata.namespace=x    | metadata.namespace",
            "Node           | metadata.namespace=x    | metadata.namespace",
            "ServiceAccount | type=x                  | type",
            "Pod            | 'metadata.name =x'      | 'metadata.name '",
    })
    void unsupportedKeys(String kind, String selector, String field) {
        assertThatThrownBy(() -> FieldSelector.parse(selector).validate(KindRegistry.get(kind)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(400);
                    assertThat(e.error().message()).isEqualTo("field label not supported: " + field);
                });
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', value = {
            "foo           | invalid selector: 'foo'; can't understand 'foo'",
            "a=b,c         | invalid selector: 'a=b,c'; can't understand 'c'",
            "a=b=c         | invalid field selector: unescaped character in value: 61",
            "'a=b\\x'      | invalid field selector: invalid escape sequence: \\x",
    })
    void badSyntax(String selector, String message) {
        assertThatThrownBy(() -> FieldSelector.parse(selector))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error().message()).isEqualTo(message));
    }

    @Test
    void escapedValuesAndRequiredValue() {
        FieldSelector fs = FieldSelector.parse("metadata.name=a\\,b,spec.nodeName=n1");
        assertThat(fs.terms()).hasSize(2);
        assertThat(fs.requiredValue("metadata.name")).contains("a,b");
        assertThat(fs.requiredValue("spec.nodeName")).contains("n1");
        assertThat(fs.toString()).isEqualTo("metadata.name=a\\,b,spec.nodeName=n1");
        assertThat(FieldSelector.parse("").isEverything()).isTrue();
        assertThat(FieldSelector.parse(null).matches(KindRegistry.get("Pod"), POD)).isTrue();
    }
}
