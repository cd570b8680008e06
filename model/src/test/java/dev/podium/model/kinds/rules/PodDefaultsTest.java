package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.validation.Defaulter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.podium.model.validation.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class PodDefaultsTest {

    static ObjectNode defaulted(String yaml) {
        ObjectNode pod = yaml(yaml);
        Defaulter.apply(KindRegistry.get("Pod"), pod);
        return pod;
    }

    @Test
    void specAndContainerDefaults() {
        ObjectNode pod = defaulted("""
                metadata: {name: p, namespace: d}
                spec:
                  containers: [{name: c, image: nginx:1.25, ports: [{containerPort: 80}], extra: kept}]
                  initContainers: [{name: i, image: busybox}]
                """);
        assertThat(pod.at("/spec/restartPolicy").asText()).isEqualTo("Always");
        assertThat(pod.at("/spec/dnsPolicy").asText()).isEqualTo("ClusterFirst");
        assertThat(pod.at("/spec/schedulerName").asText()).isEqualTo("default-scheduler");
        assertThat(pod.at("/spec/terminationGracePeriodSeconds").asLong()).isEqualTo(30);
        assertThat(pod.at("/spec/securityContext").isObject()).isTrue();
        assertThat(pod.at("/spec/enableServiceLinks").asBoolean()).isTrue();
        assertThat(pod.at("/spec/serviceAccountName").asText()).isEqualTo("default");
        assertThat(pod.at("/spec/serviceAccount").asText()).isEqualTo("default");
        assertThat(pod.at("/spec/priority").asLong()).isZero();
        assertThat(pod.at("/spec/preemptionPolicy").asText()).isEqualTo("PreemptLowerPriority");
        assertThat(pod.at("/spec/tolerations").toString()).isEqualTo(
                "[{\"key\":\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":300},"
                        + "{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":300}]");
        for (String c : new String[] {"/spec/containers/0", "/spec/initContainers/0"}) {
            assertThat(pod.at(c + "/terminationMessagePath").asText()).isEqualTo("/dev/termination-log");
            assertThat(pod.at(c + "/terminationMessagePolicy").asText()).isEqualTo("File");
            assertThat(pod.at(c + "/resources").isObject()).isTrue();
        }
        assertThat(pod.at("/spec/containers/0/ports/0/protocol").asText()).isEqualTo("TCP");
        assertThat(pod.at("/spec/containers/0/extra").asText()).isEqualTo("kept");
        assertThat(pod.at("/status/phase").asText()).isEqualTo("Pending");
        assertThat(pod.at("/status/qosClass").asText()).isEqualTo("BestEffort");
    }

    @Test
    void explicitValuesAreKept() {
        ObjectNode pod = defaulted("""
                spec:
                  restartPolicy: Never
                  serviceAccount: legacy
                  priorityClassName: system-node-critical
                  tolerations: [{operator: Exists}]
                  containers: [{name: c, image: nginx, imagePullPolicy: Never}]
                status: {phase: Running, qosClass: Burstable}
                """);
        assertThat(pod.at("/spec/restartPolicy").asText()).isEqualTo("Never");
        assertThat(pod.at("/spec/serviceAccountName").asText()).isEqualTo("legacy");
        assertThat(pod.at("/spec/priority").asLong()).isEqualTo(2000001000L);
        assertThat(pod.at("/spec/tolerations").size()).isEqualTo(1);
        assertThat(pod.at("/spec/containers/0/imagePullPolicy").asText()).isEqualTo("Never");
        assertThat(pod.at("/status/phase").asText()).isEqualTo("Running");
        assertThat(pod.at("/status/qosClass").asText()).isEqualTo("Burstable");
    }

    @Test
    void onlyTheMissingTolerationIsAdded() {
        ObjectNode pod = defaulted("""
                spec:
                  tolerations: [{key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 5}]
                  containers: [{name: c, image: nginx}]
                """);
        assertThat(pod.at("/spec/tolerations").size()).isEqualTo(2);
        assertThat(pod.at("/spec/tolerations/0/tolerationSeconds").asLong()).isEqualTo(5);
        assertThat(pod.at("/spec/tolerations/1/key").asText()).isEqualTo("node.kubernetes.io/unreachable");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
            "nginx, Always",
            "nginx:latest, Always",
            "nginx:1.25, IfNotPresent",
            "registry.example.com:5000/team/app, Always",
            "registry.example.com:5000/team/app:v2, IfNotPresent",
            "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, IfNotPresent",
            "nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, Always",
            "localhost:5000/app, Always",
    })
    void imagePullPolicy(String image, String expected) {
        ObjectNode pod = defaulted("spec: {containers: [{name: c, image: '" + image + "'}]}");
        assertThat(pod.at("/spec/containers/0/imagePullPolicy").asText()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{}                                                                          | BestEffort",
            "{resources: {requests: {cpu: '0'}}}                                         | BestEffort",
            "{resources: {requests: {ephemeral-storage: 1Gi}}}                           | BestEffort",
            "{resources: {requests: {cpu: 100m}}}                                        | Burstable",
            "{resources: {limits: {memory: 1Gi}}}                                        | Burstable",
            "{resources: {limits: {cpu: 500m, memory: 1Gi}}}                             | Guaranteed",
            "{resources: {requests: {cpu: 500m, memory: 1Gi}, limits: {cpu: 500m, memory: 1Gi}}}   | Guaranteed",
            "{resources: {requests: {cpu: '0.5', memory: 1Gi}, limits: {cpu: 500m, memory: 1024Mi}}} | Guaranteed",
            "{resources: {requests: {cpu: 250m, memory: 1Gi}, limits: {cpu: 500m, memory: 1Gi}}}   | Burstable",
            "{resources: {requests: {cpu: 1}, limits: {cpu: 1}}}                        | Burstable",
    })
    void qosClass(String container, String expected) {
        ObjectNode c = yaml("c: " + container).with("c");
        c.put("name", "c").put("image", "nginx");
        ObjectNode pod = yaml("spec: {}");
        pod.with("spec").putArray("containers").add(c);
        Defaulter.apply(KindRegistry.get("Pod"), pod);
        assertThat(pod.at("/status/qosClass").asText()).isEqualTo(expected);
    }

    @Test
    void qosConsidersEveryContainer() {
        ObjectNode pod = defaulted("""
                spec:
                  containers:
                  - {name: a, image: x, resources: {limits: {cpu: 1, memory: 1Gi}}}
                  - {name: b, image: x}
                """);
        assertThat(pod.at("/status/qosClass").asText()).isEqualTo("Burstable");
    }

    @Test
    void requestsDefaultToLimits() {
        ObjectNode pod = defaulted("spec: {containers: [{name: c, image: x, resources: {limits: {cpu: 200m}, requests: {memory: 1Gi}}}]}");
        assertThat(pod.at("/spec/containers/0/resources/requests").toString()).isEqualTo("{\"memory\":\"1Gi\",\"cpu\":\"200m\"}");
    }

    @Test
    void hostNetworkCopiesContainerPortToHostPort() {
        ObjectNode pod = defaulted("spec: {hostNetwork: true, containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}");
        assertThat(pod.at("/spec/containers/0/ports/0/hostPort").asInt()).isEqualTo(8080);
    }

    @Test
    void probeAndVolumeDefaults() {
        ObjectNode pod = defaulted("""
                spec:
                  containers: [{name: c, image: x, livenessProbe: {httpGet: {port: 80}}}]
                  volumes: [{name: s, secret: {secretName: s}}, {name: h, hostPath: {path: /tmp}}]
                """);
        assertThat(pod.at("/spec/containers/0/livenessProbe").toString()).isEqualTo(
                "{\"httpGet\":{\"port\":80,\"path\":\"/\",\"scheme\":\"HTTP\"},\"timeoutSeconds\":1,\"periodSeconds\":10,"
                        + "\"successThreshold\":1,\"failureThreshold\":3}");
        assertThat(pod.at("/spec/volumes/0/secret/defaultMode").asInt()).isEqualTo(420);
        assertThat(pod.at("/spec/volumes/1/hostPath/type").asText()).isEmpty();
    }

    @Test
    void defaultingIsIdempotent() {
        ObjectNode once = defaulted("spec: {containers: [{name: c, image: x, resources: {limits: {cpu: 1}}}]}");
        ObjectNode twice = once.deepCopy();
        Defaulter.apply(KindRegistry.get("Pod"), twice);
        assertThat(twice).isEqualTo(once);
    }

    @Test
    void templatesGetPodSpecDefaultsButNothingPodOnly() {
        ObjectNode template = yaml("""
                metadata: {labels: {app: web}}
                spec:
                  serviceAccount: builder
                  containers: [{name: c, image: nginx, ports: [{containerPort: 80}], resources: {limits: {cpu: 200m}}}]
                  volumes: [{name: cm, configMap: {name: cfg}}]
                """);
        PodDefaults.applyToTemplate(template);
        assertThat(template.get("spec").toString()).isEqualTo("{\"serviceAccount\":\"builder\","
                + "\"containers\":[{\"name\":\"c\",\"image\":\"nginx\",\"ports\":[{\"containerPort\":80,\"protocol\":\"TCP\"}],"
                + "\"resources\":{\"limits\":{\"cpu\":\"200m\"}},\"imagePullPolicy\":\"Always\","
                + "\"terminationMessagePath\":\"/dev/termination-log\",\"terminationMessagePolicy\":\"File\"}],"
                + "\"volumes\":[{\"name\":\"cm\",\"configMap\":{\"name\":\"cfg\",\"defaultMode\":420}}],"
                + "\"dnsPolicy\":\"ClusterFirst\",\"restartPolicy\":\"Always\",\"securityContext\":{},"
                + "\"terminationGracePeriodSeconds\":30,\"schedulerName\":\"default-scheduler\",\"serviceAccountName\":\"builder\"}");
        assertThat(template.has("status")).isFalse();
    }
}
