package dev.podium.tests;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Objects survive a restart with their uids and resourceVersions; new writes get higher versions. */
class RestartTest {
    @Test
    void objectsSurviveARestartUnchanged() throws Exception {
        try (TestNode node = TestNode.startH2()) {
            Kubectl kubectl = new Kubectl(node.kubeconfig());
            kubectl.run("create", "namespace", "durable").ok();
            kubectl.run("-n", "durable", "create", "configmap", "keep", "--from-literal=k=v").ok();
            kubectl.run("-n", "durable", "create", "secret", "generic", "hidden", "--from-literal=p=q").ok();
            String before = kubectl.run("-n", "durable", "get", "configmap,secret", "-o", "yaml").ok().out();
            long rvBefore = Long.parseLong(kubectl.run("-n", "durable", "get", "cm", "keep", "-o", "jsonpath={.metadata.resourceVersion}").ok().out());

            node.restart();
            kubectl = new Kubectl(node.kubeconfig());

            String after = kubectl.run("-n", "durable", "get", "configmap,secret", "-o", "yaml").ok().out();
            assertThat(after).isEqualTo(before);
            kubectl.run("-n", "durable", "create", "configmap", "later", "--from-literal=k=v").ok();
            long rvAfter = Long.parseLong(kubectl.run("-n", "durable", "get", "cm", "later", "-o", "jsonpath={.metadata.resourceVersion}").ok().out());
            assertThat(rvAfter).isGreaterThan(rvBefore);
        }
    }

    @Test
    void aSecondNodeOnTheSameDataDirectoryIsRefused() throws Exception {
        try (TestNode node = TestNode.startH2()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestNode.start(node.dataDir, node.db))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already running on data directory");
        }
    }
}
