package dev.podium.actors.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RolloutMathTest {

    static JsonNode v(Object value) {
        if (value == null) return null;
        return value instanceof Integer i ? IntNode.valueOf(i) : TextNode.valueOf((String) value);
    }

    static Stream<Arguments> fenceposts() {
        return Stream.of(
                Arguments.of("25%/25% of 10: surge 2.5 rounds up, unavailable 2.5 rounds down", "25%", "25%", 10, 3, 2),
                Arguments.of("25%/25% of 1", "25%", "25%", 1, 1, 0),
                Arguments.of("unset means 25%/25%", null, null, 4, 1, 1),
                Arguments.of("unset means 25%/25% (of 10)", null, null, 10, 3, 2),
                Arguments.of("10% of 5: surge 0.5 up to 1, unavailable 0.5 down to 0", "10%", "10%", 5, 1, 0),
                Arguments.of("1% of 10: surge 0.1 up to 1", "1%", "1%", 10, 1, 0),
                Arguments.of("ints are taken as they are", 1, 0, 5, 1, 0),
                Arguments.of("int strings are ints", "2", "3", 5, 2, 3),
                Arguments.of("both 0: unavailable becomes 1", 0, 0, 5, 0, 1),
                Arguments.of("both 0%: unavailable becomes 1", "0%", "0%", 10, 0, 1),
                Arguments.of("surge 0% and unavailable rounding down to 0: unavailable becomes 1", "0%", "1%", 10, 0, 1),
                Arguments.of("of 0 replicas", "25%", "25%", 0, 0, 1),
                Arguments.of("percentages over 100 scale", "200%", "100%", 3, 6, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void fenceposts(String what, Object maxSurge, Object maxUnavailable, int replicas, int surge, int unavailable) {
        assertThat(RolloutMath.fenceposts(v(maxSurge), v(maxUnavailable), replicas)).isEqualTo(new RolloutMath.Fenceposts(surge, unavailable));
    }

    static Stream<Arguments> newReplicaSetReplicas() {
        return Stream.of(
                Arguments.of("a new ReplicaSet at or above replicas gets replicas", 5, 1, 6, List.of(0, 6), 5),
                Arguments.of("no room above replicas + surge: unchanged", 5, 1, 1, List.of(5, 1), 1),
                Arguments.of("the first step takes the surge", 5, 1, 0, List.of(5, 0), 1),
                Arguments.of("the first step of 10 with surge 3", 10, 3, 0, List.of(10, 0), 3),
                Arguments.of("room is what old ReplicaSets leave below replicas + surge", 5, 2, 4, List.of(2, 4), 5),
                Arguments.of("never beyond replicas", 3, 5, 0, List.of(3, 0), 3),
                Arguments.of("old ReplicaSets over the total: unchanged", 5, 1, 2, List.of(3, 2, 2), 2),
                Arguments.of("old ones scaled down make room", 10, 3, 3, List.of(5, 3), 8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void newReplicaSetReplicas(String what, int replicas, int surge, int newSpec, List<Integer> allSpecs, int expected) {
        assertThat(RolloutMath.newReplicaSetReplicas(replicas, surge, newSpec, allSpecs)).isEqualTo(expected);
    }

    static Stream<Arguments> maxScaledDown() {
        return Stream.of(
                Arguments.of("surge 1, none unavailable, the new pod not yet available", 5, 0, List.of(5, 1), 1, 0, 0),
                Arguments.of("surge 1, none unavailable, the new pod available", 5, 0, List.of(5, 1), 1, 1, 1),
                Arguments.of("25%/25% of 10: unavailable new pods count against the budget", 10, 2, List.of(10, 3), 3, 0, 2),
                Arguments.of("25%/25% of 10: all new available", 10, 2, List.of(10, 3), 3, 3, 5),
                Arguments.of("already below the minimum: negative", 5, 1, List.of(3, 2), 2, 0, -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void maxScaledDown(String what, int replicas, int unavailable, List<Integer> allSpecs, int newSpec, int newAvailable, int expected) {
        assertThat(RolloutMath.maxScaledDown(replicas, unavailable, allSpecs, newSpec, newAvailable)).isEqualTo(expected);
    }
}
