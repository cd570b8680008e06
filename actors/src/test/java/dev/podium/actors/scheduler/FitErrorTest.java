package dev.podium.actors.scheduler;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class FitErrorTest {

    static Stream<Arguments> cases() {
        FilterResult cpu = FilterResult.unschedulable("Insufficient cpu");
        FilterResult taint = FilterResult.unresolvable("node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }");
        List<FilterResult> elevenCpuTwoTaints = new ArrayList<>(Collections.nCopies(11, cpu));
        elevenCpuTwoTaints.addAll(List.of(taint, taint));
        return Stream.of(
                arguments(3, List.of(cpu, taint, cpu),
                        "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu."),
                arguments(1, List.of(FilterResult.unschedulable("Insufficient cpu", "Insufficient memory")),
                        "0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory."),
                // kube sorts the "count reason" strings, so 11 sorts before 2
                arguments(13, elevenCpuTwoTaints,
                        "0/13 nodes are available: 11 Insufficient cpu, 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }."),
                arguments(2, List.of(), "0/2 nodes are available:"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("cases")
    void aggregatesReasonsLikeKube(int nodes, List<FilterResult> statuses, String expected) {
        assertThat(FitError.message(nodes, statuses)).isEqualTo(expected);
    }
}
