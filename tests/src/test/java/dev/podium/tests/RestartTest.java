package dev.podium.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import dev.podium.launcher.NodeSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
    void aRolloutCutShortByARestartFinishesAfterIt() throws Exception {
        NodeSettings settings = NodeSettings.defaults(Files.createTempDirectory("podium-restart"), 0).withNodes(false, 2)
                .withConfig(ConfigFactory.parseString("podium.simulated-start-delay = 300ms"));
        try (TestNode node = TestNode.start(settings)) {
            Kubectl kubectl = new Kubectl(node.kubeconfig());
            kubectl.runWithInput(WorkloadsEndToEndTest.deployment("steady", 8, "busybox:1.36"), "apply", "-f", "-").ok();
            kubectl.run("rollout", "status", "deployment/steady", "--timeout=60s").ok();
            kubectl.run("set", "image", "deployment/steady", "main=busybox:1.37").ok();
            await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("get", "replicasets", "-l", "app=steady", "-o", "name").out().lines().count() == 2);

            node.restart();
            Kubectl after = new Kubectl(node.kubeconfig());
            assertThat(after.run("rollout", "status", "deployment/steady", "--timeout=90s").ok().out()).contains("successfully rolled out");
            JsonNode sets = new ObjectMapper().readTree(after.run("get", "replicasets", "-l", "app=steady", "-o", "json").ok().out()).path("items");
            assertThat(sets).as("the rollout carried on with its ReplicaSet instead of making another").hasSize(2);
            // old pods still terminating when the rollout is complete go once their node agent has stopped them
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode pods = new ObjectMapper().readTree(after.run("get", "pods", "-l", "app=steady", "-o", "json").ok().out()).path("items");
                assertThat(pods).hasSize(8).allSatisfy(p -> assertThat(p.at("/spec/containers/0/image").asText()).isEqualTo("busybox:1.37"));
            });
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
