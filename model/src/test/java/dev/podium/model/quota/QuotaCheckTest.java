package dev.podium.model.quota;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class QuotaCheckTest {
    static ObjectNode json(String text) {
        return Json.parseObject(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8), false);
    }

    private static final ObjectNode POD = json("{'metadata':{'name':'p'},'spec':{'containers':["
            + "{'name':'a','resources':{'requests':{'cpu':'250m','memory':'64Mi'},'limits':{'cpu':'1'}}},"
            + "{'name':'b','resources':{'requests':{'cpu':'250m','memory':'64Mi'}}}],"
            + "'initContainers':[{'name':'init','resources':{'requests':{'cpu':'2'}}}]}}");

    @Test
    void aPodCountsItselfAndTheLargerOfItsContainersSumAndItsLargestInitContainer() {
        Map<String, BigDecimal> u = QuotaUsage.of(KindRegistry.get("Pod"), POD);
        assertThat(u.get("pods")).isEqualByComparingTo("1");
        assertThat(u.get("count/pods")).isEqualByComparingTo("1");
        assertThat(u.get("requests.cpu")).isEqualByComparingTo("2");
        assertThat(u.get("requests.memory")).isEqualByComparingTo(String.valueOf(128L << 20));
        assertThat(u.get("limits.cpu")).isEqualByComparingTo("1");
        ObjectNode done = POD.deepCopy();
        done.putObject("status").put("phase", "Succeeded");
        assertThat(QuotaUsage.of(KindRegistry.get("Pod"), done)).isEmpty();
        assertThat(QuotaUsage.of(KindRegistry.get("Deployment.apps"), json("{}"))).containsOnlyKeys("count/deployments.apps");
        assertThat(QuotaUsage.of(KindRegistry.get("Service"), json("{'spec':{'type':'NodePort','ports':[{'port':80},{'port':443}]}}")))
                .containsEntry("services.nodeports", BigDecimal.valueOf(2));
    }

    @Test
    void exceedingAHardLimitIsRefusedInKubesWords() {
        ObjectNode quota = json("{'metadata':{'name':'q'},'spec':{'hard':{'pods':'2','requests.memory':'1Gi','configmaps':'5'}}}");
        Map<String, BigDecimal> used = Map.of("pods", BigDecimal.valueOf(2), "requests.memory", BigDecimal.valueOf(512L << 20));
        Map<String, BigDecimal> delta = QuotaUsage.of(KindRegistry.get("Pod"), POD);
        assertThat(QuotaCheck.exceeded(quota, used, delta))
                .contains("exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2");
        assertThat(QuotaCheck.exceeded(quota, Map.of("pods", BigDecimal.ONE), delta)).isEmpty();
        assertThat(QuotaCheck.exceeded(quota, Map.of("pods", BigDecimal.ZERO, "requests.memory", BigDecimal.valueOf(1000L << 20)), delta))
                .contains("exceeded quota: q, requested: requests.memory=128Mi, used: requests.memory=1000Mi, limited: requests.memory=1Gi");
        assertThat(QuotaCheck.exceeded(quota, Map.of(), QuotaUsage.of(KindRegistry.get("Secret"), json("{}")))).isEmpty();
    }

    @Test
    void aPodLeavingOutWhatAQuotaTracksIsRefused() {
        ObjectNode quota = json("{'metadata':{'name':'compute'},'spec':{'hard':{'requests.cpu':'4','limits.cpu':'4','limits.memory':'1Gi'}}}");
        Optional<String> refusal = QuotaCheck.unspecified(quota, POD);
        assertThat(refusal).contains("failed quota: compute: must specify limits.cpu for: init,b; limits.memory for: init,a,b");
    }

    @Test
    void quantitiesAreWrittenBackAsKubeWritesThem() {
        assertThat(QuantityFormat.format("requests.cpu", new BigDecimal("0.5"))).isEqualTo("500m");
        assertThat(QuantityFormat.format("requests.cpu", new BigDecimal("2"))).isEqualTo("2");
        assertThat(QuantityFormat.format("requests.memory", BigDecimal.valueOf(128L << 20))).isEqualTo("128Mi");
        assertThat(QuantityFormat.format("requests.memory", BigDecimal.valueOf(1000))).isEqualTo("1000");
        assertThat(QuantityFormat.format("pods", BigDecimal.ZERO)).isEqualTo("0");
    }

    @Test
    void limitRangeDefaultsFillInWhatAContainerLeavesOutAndBoundsTheRest() {
        ObjectNode range = json("{'spec':{'limits':[{'type':'Container','default':{'cpu':'500m'},'defaultRequest':{'cpu':'250m'},"
                + "'max':{'cpu':'1'},'min':{'cpu':'100m'}}]}}");
        ObjectNode pod = json("{'metadata':{'name':'p'},'spec':{'containers':[{'name':'web'},{'name':'side','resources':{'limits':{'cpu':'800m'}}}]}}");
        LimitRanges.applyDefaults(range, pod);
        assertThat(pod.at("/spec/containers/0/resources").toString()).isEqualTo("{\"limits\":{\"cpu\":\"500m\"},\"requests\":{\"cpu\":\"250m\"}}");
        assertThat(pod.at("/spec/containers/1/resources/requests/cpu").asText()).isEqualTo("250m");
        assertThat(pod.at("/metadata/annotations").get(LimitRanges.ANNOTATION).asText())
                .isEqualTo("LimitRanger plugin set: cpu request for container web; cpu limit for container web; cpu request for container side");
        assertThat(LimitRanges.violation(range, pod)).isEmpty();
        ObjectNode big = json("{'spec':{'containers':[{'name':'big','resources':{'limits':{'cpu':'2'},'requests':{'cpu':'1'}}}]}}");
        assertThat(LimitRanges.violation(range, big)).contains("maximum cpu usage per Container is 1, but limit is 2");
    }
}
