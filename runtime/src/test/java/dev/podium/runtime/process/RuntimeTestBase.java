package dev.podium.runtime.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.runtime.RuntimeSettings;
import dev.podium.runtime.TestPods;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

abstract class RuntimeTestBase {
    static final RuntimeSettings FAST = RuntimeSettings.defaults()
            .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(1))
            .withDefaultGracePeriod(Duration.ofSeconds(1))
            .withRetryInterval(Duration.ofMillis(200));

    @TempDir
    Path root;
    ProcessRuntime runtime;
    final TestPods.Recorder recorder = new TestPods.Recorder();
    final TestPods.Context ctx = new TestPods.Context();

    @BeforeEach
    void startRuntime() {
        runtime = new ProcessRuntime(root, Clock.systemUTC(), FAST);
    }

    @AfterEach
    void closeRuntime() {
        runtime.close();
    }

    String start(ObjectNode pod) {
        runtime.startPod(pod, ctx, recorder);
        return TestPods.uid(pod);
    }

    static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).ignoreExceptions();
    }
}
