package dev.podium.runtime.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.runtime.TestPods;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.podium.runtime.TestPods.pod;
import static dev.podium.runtime.TestPods.sh;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Namespace isolation and memory limits. Each test asserts the isolated/enforced behaviour where the host
 * allows it, and the documented fallback (plain host processes, no limit) where it does not; the status
 * lines say which, and why.
 */
class IsolationTest extends RuntimeTestBase {

    private String log(String uid, String container) throws IOException {
        return Files.readString(runtime.logFile(uid, container, false).orElseThrow());
    }

    private long hostPid(String uid, String container) {
        String id = recorder.container(uid, container).path("containerID").asText();
        if (!id.matches(".*/\\d+")) throw new AssertionError("no containerID in " + recorder.last(uid));
        return Long.parseLong(id.substring(id.lastIndexOf('/') + 1));
    }

    private static String hostHostname() throws IOException {
        return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    }

    @Test
    void statusLinesDescribeWhatIsUsed() {
        assertThat(runtime.isolationStatus()).startsWith(runtime.isolationAvailable() ? "isolated: pid, uts, ipc, mount namespaces" : "not isolated: ");
        assertThat(runtime.memoryLimitsStatus()).startsWith(runtime.memoryLimitsEnforced() ? "enforced: cgroup" : "not enforced: ");
        if (Path.of("/usr/bin/unshare").toFile().canExecute() || Path.of("/bin/unshare").toFile().canExecute())
            assertThat(runtime.isolationStatus()).as("unshare exists, so a failure must say why").doesNotContain("not found");
    }

    @Test
    void hostnameInsideIsThePodName() throws Exception {
        String uid = start(pod("host-name-pod", "Never", sh("main", "cat /proc/sys/kernel/hostname; echo \"env=$HOSTNAME\"")));
        await().until(() -> recorder.container(uid, "main").path("state").has("terminated"));
        String out = log(uid, "main");
        assertThat(out).contains("env=host-name-pod");
        if (runtime.isolationAvailable()) assertThat(out).as(runtime.isolationStatus()).startsWith("host-name-pod\n");
        else assertThat(out).as("fallback (" + runtime.isolationStatus() + "): the host's hostname").startsWith(hostHostname() + "\n");
        assertThat(hostHostname()).isNotEqualTo("host-name-pod");
    }

    @Test
    void pidInsideDiffersFromTheHostPid() throws Exception {
        String uid = start(pod("pids", "Always", sh("main", "echo \"pid=$$$$\"; exec sleep 30")));
        await().until(() -> recorder.container(uid, "main").path("state").has("running") && log(uid, "main").contains("pid="));
        long inside = Long.parseLong(log(uid, "main").replaceAll("(?s).*pid=(\\d+).*", "$1"));
        long host = hostPid(uid, "main");
        assertThat(ProcessHandle.of(host)).isPresent();
        if (runtime.isolationAvailable()) {
            assertThat(inside).as("a fresh PID namespace: pid 1 is its init shell, then its mount commands (volumes, resolv.conf, hosts), then the command")
                    .isLessThanOrEqualTo(10);
            assertThat(host).isNotEqualTo(inside);
        } else {
            assertThat(inside).as("fallback (" + runtime.isolationStatus() + "): host pid").isEqualTo(host);
        }
    }

    @Test
    void volumeIsMountedAtItsMountPathInside() throws Exception {
        Path mountPath = root.resolve("mnt/data");
        Path roPath = root.resolve("mnt/ro");
        ObjectNode pod = pod("vols", "Never");
        pod.with("spec").putArray("volumes").addObject().put("name", "shared").putObject("emptyDir");
        ObjectNode writer = sh("writer", "echo hello > " + mountPath + "/x; echo env > \"$PODIUM_VOLUME_SHARED/y\"");
        writer.putArray("volumeMounts").addObject().put("name", "shared").put("mountPath", mountPath.toString());
        pod.with("spec").putArray("initContainers").add(writer);
        ObjectNode reader = sh("reader", "cat " + mountPath + "/x; cat \"$PODIUM_VOLUME_SHARED/y\"; "
                + "if touch " + roPath + "/z 2>/dev/null; then echo ro-writable; else echo ro-denied; fi; cat " + roPath + "/x");
        var mounts = reader.putArray("volumeMounts");
        mounts.addObject().put("name", "shared").put("mountPath", mountPath.toString());
        mounts.addObject().put("name", "shared").put("mountPath", roPath.toString()).put("readOnly", true);
        ((com.fasterxml.jackson.databind.node.ArrayNode) pod.with("spec").get("containers")).add(reader);
        String uid = start(pod);
        await().until(() -> recorder.container(uid, "reader").path("state").has("terminated"));
        String out = log(uid, "reader");
        assertThat(out).contains("env");
        if (runtime.isolationAvailable()) {
            assertThat(out).as(runtime.isolationStatus()).startsWith("hello\nenv\nro-denied\nhello\n");
            assertThat(Files.exists(mountPath.resolve("x"))).as("the bind mount lives in the container's mount namespace only").isFalse();
        } else {
            assertThat(out).as("fallback (" + runtime.isolationStatus() + "): only the PODIUM_VOLUME_ variable reaches the volume")
                    .doesNotContain("hello").contains("env");
        }
    }

    @Test
    void execProbesRunInsideTheContainer() {
        Path mountPath = root.resolve("probe/data");
        ObjectNode pod = pod("probed", "Always");
        pod.with("spec").putArray("volumes").addObject().put("name", "data").putObject("emptyDir");
        ObjectNode c = sh("web", "touch " + mountPath + "/ready 2>/dev/null || touch \"$PODIUM_VOLUME_DATA/ready\"; exec sleep 30");
        c.putArray("volumeMounts").addObject().put("name", "data").put("mountPath", mountPath.toString());
        // isolated: the file exists only at the mountPath inside the container's mount namespace
        String check = runtime.isolationAvailable() ? "test -f " + mountPath + "/ready" : "test -f \"$PODIUM_VOLUME_DATA/ready\"";
        c.set("readinessProbe", TestPods.parse("{'exec':{'command':['/bin/sh','-c','" + check + "']},'periodSeconds':1}"));
        ((com.fasterxml.jackson.databind.node.ArrayNode) pod.with("spec").get("containers")).add(c);
        String uid = start(pod);
        await().until(() -> recorder.container(uid, "web").path("ready").asBoolean());
        assertThat(Files.exists(mountPath.resolve("ready"))).isFalse();
    }

    @Test
    void sigtermTrapAndKillAfterGraceWork() throws Exception {
        String trap = start(pod("trap", "Always", sh("main", "trap 'echo bye; exit 0' TERM; echo up; while true; do sleep 0.05; done")));
        String stubborn = start(pod("stubborn", "Always", sh("main", "trap '' TERM; echo up; while true; do sleep 0.05; done")));
        await().until(() -> log(trap, "main").contains("up") && log(stubborn, "main").contains("up"));
        long t0 = System.nanoTime();
        var a = runtime.stopPod(trap, 5).toCompletableFuture();
        var b = runtime.stopPod(stubborn, 1).toCompletableFuture();
        a.get(5, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(900);
        b.get(5, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isBetween(900L, 3000L);
        assertThat(recorder.container(trap, "main").at("/state/terminated/exitCode").asInt()).isZero();
        assertThat(log(trap, "main")).contains("bye");
        assertThat(recorder.container(stubborn, "main").at("/state/terminated/exitCode").asInt()).isEqualTo(137);
    }

    @Test
    void exitCodesAreKept() throws IOException {
        String uid = start(pod("codes", "Never", sh("three", "exit 3"), sh("zero", "true"), sh("sig", "kill -USR1 $$$$")));
        await().until(() -> Stream.of("three", "zero", "sig").allMatch(c -> recorder.container(uid, c).path("state").has("terminated")));
        assertThat(recorder.container(uid, "three").at("/state/terminated/exitCode").asInt()).isEqualTo(3);
        assertThat(recorder.container(uid, "zero").at("/state/terminated/exitCode").asInt()).isZero();
        assertThat(recorder.container(uid, "sig").at("/state/terminated/exitCode").asInt()).as(log(uid, "sig")).isEqualTo(128 + 10);
    }

    @Test
    void exceedingTheMemoryLimitIsOOMKilled() throws Exception {
        ObjectNode c = sh("hog", "echo start; head -c 200M /dev/zero | tail > /dev/null");
        c.putObject("resources").putObject("limits").put("memory", "50Mi");
        String uid = start(pod("hog", "Never", c));
        await().until(() -> recorder.container(uid, "hog").path("state").has("terminated"));
        JsonNode t = recorder.container(uid, "hog").at("/state/terminated");
        if (runtime.memoryLimitsEnforced()) {
            assertThat(t.path("reason").asText()).as(runtime.memoryLimitsStatus() + " " + log(uid, "hog")).isEqualTo("OOMKilled");
            assertThat(t.path("exitCode").asInt()).isEqualTo(137);
            await().until(() -> cgroupsOf(uid) == 0);
        } else {
            assertThat(t.path("reason").asText()).as("fallback (" + runtime.memoryLimitsStatus() + "): no limit").isEqualTo("Completed");
            assertThat(t.path("exitCode").asInt()).isZero();
        }
    }

    @Test
    void withinTheMemoryLimitRunsNormally() throws Exception {
        ObjectNode c = sh("small", "head -c 1M /dev/zero | tail > /dev/null; echo fine");
        c.putObject("resources").putObject("limits").put("memory", "64Mi");
        String uid = start(pod("small", "Never", c));
        await().until(() -> recorder.container(uid, "small").path("state").has("terminated"));
        assertThat(recorder.container(uid, "small").at("/state/terminated/reason").asText()).isEqualTo("Completed");
        assertThat(log(uid, "small")).contains("fine");
        await().until(() -> cgroupsOf(uid) == 0);
    }

    /** How many cgroups named after the pod exist (none once its containers ended). */
    private static long cgroupsOf(String uid) throws IOException {
        Path fs = Path.of("/sys/fs/cgroup");
        if (!Files.isDirectory(fs)) return 0;
        try (Stream<Path> s = Files.find(fs, 8, (p, a) -> a.isDirectory() && p.getFileName() != null && p.getFileName().toString().startsWith(uid))) {
            return s.count();
        }
    }

    @Test
    void isolationOffRunsPlainHostProcesses() throws Exception {
        ProcessRuntime plain = new ProcessRuntime(root.resolve("plain"), Clock.systemUTC(), FAST.withIsolation(false));
        try {
            assertThat(plain.isolationAvailable()).isFalse();
            assertThat(plain.isolationStatus()).isEqualTo("not isolated: disabled by settings (isolation=false)");
            ObjectNode pod = pod("plain-pod", "Always", sh("main", "cat /proc/sys/kernel/hostname; echo \"pid=$$$$\"; exec sleep 30"));
            plain.startPod(pod, ctx, recorder);
            String uid = TestPods.uid(pod);
            await().until(() -> recorder.container(uid, "main").path("state").has("running")
                    && Files.readString(plain.logFile(uid, "main", false).orElseThrow()).contains("pid="));
            String out = Files.readString(plain.logFile(uid, "main", false).orElseThrow());
            assertThat(out).startsWith(hostHostname() + "\n");
            assertThat(out).contains("pid=" + hostPid(uid, "main"));
            plain.stopPod(uid, 1).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(recorder.container(uid, "main").at("/state/terminated/exitCode").asInt()).isEqualTo(143);
        } finally {
            plain.close();
        }
    }
}
