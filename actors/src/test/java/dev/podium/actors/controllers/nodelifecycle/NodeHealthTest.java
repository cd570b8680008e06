package dev.podium.actors.controllers.nodelifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class NodeHealthTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");

    static ObjectNode json(String s) {
        return Json.parseObject(s.replace('\'', '"').getBytes(StandardCharsets.UTF_8), false);
    }

    @ParameterizedTest(name = "lease renewed {0}, created {1} -> stale {2}")
    @CsvSource({
            "2026-01-01T00:09:50Z, 2026-01-01T00:00:00Z, false",
            "2026-01-01T00:09:19Z, 2026-01-01T00:00:00Z, true",
            ", 2026-01-01T00:09:30Z, false",
            ", 2026-01-01T00:05:00Z, true",
    })
    void aNodeIsStaleWhenItsLeaseIsOlderThanTheGracePeriod(String renew, String created, boolean stale) {
        ObjectNode node = json("{'metadata':{'name':'n','creationTimestamp':'" + created + "'}}");
        Optional<ObjectNode> lease = renew == null ? Optional.empty() : Optional.of(json("{'spec':{'renewTime':'" + renew + "'}}"));
        assertThat(NodeHealth.stale(node, lease, NOW, Duration.ofSeconds(40))).isEqualTo(stale);
    }

    @ParameterizedTest(name = "{0} -> evict at {1}")
    @CsvSource(delimiter = '|', value = {
            "[]                                                                                                  | 2026-01-01T00:00:00Z",
            "[{'key':'node.kubernetes.io/unreachable','operator':'Exists','effect':'NoExecute','tolerationSeconds':300}] | 2026-01-01T00:05:00Z",
            "[{'key':'node.kubernetes.io/unreachable','operator':'Exists','effect':'NoExecute'}]                  | never",
            "[{'operator':'Exists'}]                                                                              | never",
            "[{'key':'other','operator':'Exists','effect':'NoExecute','tolerationSeconds':5}]                     | 2026-01-01T00:00:00Z",
    })
    void podsAreEvictedWhenTheirTolerationRunsOut(String tolerations, String expected) {
        ObjectNode pod = json("{'spec':{'tolerations':" + tolerations + "}}");
        ObjectNode taint = json("{'key':'node.kubernetes.io/unreachable','effect':'NoExecute','timeAdded':'2026-01-01T00:00:00Z'}");
        Optional<Instant> at = NodeHealth.evictAt(pod, taint);
        if (expected.equals("never")) assertThat(at).isEmpty();
        else assertThat(at).contains(Instant.parse(expected));
    }

    @Test
    void theUnreachableTaintIsAddedOnceAndRemovedAlone() {
        ObjectNode node = json("{'spec':{'taints':[{'key':'dedicated','value':'gpu','effect':'NoSchedule'}]}}");
        var tainted = NodeHealth.taintsWith(node, true, "2026-01-01T00:00:00Z");
        assertThat(tainted).hasSize(2);
        ObjectNode withTaint = json("{'spec':{}}");
        withTaint.with("spec").set("taints", tainted);
        assertThat(NodeHealth.hasUnreachableTaint(withTaint)).isTrue();
        assertThat(NodeHealth.taintsWith(withTaint, true, "later")).hasSize(2);
        var cleared = NodeHealth.taintsWith(withTaint, false, "later");
        assertThat(cleared).hasSize(1);
        assertThat(cleared.get(0).path("key").asText()).isEqualTo("dedicated");
    }

    @Test
    void unknownConditionsSayTheKubeletStoppedPosting() {
        ObjectNode node = json("{'status':{'conditions':[{'type':'Ready','status':'True','lastTransitionTime':'old'}]}}");
        var conditions = NodeHealth.conditionsUnknown(node, "now");
        assertThat(conditions.get(0).path("status").asText()).isEqualTo("Unknown");
        assertThat(conditions.get(0).path("reason").asText()).isEqualTo("NodeStatusUnknown");
        assertThat(conditions.get(0).path("lastTransitionTime").asText()).isEqualTo("now");
        assertThat(NodeHealth.readyStatus(node)).isEqualTo("True");
    }
}
