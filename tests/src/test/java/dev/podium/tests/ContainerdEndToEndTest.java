package dev.podium.tests;

import dev.podium.launcher.NodeSettings;
import dev.podium.runtime.cri.ContainerdDaemon;
import dev.podium.runtime.cri.ImageImport;
import dev.podium.runtime.cri.OciArchive;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node on Podium's own containerd, driven by kubectl, fabric8 and the official Java client: images imported
 * without a registry, pods on the node's pod network, logs from CRI log files, exec, port-forward and cp.
 */
class ContainerdEndToEndTest {
    static final String IMAGE = "busybox:1.36";
    static TestNode node;
    static Kubectl kubectl;
    static Path containerdDir;

    @BeforeAll
    static void start() throws Exception {
        ContainerdDaemon.unavailableReason().ifPresent(reason -> {
            throw new AssertionError("this test needs containerd on the machine: " + reason);
        });
        Path data = Files.createTempDirectory(Path.of("/tmp"), "podium-ctrd-e2e");
        containerdDir = data.resolve("containerd");
        NodeSettings settings = NodeSettings.defaults(data, 0).withNodes(true, 0);
        settings = settings.withHosting(new NodeSettings.Hosting(true, "ctrd-node", 0, "sim", "containerd", null));
        node = TestNode.start(settings);
        kubectl = new Kubectl(node.kubeconfig());
        Path archive = data.resolve("busybox.tar");
        OciArchive.writeBusybox(archive, IMAGE);
        ImageImport.run(new ContainerdDaemon(containerdDir).socket(), archive);
        kubectl.runWithInput("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: httpd
                        image: %s
                        args: [sh, -c, 'mkdir -p /www && echo "served by $(hostname)" > /www/index.html && exec httpd -f -p 80 -h /www']
                        readinessProbe: {tcpSocket: {port: 80}, periodSeconds: 1}
                """.formatted(IMAGE), "apply", "-f", "-").ok();
        await().atMost(Duration.ofSeconds(60)).until(() -> kubectl.run("get", "deployment", "web", "-o", "jsonpath={.status.readyReplicas}").out().equals("2"));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (node != null) node.close();
        } finally {
            new ContainerdDaemon(containerdDir).destroy(List.of("ctrd-node"));
        }
    }

    static List<String> webPods() throws Exception {
        return List.of(kubectl.run("get", "pods", "-l", "app=web", "-o", "jsonpath={.items[*].metadata.name}").ok().out().split(" "));
    }

    @Test
    void theNodeShowsContainerdItsPodRangeAndItsImages() throws Exception {
        assertThat(kubectl.run("get", "nodes", "-o", "wide").ok().out()).contains("containerd://1.");
        assertThat(kubectl.run("get", "node", "ctrd-node", "-o", "jsonpath={.spec.podCIDR}").ok().out()).matches("10\\.42\\.\\d+\\.0/24");
        await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("get", "node", "ctrd-node", "-o", "jsonpath={.status.images[*].names}").out()
                .contains("docker.io/library/busybox:1.36"));
    }

    @Test
    void anImageWithoutEntrypointRunsTheArgsAndItsExitCodeAndLogsShow() throws Exception {
        kubectl.run("run", "exit3", "--image=" + IMAGE, "--restart=Never", "--", "sh", "-c", "echo to stdout; sleep 0.5; echo to stderr >&2; exit 3").ok();
        await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("get", "pod", "exit3", "-o", "jsonpath={.status.phase}").out().equals("Failed"));
        assertThat(kubectl.run("get", "pod", "exit3", "-o", "jsonpath={.status.containerStatuses[0].state.terminated.exitCode}").ok().out()).isEqualTo("3");
        assertThat(kubectl.run("get", "pod", "exit3").ok().out()).contains("Error");
        // stdout and stderr reach the log through two pipes: their order is the order of writing only when apart in time
        assertThat(kubectl.run("logs", "exit3").ok().out()).isEqualTo("to stdout\nto stderr\n");
        assertThat(kubectl.run("logs", "exit3", "--timestamps", "--tail=1").ok().out()).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z to stderr\n");
        assertThat(kubectl.run("get", "pod", "exit3", "-o", "jsonpath={.status.podIP}").ok().out()).startsWith("10.42.");
    }

    @Test
    void podsServeOnTheirPodIpsAndReachEachOther() throws Exception {
        List<String> pods = webPods();
        String ipA = kubectl.run("get", "pod", pods.get(0), "-o", "jsonpath={.status.podIP}").ok().out();
        String ipB = kubectl.run("get", "pod", pods.get(1), "-o", "jsonpath={.status.podIP}").ok().out();
        assertThat(ipA).isNotEqualTo(ipB);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://" + ipA + "/")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .isEqualTo("served by " + pods.get(0) + "\n");
        assertThat(kubectl.run("exec", pods.get(0), "--", "wget", "-qO-", "http://" + ipB + "/").ok().out()).isEqualTo("served by " + pods.get(1) + "\n");
    }

    @Test
    void execKeepsStderrApartReturnsTheExitCodeAndFeedsStdin() throws Exception {
        String pod = webPods().get(0);
        Kubectl.Result r = kubectl.run("exec", pod, "--", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("out\n");
        assertThat(r.err()).contains("err\n").contains("command terminated with exit code 3");
        assertThat(kubectl.runWithInput("hello\n", "exec", "-i", pod, "--", "sh", "-c", "cat; hostname").ok().out()).isEqualTo("hello\n" + pod + "\n");
    }

    @Test
    void execWithATerminalGetsAPseudoTerminal() throws Exception {
        Process p = new ProcessBuilder("script", "-qec", "kubectl --kubeconfig " + node.kubeconfig() + " exec -it " + webPods().get(0)
                + " -- sh -c 'tty; exit 4'", "/dev/null").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("/dev/pts/");
        assertThat(p.exitValue()).as(out).isEqualTo(4);
    }

    @Test
    void attachFollowsTheContainersOutput() throws Exception {
        kubectl.run("run", "ticker", "--image=" + IMAGE, "--", "sh", "-c", "i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.3; done").ok();
        await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("get", "pod", "ticker", "-o", "jsonpath={.status.phase}").out().equals("Running"));
        Process p = kubectl.start("attach", "ticker");
        try {
            java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> seen = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                String line = lines.readLine();
                if (line != null) seen.add(line);
                return seen.stream().filter(l -> l.startsWith("tick ")).count() >= 2;
            });
        } finally {
            p.destroy();
        }
    }

    @Test
    void kubectlCopiesFilesBothWays(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String pod = webPods().get(0);
        Files.writeString(dir.resolve("up.txt"), "uploaded\n");
        kubectl.run("cp", dir.resolve("up.txt").toString(), pod + ":/tmp/up.txt").ok();
        assertThat(kubectl.run("exec", pod, "--", "cat", "/tmp/up.txt").ok().out()).isEqualTo("uploaded\n");
        kubectl.run("cp", pod + ":/www/index.html", dir.resolve("down.html").toString()).ok();
        assertThat(Files.readString(dir.resolve("down.html"))).isEqualTo("served by " + pod + "\n");
    }

    @Test
    void kubectlForwardsAPortOfThePod() throws Exception {
        String pod = webPods().get(0);
        int local = NetworkedNode.freePort();
        Process pf = new ProcessBuilder("kubectl", "--kubeconfig", node.kubeconfig().toString(), "port-forward", "pod/" + pod, local + ":80")
                .redirectErrorStream(true).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + local + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().equals("served by " + pod + "\n"));
        } finally {
            pf.destroy();
        }
    }

    @Test
    void fabric8ExecAndTheOfficialClientPortForward() throws Exception {
        String pod = webPods().get(0);
        Config config = Config.fromKubeconfig(Files.readString(node.kubeconfig()));
        config.setNamespace("default");
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try (ExecWatch watch = client.pods().withName(pod).writingOutput(out).writingError(err).exec("sh", "-c", "echo fabric8; echo oops >&2; exit 5")) {
                assertThat(watch.exitCode().get(20, TimeUnit.SECONDS)).isEqualTo(5);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> out.toString(StandardCharsets.UTF_8).equals("fabric8\n"));
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("oops\n");
        }
        ApiClient official = ClientBuilder.kubeconfig(io.kubernetes.client.util.KubeConfig.loadKubeConfig(Files.newBufferedReader(node.kubeconfig())))
                .setReadTimeout(Duration.ZERO).build();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            var result = new io.kubernetes.client.PortForward(official).forward("default", pod, List.of(80));
            result.getOutboundStream(80).write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            result.getOutboundStream(80).flush();
            String response = new String(result.getInputStream(80).readAllBytes(), StandardCharsets.US_ASCII);
            return response.startsWith("HTTP/1.") && response.endsWith("served by " + pod + "\n");
        });
    }

    @Test
    void anImageThatIsNotThereWaitsInImagePullBackOffOrErrImageNeverPull() throws Exception {
        kubectl.run("run", "never", "--image=not-imported:1", "--image-pull-policy=Never", "--restart=Never").ok();
        await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("get", "pod", "never").out().contains("ErrImageNeverPull"));
        kubectl.run("run", "nowhere", "--image=registry.invalid/nothing:1", "--restart=Never").ok();
        await().atMost(Duration.ofSeconds(60)).until(() -> kubectl.run("get", "pod", "nowhere").out().matches("(?s).*(ErrImagePull|ImagePullBackOff).*"));
    }
}
