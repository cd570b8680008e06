package dev.podium.actors.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.services.Allocation;
import dev.podium.model.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceAllocationPlanTest {
    static ObjectNode service(String spec) {
        if (spec == null) return null;
        return Json.parseObject(("{'metadata':{'namespace':'default','name':'web'},'spec':" + spec + "}").replace('\'', '"')
                .getBytes(StandardCharsets.UTF_8), false);
    }

    /** The plan in one line: requested values with their fields, unset fields, shared node ports. */
    static String describe(ServiceAllocationPlan plan) {
        List<String> parts = new ArrayList<>();
        plan.requested().forEach(r -> parts.add("claim " + r.allocation() + " at " + r.field()));
        plan.unset().forEach(u -> parts.add("pick " + u));
        plan.shared().forEach((i, port) -> parts.add("share " + port + " at " + i));
        return String.join("; ", parts);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "a ClusterIP Service gets an IP picked                    | | {'type':'ClusterIP','ports':[{'port':80}]} "
                    + "| pick PrimaryClusterIP[]",
            "a requested cluster IP is claimed                        | | {'type':'ClusterIP','clusterIP':'10.96.0.10','clusterIPs':['10.96.0.10']} "
                    + "| claim ClusterIP[ip=10.96.0.10] at spec.clusterIP",
            "a second family's IP is claimed at its index, canonical  | | {'type':'ClusterIP','clusterIP':'10.96.0.10','clusterIPs':['10.96.0.10','fd00::0a']} "
                    + "| claim ClusterIP[ip=10.96.0.10] at spec.clusterIP; claim ClusterIP[ip=fd00::a] at spec.clusterIPs[1]",
            "each NodePort port gets a node port                      | | {'type':'NodePort','ports':[{'port':80},{'port':443}]} "
                    + "| pick PrimaryClusterIP[]; pick NodePort[ports=[0]]; pick NodePort[ports=[1]]",
            "ports with one port number share one node port           | | {'type':'NodePort','clusterIP':'10.96.0.10','ports':[{'port':53,'protocol':'TCP'},{'port':53,'protocol':'UDP'}]} "
                    + "| claim ClusterIP[ip=10.96.0.10] at spec.clusterIP; pick NodePort[ports=[0, 1]]",
            "or take the one requested for that port number           | | {'type':'NodePort','clusterIP':'10.96.0.10','ports':[{'port':53,'protocol':'TCP'},{'port':53,'protocol':'UDP','nodePort':30053}]} "
                    + "| claim ClusterIP[ip=10.96.0.10] at spec.clusterIP; claim NodePort[port=30053] at spec.ports[1].nodePort; share 30053 at 0",
            "a LoadBalancer without node ports claims only requested  | | {'type':'LoadBalancer','clusterIP':'10.96.0.10','allocateLoadBalancerNodePorts':false,'ports':[{'port':80},{'port':81,'nodePort':30081}]} "
                    + "| claim ClusterIP[ip=10.96.0.10] at spec.clusterIP; claim NodePort[port=30081] at spec.ports[1].nodePort",
            "externalTrafficPolicy Local needs a health check port    | | {'type':'LoadBalancer','clusterIP':'10.96.0.10','externalTrafficPolicy':'Local','ports':[{'port':80,'nodePort':30080}]} "
                    + "| claim ClusterIP[ip=10.96.0.10] at spec.clusterIP; claim NodePort[port=30080] at spec.ports[0].nodePort; pick HealthCheckNodePort[]",
            "headless Services hold nothing                           | | {'type':'ClusterIP','clusterIP':'None','clusterIPs':['None']} | ",
            "ExternalName Services hold nothing                       | | {'type':'ExternalName','externalName':'db.example.com'} | ",
            "an update keeping its values claims nothing              | {'type':'NodePort','clusterIP':'10.96.0.10','ports':[{'port':80,'nodePort':30080}]} "
                    + "| {'type':'NodePort','clusterIP':'10.96.0.10','ports':[{'port':80,'nodePort':30080}],'selector':{'a':'b'}} | ",
            "ClusterIP to NodePort picks node ports                   | {'type':'ClusterIP','clusterIP':'10.96.0.10','ports':[{'port':80}]} "
                    + "| {'type':'NodePort','clusterIP':'10.96.0.10','ports':[{'port':80}]} | pick NodePort[ports=[0]]",
            "ExternalName to ClusterIP picks an IP                    | {'type':'ExternalName','externalName':'db.example.com'} "
                    + "| {'type':'ClusterIP','ports':[{'port':80}]} | pick PrimaryClusterIP[]",
            "a changed node port is claimed                           | {'type':'NodePort','clusterIP':'10.96.0.10','ports':[{'port':80,'nodePort':30080}]} "
                    + "| {'type':'NodePort','clusterIP':'10.96.0.10','ports':[{'port':80,'nodePort':30081}]} | claim NodePort[port=30081] at spec.ports[0].nodePort",
    })
    void plan(String name, String before, String after, String expected) {
        assertThat(describe(ServiceAllocationPlan.of(service(before), service(after)))).isEqualTo(expected == null ? "" : expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{'type':'NodePort','clusterIP':'10.96.0.10','ports':[{'port':80,'nodePort':30080}]}  | ",
            "{'type':'NodePort','clusterIP':'10.96.0.10','ports':[{'port':80,'nodePort':8080}]}   "
                    + "| spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767",
            "{'type':'ClusterIP','clusterIP':'10.0.0.1'}                                        "
                    + "| spec.clusterIP: Invalid value: \"10.0.0.1\": the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12",
            "{'type':'ClusterIP','clusterIP':'10.111.255.255'}                                  "
                    + "| spec.clusterIP: Invalid value: \"10.111.255.255\": the provided IP (10.111.255.255) is not in the valid range. The range of valid IPs is 10.96.0.0/12",
            "{'type':'ClusterIP','clusterIP':'10.111.255.254'}                                  | ",
    })
    void requestedValuesMustBeInTheirRange(String spec, String expected) {
        List<String> causes = ServiceAllocationPlan.of(null, service(spec)).outOfRange().stream().map(c -> c.field() + ": " + c.message()).toList();
        assertThat(causes).isEqualTo(expected == null ? List.of() : List.of(expected));
    }

    @Test
    void valuesHeldBeforeAreNotCheckedAgainstTheRange() {
        ObjectNode legacy = service("{'type':'ClusterIP','clusterIP':'10.0.0.1','ports':[{'port':80}]}");
        assertThat(ServiceAllocationPlan.of(legacy, legacy.deepCopy()).outOfRange()).isEmpty();
    }

    @Test
    void picksAndSharedNodePortsAreFilledIntoACopy() {
        ObjectNode after = service("{'type':'NodePort','ports':[{'port':53,'protocol':'TCP'},{'port':53,'protocol':'UDP'},{'port':80,'nodePort':30080},"
                + "{'port':80,'protocol':'UDP'}]}");
        ServiceAllocationPlan plan = ServiceAllocationPlan.of(null, after);
        ObjectNode filled = plan.filled(after, Map.of(
                new ServiceAllocationPlan.Unset.PrimaryClusterIP(), new Allocation.ClusterIP("10.96.0.7"),
                new ServiceAllocationPlan.Unset.NodePort(List.of(0, 1)), new Allocation.NodePort(30053)));
        assertThat(filled.at("/spec/clusterIP").asText()).isEqualTo("10.96.0.7");
        assertThat(filled.at("/spec/clusterIPs").toString()).isEqualTo("[\"10.96.0.7\"]");
        assertThat(filled.at("/spec/ports").findValuesAsText("nodePort")).containsExactly("30053", "30053", "30080", "30080");
        assertThat(after.at("/spec/clusterIP").isMissingNode()).isTrue();
    }

    @Test
    void releasedIsWhatWasHeldAndIsNoMoreOrEverythingOnceDeleted() {
        ObjectNode before = service("{'type':'NodePort','clusterIP':'10.96.0.10','ports':[{'port':80,'nodePort':30080}]}");
        ObjectNode after = service("{'type':'ClusterIP','clusterIP':'10.96.0.10','ports':[{'port':80}]}");
        ServiceAllocationPlan plan = ServiceAllocationPlan.of(before, after);
        assertThat(plan.released(after, false)).containsExactly(new Allocation.NodePort(30080));
        assertThat(plan.released(after, true)).containsExactly(new Allocation.ClusterIP("10.96.0.10"), new Allocation.NodePort(30080));
        assertThat(ServiceAllocationPlan.of(null, before).released(before, false)).isEmpty();
    }
}
