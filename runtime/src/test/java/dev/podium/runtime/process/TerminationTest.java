package dev.podium.runtime.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.runtime.TestPods;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.podium.runtime.TestPods.pod;
import static dev.podium.runtime.TestPods.sh;
import static org.assertj.core.api.Assertions.assertThat;

class TerminationTest extends RuntimeTestBase {

    @Test
    void trappingSigtermExitsCleanlyWithinGrace() throws Exception {
        String uid = start(pod("trap", "Always", sh("main", "trap 'echo bye; exit 0' TERM; echo up; while true; do sleep 0.05; done")));
        await().until(() -> recorder.container(uid, "main").path("state").has("running")
                && Files.readString(runtime.logFile(uid, "main", false).orElseThrow()).contains("up"));
        long t0 = System.nanoTime();
        runtime.stopPod(uid, 5).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(3000);
        assertThat(recorder.container(uid, "main").at("/state/terminated/exitCode").asInt()).isZero();
        assertThat(recorder.phase(uid)).isEqualTo("Succeeded");
        assertThat(Files.readString(runtime.logFile(uid, "main", false).orElseThrow())).contains("bye");
    }

    @Test
    void plainProcessDiesOfSigterm() throws Exception {
        // the command must have started: a SIGTERM that comes while an isolated container's init is still starting it reaches nobody
        String uid = start(pod("plain", "Always", sh("main", "echo up; exec sleep 30")));
        await().until(() -> Files.exists(runtime.logFile(uid, "main", false).orElse(Path.of("/nonexistent")))
                && Files.readString(runtime.logFile(uid, "main", false).orElseThrow()).contains("up"));
        runtime.stopPod(uid, 5).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(recorder.container(uid, "main").at("/state/terminated/exitCode").asInt()).isEqualTo(143);
        assertThat(recorder.container(uid, "main").at("/state/terminated/signal").asInt()).isEqualTo(15);
        assertThat(recorder.phase(uid)).isEqualTo("Failed");
    }

    @Test
    void ignoringSigtermIsKilledAfterGrace() throws Exception {
        String uid = start(pod("stubborn", "Always", sh("main", "trap '' TERM; echo up; while true; do sleep 0.05; done")));
        await().until(() -> Files.exists(runtime.logFile(uid, "main", false).orElse(Path.of("/nonexistent")))
                && Files.readString(runtime.logFile(uid, "main", false).orElseThrow()).contains("up"));
        long t0 = System.nanoTime();
        runtime.stopPod(uid, 1).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isBetween(900L, 3000L);
        assertThat(recorder.container(uid, "main").at("/state/terminated/exitCode").asInt()).isEqualTo(137);
        assertThat(recorder.container(uid, "main").at("/state/terminated/reason").asText()).isEqualTo("Error");
    }

    @Test
    void childrenOfTheContainerDieWithIt() throws Exception {
        // found by a unique argument: with isolation, pids inside the container are not host pids
        String marker = "30." + (System.nanoTime() % 1_000_000);
        String uid = start(pod("tree", "Always", sh("main", "sleep " + marker + " & wait")));
        await().until(() -> childWith(marker).isPresent());
        ProcessHandle child = childWith(marker).orElseThrow();
        runtime.stopPod(uid, 1).toCompletableFuture().get(5, TimeUnit.SECONDS);
        await().until(() -> !child.isAlive());
    }

    private static java.util.Optional<ProcessHandle> childWith(String arg) {
        return ProcessHandle.allProcesses().filter(h -> h.info().arguments().map(a -> java.util.List.of(a).contains(arg)).orElse(false)).findFirst();
    }

    @Test
    void preStopRunsBeforeSigterm() throws Exception {
        Path marker = root.resolve("marker.txt");
        Path trapped = root.resolve("trapped");
        ObjectNode c = sh("main", "trap 'echo term >> " + marker + "; exit 0' TERM; touch " + trapped + "; while true; do sleep 0.05; done");
        c.putObject("lifecycle").putObject("preStop").putObject("exec").putArray("command")
                .add("/bin/sh").add("-c").add("sleep 0.2; echo prestop >> " + marker);
        String uid = start(pod("hook", "Always", c));
        await().until(() -> recorder.container(uid, "main").path("state").has("running") && Files.exists(trapped));
        runtime.stopPod(uid, 5).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(Files.readString(marker)).isEqualTo("prestop\nterm\n");
        assertThat(recorder.container(uid, "main").at("/state/terminated/exitCode").asInt()).isZero();
    }

    @Test
    void stopOfUnknownPodCompletes() {
        assertThat(runtime.stopPod("nope", 1).toCompletableFuture()).isCompleted();
    }
}
