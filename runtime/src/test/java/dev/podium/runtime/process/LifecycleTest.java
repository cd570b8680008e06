package dev.podium.runtime.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.util.List;

import static dev.podium.runtime.TestPods.pod;
import static dev.podium.runtime.TestPods.sh;
import static org.assertj.core.api.Assertions.assertThat;

class LifecycleTest extends RuntimeTestBase {

    @Test
    void exitZeroWithNeverSucceedsAndLogsOutput() throws Exception {
        String uid = start(pod("ok", "Never", sh("main", "echo hello; echo world >&2; exit 0")));
        await().until(() -> recorder.phase(uid).equals("Succeeded"));
        JsonNode c = recorder.container(uid, "main");
        assertThat(c.at("/state/terminated/exitCode").asInt()).isZero();
        assertThat(c.at("/state/terminated/reason").asText()).isEqualTo("Completed");
        assertThat(c.at("/state/terminated/containerID").asText()).startsWith("podium://" + uid + "/main/");
        assertThat(Files.readString(runtime.logFile(uid, "main", false).orElseThrow())).isEqualTo("hello\nworld\n");
        ObjectNode st = recorder.last(uid);
        assertThat(st.path("podIP").asText()).isEqualTo("127.0.0.1");
        assertThat(st.path("hostIP").asText()).isEqualTo("127.0.0.1");
        assertThat(st.path("startTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(recorder.condition(uid, "PodScheduled")).isEqualTo("True");
        assertThat(recorder.condition(uid, "Ready")).isEqualTo("False");
        assertThat(LogFiles.withTimestamps(runtime.logFile(uid, "main", false).orElseThrow()))
                .hasSize(2).allMatch(l -> l.matches("\\d{4}-.*T.*\\.\\d{9}Z (hello|world)"));
    }

    @Test
    void nonZeroExitWithNeverFails() throws Exception {
        String uid = start(pod("bad", "Never", sh("main", "echo about to fail; exit 3")));
        await().until(() -> recorder.phase(uid).equals("Failed"));
        JsonNode c = recorder.container(uid, "main");
        assertThat(c.at("/state/terminated/exitCode").asInt()).isEqualTo(3);
        assertThat(c.at("/state/terminated/reason").asText()).isEqualTo("Error");
        assertThat(Files.readString(runtime.logFile(uid, "main", false).orElseThrow())).contains("about to fail");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"kill -KILL $$$$, 137", "kill -TERM $$$$, 143", "kill -INT $$$$; sleep 5, 130"}) // $$ is an escaped $
    void deathBySignalReports128PlusN(String script, int exitCode) {
        String uid = start(pod("sig", "Never", sh("main", script)));
        await().until(() -> recorder.phase(uid).equals("Failed"));
        JsonNode c = recorder.container(uid, "main");
        assertThat(c.at("/state/terminated/exitCode").asInt()).isEqualTo(exitCode);
        assertThat(c.at("/state/terminated/reason").asText()).isEqualTo("Error");
    }

    /** The restart-policy table of KUBERNETES-FACTS.md, plus the exit-0 rows for two containers. */
    @ParameterizedTest(name = "{0} containers, exit {1}, {2} -> {3}")
    @CsvSource({
            "1, 0, Always, Running", "1, 0, OnFailure, Succeeded", "1, 0, Never, Succeeded",
            "1, 1, Always, Running", "1, 1, OnFailure, Running", "1, 1, Never, Failed",
            "2, 1, Always, Running", "2, 1, OnFailure, Running", "2, 1, Never, Running",
            "2, 0, Never, Running"})
    void restartPolicyTable(int containers, int exit, String policy, String phase) {
        ObjectNode pod = containers == 1
                ? pod("rp", policy, sh("a", "exit " + exit))
                : pod("rp", policy, sh("a", "exit " + exit), sh("b", "exec sleep 30"));
        String uid = start(pod);
        boolean restarts = policy.equals("Always") || (policy.equals("OnFailure") && exit != 0);
        await().until(() -> {
            JsonNode a = recorder.container(uid, "a");
            boolean exited = restarts ? a.path("lastState").has("terminated") : a.path("state").has("terminated");
            return exited && recorder.phase(uid).equals(phase);
        });
        if (restarts) await().until(() -> recorder.container(uid, "a").path("restartCount").asInt() >= 1);
        assertThat(recorder.container(uid, "a").at("/lastState/terminated/exitCode").asInt(exit)).isEqualTo(exit);
    }

    @Test
    void crashLoopBackOffDoublesAndCountsRestarts() {
        String uid = start(pod("crash", "Always", sh("main", "echo run; exit 1")));
        await().until(() -> recorder.container(uid, "main").path("restartCount").asInt() >= 3);
        List<String> messages = recorder.all(uid).stream()
                .flatMap(s -> s.path("containerStatuses").findValues("waiting").stream())
                .filter(w -> w.path("reason").asText().equals("CrashLoopBackOff"))
                .map(w -> w.path("message").asText()).distinct().toList();
        assertThat(messages).contains(
                "back-off 200ms restarting failed container=main pod=crash_default(" + uid + ")",
                "back-off 400ms restarting failed container=main pod=crash_default(" + uid + ")");
        assertThat(recorder.phase(uid)).isEqualTo("Running");
        assertThat(runtime.logFile(uid, "main", true)).isPresent();
    }

    @Test
    void initContainersRunInOrderBeforeAppContainers() throws Exception {
        java.nio.file.Path marker = root.resolve("order.txt");
        ObjectNode pod = pod("init", "Always", sh("app", "echo app >> " + marker + "; exec sleep 30"));
        pod.with("spec").putArray("initContainers")
                .add(sh("first", "sleep 0.2; echo first >> " + marker))
                .add(sh("second", "echo second >> " + marker));
        String uid = start(pod);
        await().until(() -> recorder.container(uid, "first").at("/state/terminated/reason").asText().equals("Completed"));
        await().until(() -> recorder.phase(uid).equals("Running"));
        assertThat(recorder.all(uid).get(0).path("phase").asText()).isEqualTo("Pending");
        assertThat(recorder.condition(uid, "Initialized")).isEqualTo("True");
        assertThat(recorder.container(uid, "second").at("/state/terminated/exitCode").asInt()).isZero();
        await().until(() -> Files.exists(marker) && Files.readString(marker).equals("first\nsecond\napp\n"));
    }

    @Test
    void failingInitContainerWithNeverFailsThePod() {
        ObjectNode pod = pod("initfail", "Never", sh("app", "exec sleep 30"));
        pod.with("spec").putArray("initContainers").add(sh("setup", "exit 2"));
        String uid = start(pod);
        await().until(() -> recorder.phase(uid).equals("Failed"));
        assertThat(recorder.container(uid, "app").at("/state/waiting/reason").asText()).isEqualTo("PodInitializing");
        assertThat(recorder.condition(uid, "Initialized")).isEqualTo("False");
    }

    @Test
    void failingInitContainerWithAlwaysIsRetried() {
        ObjectNode pod = pod("initretry", "Always", sh("app", "exec sleep 30"));
        pod.with("spec").putArray("initContainers").add(sh("setup", "exit 2"));
        String uid = start(pod);
        await().until(() -> recorder.container(uid, "setup").path("restartCount").asInt() >= 1);
        assertThat(recorder.phase(uid)).isEqualTo("Pending");
    }

    @Test
    void argsWithoutACommandRunAsAnImageWithoutEntrypointRunsThem() {
        ObjectNode argsOnly = dev.podium.runtime.TestPods.parse("{'name':'box','image':'busybox','args':['sh','-c','echo from args; exit 4']}");
        String uid = start(pod("args", "Never", argsOnly));
        await().until(() -> recorder.container(uid, "box").path("state").has("terminated"));
        assertThat(recorder.container(uid, "box").at("/state/terminated/exitCode").asInt()).isEqualTo(4);
        assertThat(recorder.phase(uid)).isEqualTo("Failed");
    }

    @Test
    void missingCommandAndUnknownExecutableStayWaiting() {
        ObjectNode noCommand = dev.podium.runtime.TestPods.parse("{'name':'web','image':'nginx'}");
        String uid = start(pod("bad", "Always", noCommand, dev.podium.runtime.TestPods.container("foo", "foo-does-not-exist"),
                sh("ok", "exec sleep 30")));
        await().until(() -> recorder.container(uid, "ok").path("state").has("running")
                && recorder.container(uid, "foo").path("state").has("waiting"));
        assertThat(recorder.container(uid, "web").at("/state/waiting/reason").asText()).isEqualTo("CreateContainerError");
        assertThat(recorder.container(uid, "web").at("/state/waiting/message").asText())
                .isEqualTo("container \"web\" has no command: Podium runs host processes, set command or args");
        assertThat(recorder.container(uid, "foo").at("/state/waiting/reason").asText()).isEqualTo("ContainerCannotRun");
        assertThat(recorder.container(uid, "foo").at("/state/waiting/message").asText())
                .isEqualTo("exec: \"foo-does-not-exist\": executable file not found in $PATH");
        assertThat(recorder.phase(uid)).isEqualTo("Pending");
    }
}
