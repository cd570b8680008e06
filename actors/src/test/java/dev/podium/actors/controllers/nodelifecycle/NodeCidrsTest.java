package dev.podium.actors.controllers.nodelifecycle;

import dev.podium.model.json.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeCidrsTest {
    @Test
    void theLowestFreeRangeIsGiven() {
        assertThat(NodeCidrs.next("10.42.0.0/16", 24, List.of())).contains("10.42.0.0/24");
        assertThat(NodeCidrs.next("10.42.0.0/16", 24, List.of("10.42.0.0/24", "10.42.2.0/24"))).contains("10.42.1.0/24");
        assertThat(NodeCidrs.next("10.244.0.0/16", 26, List.of("10.244.0.0/26"))).contains("10.244.0.64/26");
    }

    @Test
    void aFullRangeGivesNothing() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) all.add("10.0.0." + (i * 64) + "/26");
        assertThat(NodeCidrs.next("10.0.0.0/24", 26, all)).isEmpty();
        assertThatThrownBy(() -> NodeCidrs.next("10.0.0.0/24", 16, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyContainerdNodesWithoutARangeWantOne() {
        var node = Json.object();
        node.putObject("metadata").putObject("labels").put("podium.dev/runtime", "containerd");
        assertThat(NodeCidrs.wantsCidr(node)).isTrue();
        node.putObject("spec").put("podCIDR", "10.42.0.0/24");
        assertThat(NodeCidrs.wantsCidr(node)).isFalse();
        var process = Json.object();
        process.putObject("metadata").putObject("labels").put("podium.dev/runtime", "process");
        assertThat(NodeCidrs.wantsCidr(process)).isFalse();
    }
}
