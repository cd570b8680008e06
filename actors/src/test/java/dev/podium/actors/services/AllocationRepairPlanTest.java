package dev.podium.actors.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static dev.podium.actors.services.Services.service;
import static org.assertj.core.api.Assertions.assertThat;

class AllocationRepairPlanTest {
    static final Instant NOW = Instant.parse("2026-01-01T01:00:00Z");
    static final Duration INTERVAL = Duration.ofMinutes(1);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("claims their Service uses are kept",
                        List.of("default/web ip=10.96.0.5 nodePort=30080"),
                        List.of("ip 10.96.0.5 default/web 5m 1", "port 30080 default/web 5m 1"),
                        List.of()),
                Arguments.of("a claim whose Service is gone is released",
                        List.of(),
                        List.of("ip 10.96.0.5 default/web 5m 3"),
                        List.of("release ip 10.96.0.5 of services/default/web at 3")),
                Arguments.of("a claim younger than one interval may belong to a create in flight",
                        List.of(),
                        List.of("ip 10.96.0.5 default/web 59s 3"),
                        List.of()),
                Arguments.of("a claim exactly one interval old is released",
                        List.of(),
                        List.of("port 30080 default/web 1m 2"),
                        List.of("release port 30080 of services/default/web at 2")),
                Arguments.of("a node port the Service gave up (NodePort to ClusterIP) is released, its IP kept",
                        List.of("default/web ip=10.96.0.5"),
                        List.of("ip 10.96.0.5 default/web 5m 1", "port 30080 default/web 5m 4"),
                        List.of("release port 30080 of services/default/web at 4")),
                Arguments.of("a claim naming a Service that exists but does not use it (recreated with another IP) is released",
                        List.of("default/web ip=10.96.0.5"),
                        List.of("ip 10.96.0.5 default/web 5m 1", "ip 10.96.0.6 default/web 5m 7"),
                        List.of("release ip 10.96.0.6 of services/default/web at 7")),
                Arguments.of("what a Service uses unclaimed (stored before claims existed) is claimed for it",
                        List.of("default/web ip=10.96.0.5 nodePort=30080 healthCheck=30081"),
                        List.of(),
                        List.of("claim ip 10.96.0.5 for services/default/web", "claim port 30080 for services/default/web",
                                "claim port 30081 for services/default/web")),
                Arguments.of("of two Services using one IP, the holder keeps it and the other is reported",
                        List.of("default/a ip=10.96.0.5", "default/b ip=10.96.0.5"),
                        List.of("ip 10.96.0.5 default/a 5m 1"),
                        List.of("conflict ip 10.96.0.5: services/default/a and services/default/b")),
                Arguments.of("of two Services using one unclaimed IP, the first is claimed for and the other reported",
                        List.of("default/a ip=10.96.0.5", "default/b ip=10.96.0.5"),
                        List.of(),
                        List.of("claim ip 10.96.0.5 for services/default/a", "conflict ip 10.96.0.5: services/default/a and services/default/b")),
                Arguments.of("an orphan claim on an IP another Service uses is released now and claimed for that one next time",
                        List.of("default/b ip=10.96.0.5"),
                        List.of("ip 10.96.0.5 default/a 5m 2"),
                        List.of("release ip 10.96.0.5 of services/default/a at 2")),
                Arguments.of("headless and ExternalName Services hold nothing",
                        List.of("default/h ip=None", "default/e type=ExternalName"),
                        List.of(),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plan(String name, List<String> services, List<String> claims, List<String> expected) {
        List<ObjectNode> stored = services.stream().map(Services::service).toList();
        List<AllocationRepairPlan.Action> actions = AllocationRepairPlan.plan(stored, claims.stream().map(AllocationRepairPlanTest::claim).toList(),
                NOW, INTERVAL);
        assertThat(actions.stream().map(AllocationRepairPlanTest::describe)).containsExactlyElementsOf(expected);
    }

    /** {@code "ip 10.96.0.5 default/web 5m 3"}: what, holder, age, sequence number. */
    static Claim claim(String description) {
        String[] w = description.split(" ");
        Allocation a = w[0].equals("ip") ? new Allocation.ClusterIP(w[1]) : new Allocation.NodePort(Integer.parseInt(w[1]));
        String[] ref = w[2].split("/");
        Duration age = Duration.parse("PT" + w[3].toUpperCase());
        return new Claim(a, new ServiceRef(ref[0], ref[1]), Long.parseLong(w[4]), NOW.minus(age));
    }

    static String describe(AllocationRepairPlan.Action action) {
        if (action instanceof AllocationRepairPlan.Action.Release r) return "release " + what(r.allocation()) + " of " + r.holder() + " at " + r.seqNr();
        if (action instanceof AllocationRepairPlan.Action.Claim c) return "claim " + what(c.allocation()) + " for " + c.holder();
        AllocationRepairPlan.Action.Conflict x = (AllocationRepairPlan.Action.Conflict) action;
        return "conflict " + what(x.allocation()) + ": " + x.claimedBy() + " and " + x.alsoUsedBy();
    }

    static String what(Allocation a) {
        return a instanceof Allocation.ClusterIP ip ? "ip " + ip.ip() : "port " + ((Allocation.NodePort) a).port();
    }
}
