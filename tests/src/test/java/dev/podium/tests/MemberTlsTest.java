package dev.podium.tests;

import com.typesafe.config.ConfigFactory;
import dev.podium.launcher.ClusterSettings;
import dev.podium.launcher.NodeSettings;
import dev.podium.persistence.PostgresDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cluster traffic is TLS with certificates of the cluster CA: a member whose CA is another one
 * cannot join (StreamingRelayTest has two members of one CA working together).
 */
class MemberTlsTest {
    @Test
    void aMemberWithAForeignCertificateCannotJoin() throws Exception {
        try (PostgresDatabase db = PostgresDatabase.create("podium_member_tls")) {
            Path dir = Files.createTempDirectory("podium-member-tls");
            List<Integer> ports = List.of(ApiClient.freePort(), ApiClient.freePort());
            List<String> seeds = List.of("127.0.0.1:" + ports.get(0));
            try (TestNode first = TestNode.start(NodeSettings.defaults(dir.resolve("a"), 0).withDatabase(db.profile)
                    .withApiAccess(NodeSettings.ApiAccess.secure(dir.resolve("ca")))
                    .withCluster(new ClusterSettings("127.0.0.1", ports.get(0), seeds)).withNodes(false, 0))) {
                assertThat(first.url()).startsWith("https://");
                NodeSettings stranger = NodeSettings.defaults(dir.resolve("b"), 0).withDatabase(db.profile)
                        .withApiAccess(NodeSettings.ApiAccess.secure(dir.resolve("other-ca")))
                        .withCluster(new ClusterSettings("127.0.0.1", ports.get(1), seeds)).withNodes(false, 0)
                        .withConfig(ConfigFactory.parseString("podium.cluster-join-timeout = 8s"));
                assertThatThrownBy(() -> TestNode.start(stranger).close()).hasMessageContaining("could not join the cluster");
            }
        }
    }
}
