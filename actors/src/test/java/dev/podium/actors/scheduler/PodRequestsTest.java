package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.podium.actors.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class PodRequestsTest {
    private static final long MI = 1024 * 1024;

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("empty", pod("p").build(), 0L, 0L, 100L, 200 * MI),
                arguments("requests", pod("p").request("cpu", "250m").request("memory", "64Mi").build(), 250L, 64 * MI, 250L, 64 * MI),
                arguments("limits default requests", pod("p").limit("cpu", "1").limit("memory", "1Gi").build(), 1000L, 1024 * MI, 1000L, 1024 * MI),
                arguments("request wins over limit", pod("p").request("cpu", "100m").limit("cpu", "2").build(), 100L, 0L, 100L, 200 * MI),
                arguments("explicit zero is not defaulted", pod("p").request("cpu", "0").build(), 0L, 0L, 0L, 200 * MI),
                arguments("fractional millicores round up", pod("p").request("cpu", "0.0001").build(), 1L, 0L, 1L, 200 * MI),
                arguments("two containers summed", pod("p").spec("""
                        containers:
                        - {name: a, resources: {requests: {cpu: 100m, memory: 10Mi}}}
                        - {name: b, resources: {requests: {cpu: 200m, memory: 20Mi}}}
                        """).build(), 300L, 30 * MI, 300L, 30 * MI),
                arguments("init container max", pod("p").request("cpu", "100m").spec("""
                        initContainers:
                        - {name: i1, resources: {requests: {cpu: "1", memory: 1Mi}}}
                        - {name: i2, resources: {requests: {cpu: 500m, memory: 300Mi}}}
                        """).build(), 1000L, 300 * MI, 1000L, 300 * MI),
                arguments("sidecar adds and raises later inits", pod("p").request("cpu", "100m").spec("""
                        initContainers:
                        - {name: side, restartPolicy: Always, resources: {requests: {cpu: 200m}}}
                        - {name: init, resources: {requests: {cpu: 250m}}}
                        """).build(), 450L, 0L, 450L, 400 * MI),
                arguments("overhead added", pod("p").request("cpu", "100m").spec("overhead: {cpu: 50m, memory: 1Mi}").build(),
                        150L, MI, 150L, 201 * MI));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void computesRequestsLikeKube(String name, ObjectNode pod, long cpu, long memory, long nonZeroCpu, long nonZeroMemory) {
        Resources r = PodRequests.of(pod);
        Resources nz = PodRequests.nonZero(pod);
        assertThat(r.milliCpu()).isEqualTo(cpu);
        assertThat(r.memory()).isEqualTo(memory);
        assertThat(nz.milliCpu()).isEqualTo(nonZeroCpu);
        assertThat(nz.memory()).isEqualTo(nonZeroMemory);
    }
}
