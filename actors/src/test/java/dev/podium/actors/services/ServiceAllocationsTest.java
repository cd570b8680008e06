package dev.podium.actors.services;

import dev.podium.model.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceAllocationsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{'clusterIP':'10.96.0.5','clusterIPs':['10.96.0.5']}                                 | [ClusterIP[ip=10.96.0.5]]",
            "{'clusterIP':'10.96.0.5','clusterIPs':['10.96.0.5','fd00:0:0::0001']}                | [ClusterIP[ip=10.96.0.5], ClusterIP[ip=fd00::1]]",
            "{'clusterIP':'None','clusterIPs':['None']}                                           | []",
            "{'type':'ExternalName','externalName':'db.example.com'}                              | []",
            "{'ports':[{'port':53,'protocol':'TCP','nodePort':30053},{'port':53,'protocol':'UDP','nodePort':30053}]} | [NodePort[port=30053]]",
            "{'ports':[{'port':80,'nodePort':0}],'healthCheckNodePort':30100}                     | [NodePort[port=30100]]",
            "{'clusterIP':'not-an-ip','ports':[{'port':80,'nodePort':70000}]}                     | []",
    })
    void heldByReadsTheSpec(String spec, String expected) {
        var service = Json.parseObject(("{'metadata':{'namespace':'d','name':'s'},'spec':" + spec + "}").replace('\'', '"')
                .getBytes(StandardCharsets.UTF_8), false);
        assertThat(ServiceAllocations.heldBy(service).toString()).isEqualTo(expected);
    }
}
