package dev.podium.launcher;

import org.apache.pekko.actor.Address;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterSettingsTest {

    @Test
    void seedsBecomePekkoAddressesOfThePodiumSystem() {
        ClusterSettings s = new ClusterSettings("127.0.0.1", 7355, List.of("127.0.0.1:7355", "10.0.0.2:7356"));
        assertThat(s.seedAddresses()).containsExactly(new Address("pekko", "podium", "127.0.0.1", 7355), new Address("pekko", "podium", "10.0.0.2", 7356));
        assertThat(s.toConfig().getStringList("pekko.cluster.seed-nodes")).containsExactly("pekko://podium@127.0.0.1:7355", "pekko://podium@10.0.0.2:7356");
        assertThat(s.toConfig().getInt("pekko.remote.artery.canonical.port")).isEqualTo(7355);
    }

    @Test
    void onlySeedsNamingAnotherJvmMakeAMultiMemberCluster() {
        assertThat(ClusterSettings.single().joinsOthers()).isFalse();
        assertThat(new ClusterSettings("127.0.0.1", 7355, List.of("127.0.0.1:7355")).joinsOthers()).isFalse();
        assertThat(new ClusterSettings("127.0.0.1", 7355, List.of("127.0.0.1:7355", "127.0.0.1:7356")).joinsOthers()).isTrue();
    }

    @Test
    void malformedSeedsAreRefusedWithTheExpectedForm() {
        for (String bad : List.of("nohost", "host:", ":7355", "host:x", "host:70000")) {
            assertThatThrownBy(() -> new ClusterSettings("127.0.0.1", 0, List.of(bad))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--seed expects HOST:PORT").hasMessageContaining(bad);
        }
    }

    @Test
    void aClusterOfSeveralJvmsOnTheEmbeddedStoreIsRefusedBeforeAnythingStarts() throws Exception {
        Path dir = Files.createTempDirectory("podium-h2-cluster");
        NodeSettings settings = NodeSettings.defaults(dir, 0).withCluster(new ClusterSettings("127.0.0.1", 7355, List.of("127.0.0.1:7356")));
        assertThatThrownBy(() -> PodiumNode.start(settings)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs PostgreSQL").hasMessageContaining("--db jdbc:postgresql://");
        assertThat(dir.resolve("podium.lock")).doesNotExist();
    }
}
