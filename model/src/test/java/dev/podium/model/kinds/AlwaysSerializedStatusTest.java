package dev.podium.model.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.validation.Defaulter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.podium.model.validation.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class AlwaysSerializedStatusTest {
    /** The status kube-apiserver answers a create with, for a body that has none. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "Service                     | {spec: {ports: [{port: 80}]}}                         | {loadBalancer: {}}",
            "Ingress.networking.k8s.io   | {spec: {defaultBackend: {service: {name: s, port: {number: 80}}}}} | {loadBalancer: {}}",
            "ReplicaSet.apps             | {spec: {}}                                            | {replicas: 0}",
            "ReplicationController       | {spec: {}}                                            | {replicas: 0}",
            "StatefulSet.apps            | {spec: {}}                                            | {replicas: 0, availableReplicas: 0}",
            "DaemonSet.apps              | {spec: {}}                                            | {currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0}",
            "PodDisruptionBudget.policy  | {spec: {minAvailable: 1}}                             | {disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0}",
            "Deployment.apps             | {spec: {}}                                            | {}",
            "Job.batch                   | {spec: {}}                                            | {}",
            "CronJob.batch               | {spec: {schedule: '@daily'}}                          | {}",
            "Namespace                   | {}                                                    | {phase: Active}",
            "PersistentVolumeClaim       | {spec: {}}                                            | {phase: Pending}",
            "PersistentVolume            | {spec: {}}                                            | {phase: Pending}",
            "APIService.apiregistration.k8s.io | {spec: {}}                                      | {}",
            "ValidatingAdmissionPolicy.admissionregistration.k8s.io | {spec: {}}                 | {}",
            "Node                        | {}                                                    | {daemonEndpoints: {kubeletEndpoint: {Port: 0}}, nodeInfo: {machineID: '', systemUUID: '', bootID: '', kernelVersion: '', osImage: '', containerRuntimeVersion: '', kubeletVersion: '', kubeProxyVersion: '', operatingSystem: '', architecture: ''}}",
    })
    void aCreatedObjectCarriesTheStatusKubeReturns(String kindName, String body, String status) {
        ObjectNode obj = yaml(body);
        Defaulter.apply(KindRegistry.get(kindName), obj);
        assertThat(obj.get("status")).isEqualTo(yaml(status));
    }

    @Test
    void valuesAlreadyThereStay() {
        ObjectNode svc = yaml("{spec: {ports: [{port: 80}]}, status: {loadBalancer: {ingress: [{ip: 10.0.0.9}]}}}");
        Defaulter.apply(KindRegistry.get("Service"), svc);
        assertThat(svc.get("status")).isEqualTo(yaml("{loadBalancer: {ingress: [{ip: 10.0.0.9}]}}"));

        ObjectNode node = yaml("{status: {nodeInfo: {kubeletVersion: v1.32.0}, daemonEndpoints: {kubeletEndpoint: {Port: 10250}}}}");
        Defaulter.apply(KindRegistry.get("Node"), node);
        assertThat(node.at("/status/nodeInfo/kubeletVersion").asText()).isEqualTo("v1.32.0");
        assertThat(node.at("/status/nodeInfo/machineID").asText()).isEmpty();
        assertThat(node.at("/status/daemonEndpoints/kubeletEndpoint/Port").asInt()).isEqualTo(10250);
    }

    @Test
    void aStatusWriteThatLeavesFieldsOutStillShowsThem() {
        ObjectNode old = yaml("{metadata: {name: rs}, spec: {replicas: 1}, status: {replicas: 1, readyReplicas: 1}}");
        ObjectNode written = yaml("{metadata: {name: rs}, status: {observedGeneration: 2}}");
        Defaulter.applyForStatusUpdate(KindRegistry.get("ReplicaSet.apps"), old, written);
        assertThat(written.get("status")).isEqualTo(yaml("{observedGeneration: 2, replicas: 0}"));
    }

    @Test
    void kindsWithoutAStatusGetNone() {
        for (String kind : new String[] {"ConfigMap", "Secret", "Lease.coordination.k8s.io", "Event", "EndpointSlice.discovery.k8s.io"}) {
            ObjectNode obj = yaml("{metadata: {name: a}}");
            Defaulter.apply(KindRegistry.get(kind), obj);
            assertThat(obj.has("status")).as(kind).isFalse();
        }
    }
}
