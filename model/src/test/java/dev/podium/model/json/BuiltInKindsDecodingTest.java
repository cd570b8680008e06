package dev.podium.model.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.validation.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every field of every served built-in kind decodes, MicroTimes included, and decoding leaves the body as it came. */
class BuiltInKindsDecodingTest {
    static Stream<Arguments> servedKinds() {
        return KindRegistry.all().stream().map(k -> Arguments.of(k.entityTypeName()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("servedKinds")
    void anObjectWithEveryFieldSetDecodes(String kindName) {
        ResourceKind kind = KindRegistry.get(kindName);
        PopulatedObjects.Populated populated = PopulatedObjects.of(kind.type());
        assertThat(populated.leaves()).as("sample values generated").isGreaterThan(3);
        decodesUnchanged(kind, populated.object());
    }

    @Test
    void theGeneratedLeaseCarriesMicroTimes() {
        ObjectNode lease = PopulatedObjects.of(KindRegistry.get("Lease.coordination.k8s.io").type()).object();
        assertThat(lease.at("/spec/acquireTime").asText()).isEqualTo(PopulatedObjects.MICRO_TIME);
        assertThat(lease.at("/spec/renewTime").asText()).isEqualTo(PopulatedObjects.MICRO_TIME);
    }

    static Stream<Arguments> clientBodies() {
        return Stream.of(
                Arguments.of("Lease.coordination.k8s.io", """
                        apiVersion: coordination.k8s.io/v1
                        kind: Lease
                        metadata: {name: leader, namespace: default}
                        spec:
                          holderIdentity: pod-a_4f1c
                          leaseDurationSeconds: 15
                          acquireTime: "2026-01-01T10:00:00.123456Z"
                          renewTime: "2026-01-01T10:00:10.000001+02:00"
                          leaseTransitions: 3
                          strategy: OldestEmulationVersion
                          preferredHolder: pod-b
                        """),
                Arguments.of("Event", """
                        apiVersion: v1
                        kind: Event
                        metadata: {name: web.17a, namespace: default}
                        involvedObject: {kind: Pod, name: web, namespace: default, uid: u1, apiVersion: v1, resourceVersion: "12", fieldPath: "spec.containers{c}"}
                        reason: Started
                        message: Started container c
                        source: {component: kubelet, host: node-1}
                        firstTimestamp: "2026-01-01T10:00:00Z"
                        lastTimestamp: "2026-01-01T10:00:05Z"
                        count: 2
                        type: Normal
                        eventTime: "2026-01-01T10:00:00.123456Z"
                        series: {count: 2, lastObservedTime: "2026-01-01T10:00:05.654321Z"}
                        action: Started
                        related: {kind: Node, name: node-1}
                        reportingComponent: kubelet
                        reportingInstance: node-1
                        """),
                Arguments.of("Pod", """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: web
                          labels: {app: web}
                          annotations: {note: "1"}
                          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-1, uid: u1, controller: true, blockOwnerDeletion: true}]
                        spec:
                          restartPolicy: Always
                          terminationGracePeriodSeconds: 30
                          nodeSelector: {disk: ssd}
                          tolerations: [{key: k, operator: Exists, effect: NoSchedule, tolerationSeconds: 60}]
                          securityContext: {runAsUser: 1000, fsGroup: 2000, seccompProfile: {type: RuntimeDefault}}
                          volumes:
                          - {name: data, emptyDir: {sizeLimit: 1Gi}}
                          - {name: cfg, configMap: {name: cfg, items: [{key: a, path: a.txt, mode: 420}], defaultMode: 420}}
                          containers:
                          - name: c
                            image: nginx:1.27
                            command: [sh, -c]
                            args: [sleep 1000]
                            ports: [{containerPort: 80, name: http, protocol: TCP}]
                            env:
                            - {name: A, value: "1"}
                            - {name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
                            resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: "1", memory: 128Mi}}
                            readinessProbe: {httpGet: {path: /, port: http}, periodSeconds: 5}
                            livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 3}
                            volumeMounts: [{name: data, mountPath: /data}]
                        """),
                Arguments.of("Deployment.apps", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          replicas: 3
                          revisionHistoryLimit: 5
                          progressDeadlineSeconds: 600
                          selector: {matchLabels: {app: web}, matchExpressions: [{key: tier, operator: In, values: [front]}]}
                          strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 25%}}
                          template:
                            metadata: {labels: {app: web, tier: front}}
                            spec: {containers: [{name: c, image: nginx}]}
                        """),
                Arguments.of("Service", """
                        apiVersion: v1
                        kind: Service
                        metadata: {name: web}
                        spec:
                          type: LoadBalancer
                          selector: {app: web}
                          ports: [{name: http, port: 80, targetPort: http, protocol: TCP, nodePort: 30080}]
                          sessionAffinity: ClientIP
                          sessionAffinityConfig: {clientIP: {timeoutSeconds: 600}}
                          ipFamilyPolicy: SingleStack
                          ipFamilies: [IPv4]
                          externalTrafficPolicy: Local
                          allocateLoadBalancerNodePorts: true
                        status: {loadBalancer: {ingress: [{ip: 10.0.0.9, ipMode: VIP, ports: [{port: 80, protocol: TCP}]}]}}
                        """),
                Arguments.of("Node", """
                        apiVersion: v1
                        kind: Node
                        metadata: {name: node-1, labels: {kubernetes.io/hostname: node-1}}
                        spec: {podCIDR: 10.244.1.0/24, podCIDRs: [10.244.1.0/24], taints: [{key: k, value: v, effect: NoSchedule, timeAdded: "2026-01-01T10:00:00Z"}]}
                        status:
                          capacity: {cpu: "4", memory: 8Gi, pods: "110"}
                          allocatable: {cpu: 3800m, memory: 7Gi, pods: "110"}
                          conditions: [{type: Ready, status: "True", reason: KubeletReady, lastHeartbeatTime: "2026-01-01T10:00:00Z", lastTransitionTime: "2026-01-01T10:00:00Z"}]
                          addresses: [{type: InternalIP, address: 10.0.0.1}]
                          daemonEndpoints: {kubeletEndpoint: {Port: 10250}}
                          nodeInfo: {machineID: m, systemUUID: s, bootID: b, kernelVersion: "6.1", osImage: Linux, containerRuntimeVersion: "containerd://1.7", kubeletVersion: v1.32.0, kubeProxyVersion: "", operatingSystem: linux, architecture: amd64}
                          images: [{names: [nginx], sizeBytes: 1000}]
                        """),
                Arguments.of("Job.batch", """
                        apiVersion: batch/v1
                        kind: Job
                        metadata: {name: pi}
                        spec:
                          completions: 3
                          parallelism: 2
                          backoffLimit: 4
                          activeDeadlineSeconds: 100
                          ttlSecondsAfterFinished: 60
                          completionMode: Indexed
                          podFailurePolicy: {rules: [{action: FailJob, onExitCodes: {containerName: c, operator: In, values: [42]}}]}
                          template: {spec: {restartPolicy: Never, containers: [{name: c, image: perl}]}}
                        """),
                Arguments.of("CronJob.batch", """
                        apiVersion: batch/v1
                        kind: CronJob
                        metadata: {name: hello}
                        spec:
                          schedule: "*/5 * * * *"
                          timeZone: Etc/UTC
                          concurrencyPolicy: Forbid
                          startingDeadlineSeconds: 200
                          successfulJobsHistoryLimit: 3
                          failedJobsHistoryLimit: 1
                          suspend: false
                          jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: c, image: busybox}]}}}}
                        """),
                Arguments.of("PodDisruptionBudget.policy", """
                        apiVersion: policy/v1
                        kind: PodDisruptionBudget
                        metadata: {name: web}
                        spec: {minAvailable: 50%, selector: {matchLabels: {app: web}}, unhealthyPodEvictionPolicy: AlwaysAllow}
                        """),
                Arguments.of("EndpointSlice.discovery.k8s.io", """
                        apiVersion: discovery.k8s.io/v1
                        kind: EndpointSlice
                        metadata: {name: web-abc, labels: {kubernetes.io/service-name: web}}
                        addressType: IPv4
                        endpoints:
                        - addresses: [10.244.1.5]
                          conditions: {ready: true, serving: true, terminating: false}
                          nodeName: node-1
                          zone: a
                          hints: {forZones: [{name: a}]}
                          targetRef: {kind: Pod, name: web-1, namespace: default}
                        ports: [{name: http, port: 80, protocol: TCP, appProtocol: http}]
                        """));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("clientBodies")
    void whatClientsSendDecodes(String kindName, String yaml) {
        decodesUnchanged(KindRegistry.get(kindName), Fixtures.yaml(yaml));
    }

    private static void decodesUnchanged(ResourceKind kind, ObjectNode body) {
        ObjectNode before = body.deepCopy();
        assertThat(FieldDecoding.unknownFields(kind, body)).isEmpty();
        assertThat(body).isEqualTo(before);
    }
}
