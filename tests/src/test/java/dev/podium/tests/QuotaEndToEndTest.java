package dev.podium.tests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** ResourceQuota and LimitRange as kubectl users meet them. */
class QuotaEndToEndTest {
    static TestNode node;
    static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.startH2();
        kubectl = new Kubectl(node.kubeconfig());
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    private static String pod(String name, String resources) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s}
                spec:
                  nodeName: nowhere
                  containers:
                  - {name: main, image: busybox, command: [sleep, '600']%s}
                """.formatted(name, resources.isEmpty() ? "" : ", resources: " + resources);
    }

    @Test
    void aThirdPodPastAQuotaOfTwoIsForbiddenAndTheQuotaShowsItsUse() throws Exception {
        kubectl.run("create", "namespace", "quota").ok();
        kubectl.run("-n", "quota", "create", "quota", "pods-q", "--hard=pods=2,configmaps=10").ok();
        kubectl.runWithInput(pod("p1", ""), "-n", "quota", "apply", "-f", "-").ok();
        kubectl.runWithInput(pod("p2", ""), "-n", "quota", "apply", "-f", "-").ok();
        Kubectl.Result third = kubectl.runWithInput(pod("p3", ""), "-n", "quota", "create", "-f", "-");
        assertThat(third.exit()).isNotZero();
        assertThat(third.err()).contains("Error from server (Forbidden): error when creating \"STDIN\": pods \"p3\" is forbidden: "
                + "exceeded quota: pods-q, requested: pods=1, used: pods=2, limited: pods=2");
        await().atMost(Duration.ofSeconds(15)).until(() -> kubectl.run("-n", "quota", "get", "quota", "pods-q").out().contains("pods: 2/2"));
        assertThat(kubectl.run("-n", "quota", "get", "quota").ok().out()).contains("NAME", "AGE", "REQUEST", "LIMIT", "configmaps: ");
        assertThat(kubectl.run("-n", "quota", "describe", "quota", "pods-q").ok().out()).contains("pods", "2", "Used", "Hard");
        kubectl.run("-n", "quota", "delete", "pod", "p1", "--grace-period=0", "--force").ok();
        await().atMost(Duration.ofSeconds(15)).until(() -> kubectl.runWithInput(pod("p3", ""), "-n", "quota", "create", "-f", "-").exit() == 0);
    }

    @Test
    void aComputeQuotaNeedsRequestsAndLimitRangeDefaultsProvideThem() throws Exception {
        kubectl.run("create", "namespace", "compute").ok();
        kubectl.run("-n", "compute", "create", "quota", "cpu", "--hard=requests.cpu=1,limits.cpu=2").ok();
        Kubectl.Result bare = kubectl.runWithInput(pod("bare", ""), "-n", "compute", "create", "-f", "-");
        assertThat(bare.err()).contains("pods \"bare\" is forbidden: failed quota: cpu: must specify limits.cpu for: main; requests.cpu for: main");
        kubectl.runWithInput("""
                apiVersion: v1
                kind: LimitRange
                metadata: {name: defaults}
                spec:
                  limits:
                  - type: Container
                    default: {cpu: 500m}
                    defaultRequest: {cpu: 250m}
                    max: {cpu: '1'}
                """, "-n", "compute", "apply", "-f", "-").ok();
        kubectl.runWithInput(pod("defaulted", ""), "-n", "compute", "create", "-f", "-").ok();
        assertThat(kubectl.run("-n", "compute", "get", "pod", "defaulted", "-o", "jsonpath={.spec.containers[0].resources}").ok().out())
                .isEqualTo("{\"limits\":{\"cpu\":\"500m\"},\"requests\":{\"cpu\":\"250m\"}}");
        assertThat(kubectl.run("-n", "compute", "get", "pod", "defaulted", "-o", "jsonpath={.metadata.annotations.kubernetes\\.io/limit-ranger}").ok().out())
                .isEqualTo("LimitRanger plugin set: cpu request for container main; cpu limit for container main");
        Kubectl.Result tooBig = kubectl.runWithInput(pod("big", "{limits: {cpu: '2'}}"), "-n", "compute", "create", "-f", "-");
        assertThat(tooBig.err()).contains("pods \"big\" is forbidden: maximum cpu usage per Container is 1, but limit is 2");
        kubectl.runWithInput(pod("more", ""), "-n", "compute", "create", "-f", "-").ok();
        kubectl.runWithInput(pod("most", ""), "-n", "compute", "create", "-f", "-").ok();
        kubectl.runWithInput(pod("last", ""), "-n", "compute", "create", "-f", "-").ok(); // exactly at the limits
        Kubectl.Result over = kubectl.runWithInput(pod("over", ""), "-n", "compute", "create", "-f", "-");
        assertThat(over.err()).contains("exceeded quota: cpu, requested: limits.cpu=500m,requests.cpu=250m, used: limits.cpu=2,requests.cpu=1, "
                + "limited: limits.cpu=2,requests.cpu=1");
    }
}
