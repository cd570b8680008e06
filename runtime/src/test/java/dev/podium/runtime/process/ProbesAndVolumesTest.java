package dev.podium.runtime.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.runtime.TestPods;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.podium.runtime.TestPods.pod;
import static dev.podium.runtime.TestPods.sh;
import static org.assertj.core.api.Assertions.assertThat;

class ProbesAndVolumesTest extends RuntimeTestBase {

    private static ObjectNode execProbe(String script, int failureThreshold) {
        return TestPods.parse("{'exec':{'command':['/bin/sh','-c','" + script + "']},'periodSeconds':1,'failureThreshold':"
                + failureThreshold + "}");
    }

    @Test
    void readinessProbeTogglesReady() throws Exception {
        Path flag = root.resolve("ready");
        ObjectNode c = sh("web", "exec sleep 30");
        c.set("readinessProbe", execProbe("test -f " + flag, 1));
        String uid = start(pod("ready", "Always", c));
        await().until(() -> recorder.container(uid, "web").path("state").has("running"));
        assertThat(recorder.container(uid, "web").path("ready").asBoolean()).isFalse();
        assertThat(recorder.condition(uid, "Ready")).isEqualTo("False");
        Files.writeString(flag, "");
        await().until(() -> recorder.container(uid, "web").path("ready").asBoolean() && recorder.condition(uid, "Ready").equals("True"));
        assertThat(recorder.condition(uid, "ContainersReady")).isEqualTo("True");
        Files.delete(flag);
        await().until(() -> !recorder.container(uid, "web").path("ready").asBoolean() && recorder.condition(uid, "Ready").equals("False"));
    }

    @Test
    void failingLivenessProbeRestartsTheContainer() {
        ObjectNode c = TestPods.container("web", "sleep", "30");
        c.set("livenessProbe", execProbe("exit 1", 1));
        String uid = start(pod("live", "Always", c));
        await().until(() -> recorder.container(uid, "web").path("restartCount").asInt() >= 1);
        assertThat(recorder.container(uid, "web").at("/lastState/terminated/exitCode").asInt()).isEqualTo(143);
    }

    @Test
    void startupProbeGatesStarted() throws Exception {
        Path flag = root.resolve("started");
        ObjectNode c = sh("web", "sleep 0.5; touch " + flag + "; exec sleep 30");
        c.set("startupProbe", execProbe("test -f " + flag, 10));
        String uid = start(pod("startup", "Always", c));
        await().until(() -> recorder.container(uid, "web").path("state").has("running"));
        assertThat(recorder.container(uid, "web").path("started").asBoolean()).isFalse();
        await().until(() -> recorder.container(uid, "web").path("started").asBoolean() && recorder.container(uid, "web").path("ready").asBoolean());
    }

    @Test
    void httpAndTcpProbes() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/healthz", ex -> {
            ex.sendResponseHeaders(ex.getRequestURI().getPath().equals("/healthz") ? 200 : 500, -1);
            ex.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            ObjectNode c = sh("web", "exec sleep 30");
            c.putArray("ports").addObject().put("name", "http").put("containerPort", port);
            c.set("readinessProbe", TestPods.parse("{'httpGet':{'path':'/healthz','port':'http'},'periodSeconds':1}"));
            c.set("livenessProbe", TestPods.parse("{'tcpSocket':{'port':" + port + "},'periodSeconds':1,'failureThreshold':1}"));
            String uid = start(pod("http", "Always", c));
            await().until(() -> recorder.container(uid, "web").path("ready").asBoolean());
            server.stop(0);
            await().until(() -> recorder.container(uid, "web").path("restartCount").asInt() >= 1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void emptyDirIsSharedAndDeletedWithThePod() throws Exception {
        ObjectNode writer = sh("writer", "echo shared-data > $PODIUM_VOLUME_SCRATCH_AREA/file; exec sleep 30");
        writer.putArray("volumeMounts").addObject().put("name", "scratch-area").put("mountPath", "/scratch");
        ObjectNode reader = sh("reader", "while [ ! -f mounts/data/file ]; do sleep 0.05; done; cat mounts/data/file; exec sleep 30");
        reader.putArray("volumeMounts").addObject().put("name", "scratch-area").put("mountPath", "/data");
        ObjectNode pod = pod("shared", "Always", writer, reader);
        pod.with("spec").putArray("volumes").addObject().put("name", "scratch-area").putObject("emptyDir");
        String uid = start(pod);
        await().until(() -> Files.readString(runtime.logFile(uid, "reader", false).orElseThrow()).equals("shared-data\n"));
        Path volume = root.resolve("pods").resolve(uid).resolve("volumes").resolve("scratch-area");
        assertThat(volume.resolve("file")).exists();
        runtime.stopPod(uid, 1).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(volume).doesNotExist();
    }

    @Test
    void configMapSecretAndDownwardApiVolumes() throws Exception {
        ctx.configMap("cfg", Map.of("a.conf", "A", "b.conf", "B")).secret("sec", Map.of("token", "t0k3n"));
        ObjectNode c = sh("main", "cat $PODIUM_VOLUME_CFG/renamed.conf $PODIUM_VOLUME_SEC/token; echo; cat $PODIUM_VOLUME_INFO/labels");
        var mounts = c.putArray("volumeMounts");
        mounts.addObject().put("name", "cfg").put("mountPath", "/etc/cfg");
        mounts.addObject().put("name", "sec").put("mountPath", "/etc/sec");
        mounts.addObject().put("name", "info").put("mountPath", "/etc/info");
        ObjectNode pod = pod("vols", "Never", c);
        var vols = pod.with("spec").putArray("volumes");
        vols.add(TestPods.parse("{'name':'cfg','configMap':{'name':'cfg','items':[{'key':'a.conf','path':'renamed.conf'}]}}"));
        vols.add(TestPods.parse("{'name':'sec','secret':{'secretName':'sec'}}"));
        vols.add(TestPods.parse("{'name':'info','downwardAPI':{'items':[{'path':'labels','fieldRef':{'fieldPath':'metadata.labels'}}]}}"));
        String uid = start(pod);
        await().until(() -> recorder.phase(uid).equals("Succeeded"));
        assertThat(Files.readString(runtime.logFile(uid, "main", false).orElseThrow())).isEqualTo("At0k3n\napp=\"vols\"\n");
    }

    @Test
    void aProjectedServiceAccountTokenIsWrittenOnceOneCanBeIssued() throws Exception {
        ctx.configMap("kube-root-ca.crt", Map.of("ca.crt", "CA"));
        ObjectNode c = sh("main", "cat $PODIUM_VOLUME_API/token; echo; cat $PODIUM_VOLUME_API/ca.crt");
        c.putArray("volumeMounts").addObject().put("name", "api").put("mountPath", "/var/run/secrets/kubernetes.io/serviceaccount");
        ObjectNode pod = pod("tok", "Never", c);
        pod.with("spec").putArray("volumes").add(TestPods.parse("{'name':'api','projected':{'sources':["
                + "{'serviceAccountToken':{'expirationSeconds':3607,'path':'token'}},"
                + "{'configMap':{'name':'kube-root-ca.crt','items':[{'key':'ca.crt','path':'ca.crt'}]}}]}}"));
        String uid = start(pod);
        await().until(() -> recorder.container(uid, "main").path("state").path("waiting").path("message").asText()
                .contains("failed to fetch token"));
        ctx.token("header.claims.signature");
        await().atMost(java.time.Duration.ofSeconds(30)).until(() -> recorder.phase(uid).equals("Succeeded"));
        assertThat(Files.readString(runtime.logFile(uid, "main", false).orElseThrow())).isEqualTo("header.claims.signature\nCA");
    }

    @Test
    void aProjectedTokenIsWrittenAgainBeforeItExpires() throws Exception {
        ctx.token("first");
        ObjectNode c = sh("main", "while true; do cat $PODIUM_VOLUME_API/token; echo; sleep 0.3; done");
        c.putArray("volumeMounts").addObject().put("name", "api").put("mountPath", "/var/run/secrets/kubernetes.io/serviceaccount");
        ObjectNode pod = pod("renew", "Never", c);
        pod.with("spec").putArray("volumes").add(TestPods.parse("{'name':'api','projected':{'sources':["
                + "{'serviceAccountToken':{'expirationSeconds':2,'path':'token'}}]}}"));
        String uid = start(pod);
        await().atMost(java.time.Duration.ofSeconds(20)).until(() -> runtime.logFile(uid, "main", false).map(f -> read(f).contains("first")).orElse(false));
        ctx.token("second");
        await().atMost(java.time.Duration.ofSeconds(20)).until(() -> read(runtime.logFile(uid, "main", false).orElseThrow()).contains("second"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void readoptsRunningProcessesAfterAgentRestart() throws Exception {
        String uid = start(pod("adopt", "Never", TestPods.container("main", "sleep", "30")));
        await().until(() -> recorder.container(uid, "main").path("state").has("running"));
        String containerID = recorder.container(uid, "main").path("containerID").asText();
        long pid = Long.parseLong(containerID.substring(containerID.lastIndexOf('/') + 1));
        runtime.detach();
        runtime = new ProcessRuntime(root, java.time.Clock.systemUTC(), FAST);
        assertThat(runtime.knownPods("node-1")).contains(uid);
        assertThat(runtime.knownPods("node-2")).isEmpty();
        TestPods.Recorder second = new TestPods.Recorder();
        ObjectNode again = (ObjectNode) Json.MAPPER.readTree(root.resolve("pods").resolve(uid).resolve("state.json").toFile()).get("pod");
        runtime.startPod(again, ctx, second);
        await().until(() -> second.container(uid, "main").path("state").has("running"));
        assertThat(second.container(uid, "main").path("containerID").asText()).isEqualTo(containerID);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        await().until(() -> second.phase(uid).equals("Failed"));
        assertThat(second.container(uid, "main").at("/state/terminated/reason").asText()).isEqualTo("ContainerStatusUnknown");
    }

    private static final class Json {
        static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = dev.podium.model.json.Json.MAPPER;
    }
}
