package dev.podium.tests;

import dev.podium.launcher.NodeSettings;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.kubernetes.client.Exec;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** kubectl exec, attach and cp, and exec through fabric8 and the official Java client, into pods on the process runtime. */
class ExecEndToEndTest {
    static TestNode node;
    static Kubectl kubectl;
    static int webPort;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(NodeSettings.defaults(Files.createTempDirectory("podium-exec"), 0).withNodes(true, 0));
        kubectl = new Kubectl(node.kubeconfig());
        webPort = NetworkedNode.freePort();
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: shell}
                spec:
                  containers:
                  - {name: main, image: busybox, command: [sh, -c, 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.3; done'], env: [{name: GREETING, value: hi}]}
                  - {name: side, image: busybox, command: [sleep, '3600']}
                  - {name: web, image: python, command: [sh, -c, 'cd $(mktemp -d) && echo forwarded > index.html && exec python3 -m http.server %d']}
                """.formatted(webPort), "apply", "-f", "-").ok();
        await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("get", "pod", "shell", "-o", "jsonpath={.status.phase}").out().equals("Running"));
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @Test
    void execReturnsTheExitCodeAndKeepsStderrApart() throws Exception {
        Kubectl.Result r = kubectl.run("exec", "shell", "-c", "main", "--", "sh", "-c", "echo out; echo err >&2; echo $GREETING; exit 3");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("out\nhi\n");
        assertThat(r.err()).contains("err\n").contains("command terminated with exit code 3");
    }

    @Test
    void execFeedsStdinAndRunsInTheNamedContainer() throws Exception {
        assertThat(kubectl.runWithInput("hello\nworld\n", "exec", "-i", "shell", "-c", "side", "--", "sh", "-c", "cat; hostname").ok().out())
                .isEqualTo("hello\nworld\nshell\n");
    }

    @Test
    void execWithATerminalGetsAPseudoTerminal() throws Exception {
        Process p = new ProcessBuilder("script", "-qec", "kubectl --kubeconfig " + node.kubeconfig() + " exec -it shell -c main -- sh -c 'tty; exit 4'", "/dev/null")
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("/dev/pts/");
        assertThat(p.exitValue()).as(out).isEqualTo(4);
    }

    @Test
    void aMissingExecutableOrContainerIsReportedAsKubeDoes() throws Exception {
        Kubectl.Result missing = kubectl.run("exec", "shell", "-c", "main", "--", "no-such-command");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("exec: \"no-such-command\": executable file not found in $PATH");
        Kubectl.Result wrong = kubectl.run("exec", "shell", "-c", "nope", "--", "true");
        assertThat(wrong.exit()).isNotZero();
        assertThat(wrong.err()).contains("container nope is not valid for pod shell");
    }

    @Test
    void attachFollowsTheContainersOutput() throws Exception {
        Process p = kubectl.start("attach", "shell", "-c", "main");
        try {
            java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            java.util.List<String> seen = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                String line = lines.readLine();
                if (line != null) seen.add(line);
                return seen.stream().filter(l -> l.startsWith("tick ")).count() >= 2;
            });
        } finally {
            p.destroy();
        }
    }

    @Test
    void cpCopiesIntoAndOutOfTheContainer() throws Exception {
        Path dir = Files.createTempDirectory("podium-cp");
        Files.writeString(dir.resolve("in.txt"), "copied in\n");
        Path inside = Files.createTempDirectory("podium-cp-inside").resolve("dest.txt");
        kubectl.run("cp", dir.resolve("in.txt").toString(), "shell:" + inside, "-c", "main").ok();
        assertThat(kubectl.run("exec", "shell", "-c", "main", "--", "cat", inside.toString()).ok().out()).isEqualTo("copied in\n");
        kubectl.run("cp", "shell:" + inside, dir.resolve("out.txt").toString(), "-c", "main").ok();
        assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo("copied in\n");
    }

    @Test
    void fabric8ExecGetsOutputAndExitCode() throws Exception {
        Config config = new ConfigBuilder().withMasterUrl(node.url()).withNamespace("default").withRequestTimeout(20_000).build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try (ExecWatch watch = client.pods().withName("shell").inContainer("main").writingOutput(out).writingError(err)
                    .exec("sh", "-c", "echo fabric8; echo oops >&2; exit 5")) {
                assertThat(watch.exitCode().get(20, TimeUnit.SECONDS)).isEqualTo(5);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> out.toString(StandardCharsets.UTF_8).equals("fabric8\n"));
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("oops\n");
        }
    }

    @Test
    void theOfficialJavaClientForwardsAPortOfThePod() throws Exception {
        ApiClient client = ClientBuilder.standard(false).setBasePath(node.url()).setReadTimeout(Duration.ZERO).build();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            var result = new io.kubernetes.client.PortForward(client).forward("default", "shell", java.util.List.of(webPort));
            result.getOutboundStream(webPort).write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            result.getOutboundStream(webPort).flush();
            String response = new String(result.getInputStream(webPort).readAllBytes(), StandardCharsets.US_ASCII);
            return response.startsWith("HTTP/1.0 200") && response.endsWith("forwarded\n");
        });
    }

    @Test
    void kubectlPortForwardsToAPodAndThroughAService() throws Exception {
        kubectl.run("create", "service", "clusterip", "shell-web", "--tcp=8080:" + webPort).ok();
        kubectl.run("set", "selector", "service", "shell-web", "app=shell").ok();
        kubectl.run("label", "pod", "shell", "app=shell").ok();
        for (String target : java.util.List.of("pod/shell", "svc/shell-web")) {
            int local = NetworkedNode.freePort();
            String remote = target.startsWith("svc/") ? "8080" : Integer.toString(webPort);
            Process forward = kubectl.start("port-forward", target, local + ":" + remote);
            try {
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> NetworkedNode.curl("http://127.0.0.1:" + local + "/").out().equals("forwarded"));
                for (int i = 0; i < 3; i++) assertThat(NetworkedNode.curl("http://127.0.0.1:" + local + "/").out()).as(target).isEqualTo("forwarded");
                assertThat(NetworkedNode.curl("-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:" + local + "/missing").out()).isEqualTo("404");
            } finally {
                forward.destroy();
            }
        }
    }

    @Test
    void theOfficialJavaClientExecRunsAProcess() throws Exception {
        ApiClient client = ClientBuilder.standard(false).setBasePath(node.url()).setReadTimeout(Duration.ZERO).build();
        Process p = new Exec(client).exec("default", "shell", new String[] {"sh", "-c", "echo official; exit 6"}, "main", false, false);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("official\n");
        assertThat(p.exitValue()).isEqualTo(6);
        p.destroy();
    }
}
