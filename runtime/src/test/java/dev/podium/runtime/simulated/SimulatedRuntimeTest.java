package dev.podium.runtime.simulated;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.runtime.PodContext;
import dev.podium.runtime.RuntimeSettings;
import dev.podium.runtime.TestPods;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static dev.podium.runtime.TestPods.pod;
import static dev.podium.runtime.TestPods.sh;
import static org.assertj.core.api.Assertions.assertThat;

class SimulatedRuntimeTest {
    private final SimulatedRuntime runtime = new SimulatedRuntime(Clock.systemUTC(), RuntimeSettings.defaults()
            .withSimulatedStartDelay(Duration.ofMillis(50)).withBackoff(Duration.ofMillis(100), Duration.ofMillis(400)));
    private final TestPods.Recorder recorder = new TestPods.Recorder();

    @AfterEach
    void close() {
        runtime.close();
    }

    private static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10));
    }

    private String start(ObjectNode pod) {
        runtime.startPod(pod, new TestPods.Context(), recorder);
        return TestPods.uid(pod);
    }

    private static ObjectNode simulated(String policy, String runSeconds, String exitCode) {
        ObjectNode pod = pod("sim", policy, sh("a", "x"), sh("b", "y"));
        ObjectNode ann = pod.with("metadata").putObject("annotations");
        if (runSeconds != null) ann.put(SimulatedRuntime.RUN_SECONDS, runSeconds);
        if (exitCode != null) ann.put(SimulatedRuntime.EXIT_CODE, exitCode);
        return pod;
    }

    @Test
    void becomesRunningAndReadyAfterTheDelay() throws Exception {
        String uid = start(simulated(null, null, null));
        assertThat(recorder.phase(uid)).isIn("Pending", "");
        await().until(() -> recorder.phase(uid).equals("Running") && recorder.condition(uid, "Ready").equals("True"));
        assertThat(runtime.knownPods("node-1")).containsExactly(uid);
        assertThat(runtime.knownPods("node-2")).isEmpty();
        assertThat(runtime.logFile(uid, "a", false)).isEmpty();
        runtime.stopPod(uid, 30).toCompletableFuture().get(1, TimeUnit.SECONDS);
        assertThat(recorder.container(uid, "a").at("/state/terminated/exitCode").asInt()).isEqualTo(143);
        assertThat(recorder.phase(uid)).isEqualTo("Failed");
    }

    @Test
    void withNoStartDelayTheFirstStatusIsAlreadyRunning() {
        SimulatedRuntime immediate = new SimulatedRuntime(Clock.systemUTC(), RuntimeSettings.defaults().withSimulatedStartDelay(Duration.ZERO));
        try {
            ObjectNode pod = simulated(null, null, null);
            immediate.startPod(pod, new TestPods.Context(), recorder);
            String uid = TestPods.uid(pod);
            await().until(() -> !recorder.all(uid).isEmpty());
            assertThat(recorder.all(uid).get(0).path("phase").asText()).isEqualTo("Running");
            assertThat(recorder.condition(uid, "Ready")).isEqualTo("True");
        } finally {
            immediate.close();
        }
    }

    @ParameterizedTest(name = "{0}, exit {1} -> {2}")
    @CsvSource({"Never, 0, Succeeded", "Never, 3, Failed", "OnFailure, 0, Succeeded"})
    void completesPerAnnotations(String policy, int exit, String phase) {
        String uid = start(simulated(policy, "0.1", Integer.toString(exit)));
        await().until(() -> recorder.phase(uid).equals(phase));
        assertThat(recorder.container(uid, "a").at("/state/terminated/exitCode").asInt()).isEqualTo(exit);
    }

    @Test
    void restartsWithBackoff() {
        String uid = start(simulated("Always", "0.05", "1"));
        await().until(() -> recorder.container(uid, "a").path("restartCount").asInt() >= 2);
        assertThat(recorder.phase(uid)).isEqualTo("Running");
        assertThat(recorder.container(uid, "b").at("/lastState/terminated/exitCode").asInt()).isEqualTo(1);
    }

    @Test
    void handlesManyPods() {
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) uids.add(start(simulated(null, null, null)));
        await().atMost(Duration.ofSeconds(20)).until(() -> uids.stream().allMatch(u -> recorder.phase(u).equals("Running")));
    }

    @Test
    void eachNodeKnowsOnlyItsOwnPodsUntilTheyAreForgotten() {
        String a = start(simulated(null, null, null));
        ObjectNode other = simulated(null, null, null);
        TestPods.Context node1 = new TestPods.Context();
        runtime.startPod(other, new PodContext() {
            @Override
            public String nodeName() {
                return "node-2";
            }

            @Override
            public String hostIP() {
                return node1.hostIP();
            }

            @Override
            public Optional<ObjectNode> lookup(String kind, String namespace, String name) {
                return node1.lookup(kind, namespace, name);
            }
        }, recorder);
        String b = TestPods.uid(other);
        assertThat(runtime.knownPods("node-1")).containsExactly(a);
        assertThat(runtime.knownPods("node-2")).containsExactly(b);
        assertThat(runtime.knownPods("node-3")).isEmpty();
        runtime.forget(a);
        assertThat(runtime.knownPods("node-1")).isEmpty();
        assertThat(runtime.knows(a)).isFalse();
        assertThat(runtime.knownPods("node-2")).containsExactly(b);
    }
}
