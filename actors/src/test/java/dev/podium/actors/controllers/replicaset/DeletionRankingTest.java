package dev.podium.actors.controllers.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Fixtures;
import dev.podium.actors.controllers.Fixtures.PodBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.podium.actors.controllers.Fixtures.NOW;
import static dev.podium.actors.controllers.Fixtures.ago;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pods y and x differ in what a row says, and are otherwise equal: each Running, ready for 5,000 s,
 * created 5,000 s ago, alone on its own node. Their uids put x first when all else ties, so a row
 * expecting y first shows its rule deciding.
 */
class DeletionRankingTest {
    static final String COST = "controller.kubernetes.io/pod-deletion-cost";

    static ObjectNode pod(String name, UnaryOperator<PodBuilder> change) {
        PodBuilder b = Fixtures.pod(name).node("node-" + name).created(ago(5000));
        return change.apply(b).build();
    }

    static UnaryOperator<PodBuilder> readyFor(long seconds) {
        return b -> b.ready(ago(seconds));
    }

    static UnaryOperator<PodBuilder> both(UnaryOperator<PodBuilder> a, UnaryOperator<PodBuilder> b) {
        return p -> b.apply(a.apply(p));
    }

    static final UnaryOperator<PodBuilder> NONE = b -> b;
    static final UnaryOperator<PodBuilder> READY = readyFor(5000);
    static final UnaryOperator<PodBuilder> UNASSIGNED = b -> b.with(p -> p.with("spec").remove("nodeName"));
    static final UnaryOperator<PodBuilder> CROWDED = b -> b.node("crowded");

    static UnaryOperator<PodBuilder> cost(String value) {
        return b -> b.annotation(COST, value);
    }

    static UnaryOperator<PodBuilder> phase(String phase) {
        return b -> b.phase(phase);
    }

    static UnaryOperator<PodBuilder> restarts(int n) {
        return b -> b.restarts(n);
    }

    static UnaryOperator<PodBuilder> created(long secondsAgo) {
        return b -> b.created(ago(secondsAgo));
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("1. unassigned before assigned", both(READY, UNASSIGNED), READY, "y"),
                Arguments.of("2. Pending before Running", phase("Pending"), phase("Running"), "y"),
                Arguments.of("2. Pending before Unknown", phase("Pending"), phase("Unknown"), "y"),
                Arguments.of("2. Unknown before Running", phase("Unknown"), phase("Running"), "y"),
                Arguments.of("3. not ready before ready", NONE, READY, "y"),
                Arguments.of("4. lower deletion cost first", both(READY, cost("-5")), READY, "y"),
                Arguments.of("4. an invalid deletion cost counts as 0", both(READY, cost("abc")), both(READY, cost("1")), "y"),
                Arguments.of("5. more siblings on the node first", both(READY, CROWDED), READY, "y"),
                Arguments.of("6. both ready: ready for less time first", readyFor(10), readyFor(5000), "y"),
                Arguments.of("6. a Ready condition without a time counts as the newest",
                        (UnaryOperator<PodBuilder>) b -> b.with(p -> p.with("status").withArray("conditions").addObject().put("type", "Ready").put("status", "True")),
                        readyFor(10), "y"),
                Arguments.of("6. ready 600 s and 1,000 s ago share a power-of-two bucket: a tie", readyFor(600), readyFor(1000), "x"),
                Arguments.of("7. more restarts first", both(READY, restarts(5)), both(READY, restarts(0)), "y"),
                Arguments.of("8. newer first", both(READY, created(10)), READY, "y"),
                Arguments.of("8. created 600 s and 1,000 s ago share a bucket: a tie", both(READY, created(600)), both(READY, created(1000)), "x"),
                Arguments.of("9. all equal: the smaller uid first", READY, READY, "x"),
                Arguments.of("1 over 2: an unassigned Running pod before an assigned Pending one", UNASSIGNED, phase("Pending"), "y"),
                Arguments.of("2 over 3: a Pending ready pod before a Running unready one", both(phase("Pending"), READY), NONE, "y"),
                Arguments.of("3 over 4: an unready costly pod before a ready cheap one", cost("100"), both(READY, cost("-100")), "y"),
                Arguments.of("4 over 5: a cheap lone pod before a crowded one", both(READY, cost("-1")), both(READY, CROWDED), "y"),
                Arguments.of("5 over 6: a crowded long-ready pod before a lone new one", both(READY, CROWDED), readyFor(10), "y"),
                Arguments.of("6 over 7: a newly ready pod before a long-ready restarting one", readyFor(10), both(READY, restarts(9)), "y"),
                Arguments.of("7 over 8: a restarting old pod before a young one", both(READY, restarts(3)), both(READY, created(10)), "y"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void rules(String rule, UnaryOperator<PodBuilder> y, UnaryOperator<PodBuilder> x, String first) {
        ObjectNode podY = pod("y", y);
        ObjectNode podX = pod("x", x);
        List<JsonNode> siblings = new ArrayList<>(List.of(podY, podX));
        // two more of the owner's pods share the node called crowded
        siblings.add(Fixtures.pod("c1").node("crowded").build());
        siblings.add(Fixtures.pod("c2").node("crowded").build());
        String second = first.equals("y") ? "x" : "y";
        for (List<ObjectNode> input : List.of(List.of(podY, podX), List.of(podX, podY))) {
            assertThat(DeletionRanking.order(input, siblings, NOW)).extracting(p -> p.path("metadata").path("name").asText())
                    .containsExactly(first, second);
        }
    }

    @Test
    void onlyActiveRelatedPodsCountOnANode() {
        ObjectNode podY = pod("y", READY);
        ObjectNode podX = pod("x", READY);
        List<JsonNode> related = new ArrayList<>(List.of(podY, podX));
        related.add(Fixtures.pod("done-1").node("node-y").phase("Succeeded").build());
        related.add(Fixtures.pod("done-2").node("node-y").phase("Failed").build());
        related.add(Fixtures.pod("going").node("node-y").deleting().build());
        related.add(Fixtures.pod("other").node("node-x").build());
        assertThat(DeletionRanking.order(List.of(podY, podX), related, NOW)).extracting(p -> p.path("metadata").path("name").asText())
                .containsExactly("x", "y");
    }
}
