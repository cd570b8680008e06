package dev.podium.tests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Pods run as real processes on the local node, driven by real kubectl. */
class PodLifecycleEndToEndTest {
    static TestNode node;
    static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.startH2();
        kubectl = new Kubectl(node.kubeconfig());
        await().atMost(Duration.ofSeconds(20)).until(() -> kubectl.run("get", "nodes").out().contains("Ready"));
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    private static String jsonpath(String pod, String path) throws Exception {
        return kubectl.run("get", "pod", pod, "-o", "jsonpath=" + path).out();
    }

    private static Callable<String> field(String pod, String path) {
        return () -> jsonpath(pod, path);
    }

    @Test
    void aPodThatPrintsAndExitsThreeWithNeverEndsFailedWithItsLog() throws Exception {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: fail3}
                spec:
                  restartPolicy: Never
                  containers:
                  - name: main
                    image: busybox
                    command: ["/bin/sh", "-c", "echo hello from podium; exit 3"]
                """, "apply", "-f", "-").ok();
        await().atMost(Duration.ofSeconds(30)).until(field("fail3", "{.status.phase}"), "Failed"::equals);
        assertThat(jsonpath("fail3", "{.status.containerStatuses[0].state.terminated.exitCode}")).isEqualTo("3");
        assertThat(jsonpath("fail3", "{.spec.nodeName}")).isNotEmpty();
        assertThat(kubectl.run("logs", "fail3").ok().out()).isEqualTo("hello from podium\n");
        assertThat(kubectl.run("get", "pod", "fail3").ok().out()).contains("Error");
    }

    @Test
    void aPodThatTrapsSigtermExitsCleanlyWithinItsGracePeriod() throws Exception {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: trapper}
                spec:
                  terminationGracePeriodSeconds: 30
                  containers:
                  - name: main
                    image: busybox
                    command: ["/bin/sh", "-c", "trap 'echo got TERM; exit 0' TERM; echo started; while true; do sleep 0.2; done"]
                """, "apply", "-f", "-").ok();
        await().atMost(Duration.ofSeconds(30)).until(field("trapper", "{.status.phase}"), "Running"::equals);
        await().atMost(Duration.ofSeconds(10)).until(() -> kubectl.run("logs", "trapper").out().contains("started"));
        long start = System.nanoTime();
        assertThat(kubectl.run("delete", "pod", "trapper", "--timeout=60s").ok().out()).contains("pod \"trapper\" deleted");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isLessThan(Duration.ofSeconds(15));
        assertThat(kubectl.run("get", "pod", "trapper").exit()).isNotZero();
    }

    @Test
    void anUnschedulablePodShowsTheSchedulersReason() throws Exception {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: huge}
                spec:
                  containers:
                  - name: main
                    image: busybox
                    command: ["sleep", "3600"]
                    resources: {requests: {cpu: "10000"}}
                """, "apply", "-f", "-").ok();
        await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("describe", "pod", "huge").out().contains("Insufficient cpu"));
        String describe = kubectl.run("describe", "pod", "huge").ok().out();
        assertThat(describe).contains("FailedScheduling", "nodes are available:", "Insufficient cpu");
        assertThat(jsonpath("huge", "{.status.phase}")).isEqualTo("Pending");
        assertThat(jsonpath("huge", "{.status.conditions[?(@.type==\"PodScheduled\")].reason}")).isEqualTo("Unschedulable");
        kubectl.run("delete", "pod", "huge").ok();
    }

    @Test
    void theExamplesRunAsDocumented() throws Exception {
        kubectl.run("apply", "-f", "../examples/hello-pod.yaml").ok();
        kubectl.run("apply", "-f", "../examples/init-container.yaml").ok();
        kubectl.run("apply", "-f", "../examples/shared-emptydir.yaml").ok();
        await().atMost(Duration.ofSeconds(30)).until(field("hello", "{.status.phase}"), "Succeeded"::equals);
        assertThat(kubectl.run("logs", "hello").ok().out()).startsWith("hello from podium\n");
        await().atMost(Duration.ofSeconds(30)).until(field("initialized", "{.status.phase}"), "Succeeded"::equals);
        assertThat(kubectl.run("logs", "initialized").ok().out()).startsWith("prepared at ");
        await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("logs", "shared", "-c", "reader").out().contains("line 2"));
        kubectl.run("delete", "-f", "../examples/shared-emptydir.yaml", "--grace-period=1").ok();
    }

    @Test
    void staticPodsRunFromManifestsWithAReadOnlyMirror() throws Exception {
        java.nio.file.Path manifests = node.dataDir.resolve("manifests");
        java.nio.file.Files.createDirectories(manifests);
        java.nio.file.Path file = manifests.resolve("ticker.yaml");
        java.nio.file.Files.writeString(file, """
                apiVersion: v1
                kind: Pod
                metadata: {name: ticker, namespace: kube-system}
                spec:
                  containers:
                  - name: tick
                    image: busybox
                    command: ["/bin/sh", "-c", "while true; do echo tick; sleep 0.2; done"]
                """);
        String mirror = "ticker-" + kubectl.run("get", "nodes", "-o", "jsonpath={.items[0].metadata.name}").ok().out();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                kubectl.run("-n", "kube-system", "get", "pod", mirror, "-o", "jsonpath={.status.phase}").out().equals("Running"));
        assertThat(kubectl.run("-n", "kube-system", "get", "pod", mirror, "-o", "jsonpath={.metadata.annotations}").ok().out())
                .contains("kubernetes.io/config.mirror");
        await().atMost(Duration.ofSeconds(10)).until(() -> kubectl.run("-n", "kube-system", "logs", mirror).out().contains("tick"));

        kubectl.run("-n", "kube-system", "delete", "pod", mirror).ok();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                kubectl.run("-n", "kube-system", "get", "pod", mirror, "-o", "jsonpath={.status.phase}").out().equals("Running"));
        long before = kubectl.run("-n", "kube-system", "logs", mirror).ok().out().lines().count();
        await().atMost(Duration.ofSeconds(10)).until(() -> kubectl.run("-n", "kube-system", "logs", mirror).out().lines().count() > before);

        java.nio.file.Files.delete(file);
        await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("-n", "kube-system", "get", "pod", mirror).exit() != 0);
    }
}
