package dev.podium.actors.scheduler.plugins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.ClusterSnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.actors.scheduler.Fixtures.info;
import static dev.podium.actors.scheduler.Fixtures.node;
import static dev.podium.actors.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class NodePortsTest {
    private static final String REASON = "node(s) didn't have free ports for the requested pod ports";

    private static ObjectNode withPort(String name, String port, boolean onNode) {
        var b = pod(name).spec("containers: [{name: c, ports: [" + port + "]}]");
        return (onNode ? b.onNode("n") : b).build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("no host ports", pod("p").build(), withPort("e", "{containerPort: 80, hostPort: 80}", true), List.of()),
                arguments("same port", withPort("p", "{containerPort: 80, hostPort: 80}", false),
                        withPort("e", "{containerPort: 80, hostPort: 80}", true), List.of(REASON)),
                arguments("other port", withPort("p", "{containerPort: 80, hostPort: 81}", false),
                        withPort("e", "{containerPort: 80, hostPort: 80}", true), List.of()),
                arguments("other protocol", withPort("p", "{containerPort: 53, hostPort: 53, protocol: UDP}", false),
                        withPort("e", "{containerPort: 53, hostPort: 53}", true), List.of()),
                arguments("distinct host IPs", withPort("p", "{containerPort: 80, hostPort: 80, hostIP: 10.0.0.1}", false),
                        withPort("e", "{containerPort: 80, hostPort: 80, hostIP: 10.0.0.2}", true), List.of()),
                arguments("wildcard IP conflicts", withPort("p", "{containerPort: 80, hostPort: 80, hostIP: 10.0.0.1}", false),
                        withPort("e", "{containerPort: 80, hostPort: 80}", true), List.of(REASON)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filters(String name, ObjectNode pod, ObjectNode existing, List<String> reasons) {
        ObjectNode n = node("n").build();
        ClusterSnapshot s = ClusterSnapshot.of(List.of(n), List.of(existing));
        assertThat(new NodePorts().filter(pod, info(s, n), s).reasons()).containsExactlyElementsOf(reasons);
    }
}
