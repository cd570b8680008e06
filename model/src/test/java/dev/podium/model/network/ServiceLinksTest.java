package dev.podium.model.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceLinksTest {
    private static JsonNode json(String text) {
        return Json.parseObject(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8), false);
    }

    @Test
    void everyServiceWithAClusterIpBecomesKubesVariables() {
        Map<String, String> env = ServiceLinks.env(List.of(
                json("{'metadata':{'name':'kubernetes'},'spec':{'clusterIP':'10.96.0.1','ports':[{'name':'https','port':443,'protocol':'TCP'}]}}"),
                json("{'metadata':{'name':'redis-primary'},'spec':{'clusterIP':'10.96.0.20','ports':[{'port':6379},{'name':'metrics','port':9121,'protocol':'UDP'}]}}"),
                json("{'metadata':{'name':'headless'},'spec':{'clusterIP':'None','ports':[{'port':80}]}}")));
        assertThat(env).containsEntry("KUBERNETES_SERVICE_HOST", "10.96.0.1").containsEntry("KUBERNETES_SERVICE_PORT", "443")
                .containsEntry("KUBERNETES_SERVICE_PORT_HTTPS", "443").containsEntry("KUBERNETES_PORT", "tcp://10.96.0.1:443")
                .containsEntry("KUBERNETES_PORT_443_TCP", "tcp://10.96.0.1:443").containsEntry("KUBERNETES_PORT_443_TCP_PROTO", "tcp")
                .containsEntry("KUBERNETES_PORT_443_TCP_PORT", "443").containsEntry("KUBERNETES_PORT_443_TCP_ADDR", "10.96.0.1")
                .containsEntry("REDIS_PRIMARY_SERVICE_PORT", "6379").containsEntry("REDIS_PRIMARY_SERVICE_PORT_METRICS", "9121")
                .containsEntry("REDIS_PRIMARY_PORT_9121_UDP", "udp://10.96.0.20:9121");
        assertThat(env.keySet()).noneMatch(k -> k.startsWith("HEADLESS"));
    }
}
