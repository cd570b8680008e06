package dev.podium.runtime.cri;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.runtime.RuntimeSettings;
import dev.podium.runtime.TestPods;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static dev.podium.runtime.TestPods.sh;
import static org.assertj.core.api.Assertions.assertThat;

/** The containerd runtime against a real, private containerd: images, sandboxes, the pod network and the pod lifecycle. */
class CriRuntimeTest {
    static final RuntimeSettings FAST = RuntimeSettings.defaults()
            .withBackoff(Duration.ofMillis(300), Duration.ofSeconds(1))
            .withDefaultGracePeriod(Duration.ofSeconds(2))
            .withRetryInterval(Duration.ofMillis(300));

    static TestContainerd containerd;

    @TempDir
    Path root;
    CriRuntime runtime;
    final TestPods.Recorder recorder = new TestPods.Recorder();
    final TestPods.Context ctx = new TestPods.Context();

    @BeforeAll
    static void startContainerd() throws Exception {
        containerd = TestContainerd.start();
    }

    @AfterAll
    static void stopContainerd() throws Exception {
        if (containerd != null) containerd.close();
    }

    @BeforeEach
    void startRuntime() {
        runtime = containerd.runtime(root, "node-1", "10.42.7.0/24", FAST);
    }

    @AfterEach
    void closeRuntime() {
        runtime.close();
    }

    static ObjectNode image(ObjectNode container) {
        return container.put("image", TestContainerd.BUSYBOX);
    }

    String start(ObjectNode pod) {
        runtime.startPod(pod, ctx, recorder);
        return TestPods.uid(pod);
    }

    static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions();
    }

    /** Waits for {@code condition}, failing with the pod's last status. */
    void until(String uid, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("last status of the pod: " + recorder.last(uid), e);
        }
    }

    @Test
    void aContainerThatPrintsAndExitsThreeFailsWithItsCodeAndLogs() throws Exception {
        String uid = start(TestPods.pod("exits", "Never", image(sh("main", "echo hello from busybox; hostname -i; exit 3"))));
        until(uid, () -> recorder.phase(uid).equals("Failed"));
        JsonNode t = recorder.container(uid, "main").path("state").path("terminated");
        assertThat(t.path("exitCode").asInt()).isEqualTo(3);
        assertThat(t.path("reason").asText()).isEqualTo("Error");
        assertThat(recorder.container(uid, "main").path("containerID").asText()).startsWith("containerd://");
        assertThat(recorder.last(uid).path("podIP").asText()).startsWith("10.42.7.");
        Path log = runtime.logFile(uid, "main", false).orElseThrow();
        assertThat(Files.readString(log)).matches("(?s)\\d{4}-\\d\\d-\\d\\dT[^ ]+ stdout F hello from busybox\n"
                + "\\d{4}-\\d\\d-\\d\\dT[^ ]+ stdout F " + recorder.last(uid).path("podIP").asText().replace(".", "\\.") + "\n");
        assertThat(new String(runtime.logs().output(log), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("hello from busybox\n" + recorder.last(uid).path("podIP").asText() + "\n");
    }

    @Test
    void anImageWithoutEntrypointRunsItsArgs() throws Exception {
        ObjectNode c = Json.object().put("name", "main").put("image", TestContainerd.BUSYBOX);
        c.putArray("args").add("sh").add("-c").add("echo args ran");
        String uid = start(TestPods.pod("args", "Never", c));
        until(uid, () -> recorder.phase(uid).equals("Succeeded"));
        assertThat(Files.readString(runtime.logFile(uid, "main", false).orElseThrow())).contains("stdout F args ran");
    }

    @Test
    void aWebServerAnswersOnItsPodIp() {
        ObjectNode web = image(sh("web", "mkdir -p /www && echo served by busybox > /www/index.html && exec httpd -f -p 8080 -h /www"));
        web.putObject("readinessProbe").putObject("httpGet").put("path", "/").put("port", 8080);
        ((ObjectNode) web.get("readinessProbe")).put("periodSeconds", 1);
        String uid = start(TestPods.pod("web", "Always", web));
        until(uid, () -> recorder.condition(uid, "Ready").equals("True"));
        String ip = recorder.last(uid).path("podIP").asText();
        await().untilAsserted(() -> assertThat(get("http://" + ip + ":8080/")).isEqualTo("served by busybox\n"));
    }

    @Test
    void containersOfAPodTalkOverLocalhost() {
        ObjectNode web = image(sh("web", "mkdir -p /www && echo hi neighbour > /www/index.html && exec httpd -f -p 8081 -h /www"));
        ObjectNode client = image(sh("client", "for i in $(seq 1 50); do wget -qO- http://127.0.0.1:8081/ && exit 0; sleep 0.2; done; exit 1"));
        String uid = start(TestPods.pod("pair", "OnFailure", web, client));
        until(uid, () -> recorder.container(uid, "client").path("state").has("terminated"));
        assertThat(recorder.container(uid, "client").path("state").path("terminated").path("exitCode").asInt()).isZero();
        await().untilAsserted(() -> assertThat(Files.readString(runtime.logFile(uid, "client", false).orElseThrow())).contains("hi neighbour"));
    }

    @Test
    void exceedingTheMemoryLimitIsOomKilled() {
        ObjectNode hog = image(sh("hog", "x=$(head -c 200000000 /dev/zero | tr '\\0' a); echo survived"));
        hog.putObject("resources").putObject("limits").put("memory", "32Mi");
        String uid = start(TestPods.pod("hog", "Never", hog));
        until(uid, () -> recorder.phase(uid).equals("Failed"));
        JsonNode t = recorder.container(uid, "hog").path("state").path("terminated");
        assertThat(t.path("reason").asText()).isEqualTo("OOMKilled");
        assertThat(t.path("exitCode").asInt()).isEqualTo(137);
    }

    @Test
    void aCrashingContainerBacksOffAndKeepsItsPreviousLog() throws Exception {
        String uid = start(TestPods.pod("crash", "Always", image(sh("main", "echo run; exit 1"))));
        until(uid, () -> recorder.container(uid, "main").path("restartCount").asInt() >= 2);
        until(uid, () -> recorder.all(uid).stream().anyMatch(s -> s.toString().contains("CrashLoopBackOff")));
        JsonNode last = recorder.container(uid, "main").path("lastState").path("terminated");
        assertThat(last.path("exitCode").asInt()).isEqualTo(1);
        assertThat(Files.readString(runtime.logFile(uid, "main", true).orElseThrow())).contains("stdout F run");
    }

    @Test
    void initContainersRunFirstAndShareAnEmptyDir() throws Exception {
        ObjectNode pod = TestPods.pod("init", "Never", image(sh("main", "cat /work/greeting")));
        ObjectNode init = image(sh("prepare", "echo prepared by init > /work/greeting"));
        init.putArray("volumeMounts").addObject().put("name", "work").put("mountPath", "/work");
        ((ObjectNode) pod.path("spec").path("containers").get(0)).putArray("volumeMounts").addObject().put("name", "work").put("mountPath", "/work");
        ((ObjectNode) pod.get("spec")).putArray("initContainers").add(init);
        ((ObjectNode) pod.get("spec")).putArray("volumes").addObject().put("name", "work").putObject("emptyDir");
        String uid = start(pod);
        until(uid, () -> recorder.phase(uid).equals("Succeeded"));
        assertThat(recorder.container(uid, "prepare").path("state").path("terminated").path("exitCode").asInt()).isZero();
        assertThat(Files.readString(runtime.logFile(uid, "main", false).orElseThrow())).contains("prepared by init");
    }

    @Test
    void stoppingRunsPreStopThenSigtermWithinTheGracePeriod() throws Exception {
        ObjectNode main = image(sh("main", "trap 'echo got TERM; exit 0' TERM; while true; do sleep 0.2; done"));
        main.putObject("lifecycle").putObject("preStop").putObject("exec").putArray("command").add("sh").add("-c").add("echo prestop > /proc/1/fd/1");
        String uid = start(TestPods.pod("graceful", "Always", main));
        until(uid, () -> recorder.container(uid, "main").path("state").has("running"));
        Instant before = Instant.now();
        runtime.stopPod(uid, 20).toCompletableFuture().get();
        assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(15));
        assertThat(recorder.container(uid, "main").path("state").path("terminated").path("exitCode").asInt()).isZero();
        await().untilAsserted(() -> assertThat(Files.readString(runtime.logFile(uid, "main", false).orElseThrow()))
                .contains("stdout F prestop").contains("stdout F got TERM"));
    }

    @Test
    void aNewRuntimeReadoptsRunningContainers() {
        ObjectNode pod = TestPods.pod("survivor", "Always", image(sh("main", "sleep 600")));
        String uid = start(pod);
        until(uid, () -> recorder.container(uid, "main").path("state").has("running"));
        String id = recorder.container(uid, "main").path("containerID").asText();
        runtime.detach();
        runtime = containerd.runtime(root, "node-1", "10.42.7.0/24", FAST);
        assertThat(runtime.knows(uid)).isTrue();
        TestPods.Recorder after = new TestPods.Recorder();
        runtime.startPod(pod, ctx, after);
        await().until(() -> after.container(uid, "main").path("state").has("running"));
        assertThat(after.container(uid, "main").path("containerID").asText()).isEqualTo(id);
        assertThat(after.container(uid, "main").path("restartCount").asInt()).isZero();
    }

    @Test
    void aMissingImageWithPullPolicyNeverWaits() {
        ObjectNode c = sh("main", "true").put("image", "not-imported:1").put("imagePullPolicy", "Never");
        String uid = start(TestPods.pod("never", "Never", c));
        until(uid, () -> recorder.container(uid, "main").path("state").path("waiting").path("reason").asText().equals("ErrImageNeverPull"));
        assertThat(recorder.container(uid, "main").path("state").path("waiting").path("message").asText())
                .isEqualTo("Container image \"not-imported:1\" is not present with pull policy of Never");
    }

    @Test
    void anImageThatCannotBePulledBacksOff() {
        String uid = start(TestPods.pod("pull", "Never", sh("main", "true").put("image", "registry.invalid/nothing:1")));
        until(uid, () -> recorder.all(uid).stream().anyMatch(s -> s.toString().contains("ErrImagePull")));
        until(uid, () -> recorder.container(uid, "main").path("state").path("waiting").path("reason").asText().equals("ImagePullBackOff"));
    }

    @Test
    void podsOnTwoNodesTalkByPodIp(@TempDir Path otherRoot) throws Exception {
        ObjectNode web = image(sh("web", "mkdir -p /www && echo from node one > /www/index.html && exec httpd -f -p 8082 -h /www"));
        String server = start(TestPods.pod("server", "Always", web));
        until(server, () -> recorder.container(server, "web").path("state").has("running"));
        String ip = recorder.last(server).path("podIP").asText();
        try (TestContainerd second = TestContainerd.start()) {
            CriRuntime other = second.runtime(otherRoot, "node-2", "10.42.8.0/24", FAST);
            try {
                TestPods.Recorder otherRecorder = new TestPods.Recorder();
                ObjectNode pod = TestPods.pod("client", "Never",
                        image(sh("main", "for i in $(seq 1 50); do wget -qO- http://" + ip + ":8082/ && exit 0; sleep 0.2; done; exit 1")));
                ((ObjectNode) pod.get("spec")).put("nodeName", "node-2");
                other.startPod(pod, ctx, otherRecorder);
                String uid = TestPods.uid(pod);
                await().until(() -> otherRecorder.phase(uid).equals("Succeeded"));
                assertThat(otherRecorder.last(uid).path("podIP").asText()).startsWith("10.42.8.");
                assertThat(Files.readString(other.logFile(uid, "main", false).orElseThrow())).contains("from node one");
            } finally {
                other.close();
            }
        }
    }

    @Test
    void nodeStatusListsTheImportedImages() {
        assertThat(runtime.version()).startsWith("containerd://1.");
        assertThat(runtime.images()).anySatisfy(i -> assertThat(i.path("names").toString()).contains("docker.io/library/busybox:podium-test"));
    }

    static String get(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
