package dev.podium.tests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real kubectl 1.32 against a real Podium node, as a user would drive it. */
class KubectlEndToEndTest {
    static TestNode node;
    static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.startH2();
        kubectl = new Kubectl(node.kubeconfig());
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @Test
    void systemNamespacesExistAndAreListed() throws Exception {
        String out = kubectl.run("get", "namespaces").ok().out();
        assertThat(out).contains("NAME", "STATUS", "AGE", "default", "kube-system", "kube-public", "kube-node-lease", "Active");
    }

    @Test
    void createConfigMapFromLiteralThenGetInEveryFormat() throws Exception {
        kubectl.run("create", "namespace", "formats").ok();
        assertThat(kubectl.run("-n", "formats", "create", "configmap", "settings", "--from-literal=color=blue", "--from-literal=size=2").ok().out())
                .contains("configmap/settings created");
        assertThat(kubectl.run("-n", "formats", "get", "configmap", "settings").ok().out()).contains("NAME", "DATA", "settings", "2");
        assertThat(kubectl.run("-n", "formats", "get", "cm", "settings", "-o", "yaml").ok().out())
                .contains("color: blue", "resourceVersion:", "uid:", "creationTimestamp:");
        assertThat(kubectl.run("-n", "formats", "get", "cm", "settings", "-o", "json").ok().out()).contains("\"color\": \"blue\"");
        assertThat(kubectl.run("-n", "formats", "get", "cm", "settings", "-o", "jsonpath={.data.size}").ok().out()).isEqualTo("2");
        assertThat(kubectl.run("get", "configmaps", "-A").ok().out()).contains("NAMESPACE", "formats", "settings");
        assertThat(kubectl.run("-n", "formats", "describe", "configmap", "settings").ok().out()).contains("Name:", "settings", "color");
    }

    @Test
    void labelSelectorsAndFieldSelectorsFilterLists() throws Exception {
        kubectl.run("create", "namespace", "select").ok();
        kubectl.run("-n", "select", "create", "configmap", "a", "--from-literal=k=v").ok();
        kubectl.run("-n", "select", "create", "configmap", "b", "--from-literal=k=v").ok();
        kubectl.run("-n", "select", "label", "configmap", "a", "tier=web").ok();
        kubectl.run("-n", "select", "label", "configmap", "b", "tier=db").ok();
        assertThat(kubectl.run("-n", "select", "get", "cm", "-l", "tier=web", "-o", "name").ok().out().trim()).isEqualTo("configmap/a");
        assertThat(kubectl.run("-n", "select", "get", "cm", "-l", "tier in (db)", "-o", "name").ok().out().trim()).isEqualTo("configmap/b");
        assertThat(kubectl.run("-n", "select", "get", "cm", "-l", "tier!=web,tier", "-o", "name").ok().out().trim()).isEqualTo("configmap/b");
        assertThat(kubectl.run("-n", "select", "get", "cm", "--field-selector", "metadata.name=a", "-o", "name").ok().out().trim())
                .isEqualTo("configmap/a");
        assertThat(kubectl.run("get", "cm", "-A", "--field-selector", "metadata.namespace=select", "-o", "name").ok().out().lines().count())
                .isEqualTo(2);
    }

    @Test
    void applyCreatesThenReportsUnchangedThenConfigures() throws Exception {
        kubectl.run("create", "namespace", "applied").ok();
        String manifest = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: app
                  namespace: applied
                  labels: {app: demo}
                data:
                  mode: fast
                """;
        assertThat(kubectl.runWithInput(manifest, "apply", "-f", "-").ok().out()).contains("configmap/app created");
        assertThat(kubectl.runWithInput(manifest, "apply", "-f", "-").ok().out()).contains("configmap/app unchanged");
        assertThat(kubectl.runWithInput(manifest.replace("fast", "slow"), "apply", "-f", "-").ok().out()).contains("configmap/app configured");
        assertThat(kubectl.run("-n", "applied", "get", "cm", "app", "-o", "jsonpath={.data.mode}").ok().out()).isEqualTo("slow");
    }

    @Test
    void serverSideApplyCreatesAndRecordsTheFieldManager() throws Exception {
        kubectl.run("create", "namespace", "ssa").ok();
        String manifest = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: ssa-app, namespace: ssa}
                data: {a: "1", b: "2"}
                """;
        assertThat(kubectl.runWithInput(manifest, "apply", "--server-side", "-f", "-").ok().out()).contains("configmap/ssa-app serverside-applied");
        assertThat(kubectl.run("-n", "ssa", "get", "cm", "ssa-app", "-o", "yaml", "--show-managed-fields").ok().out())
                .contains("manager: kubectl", "operation: Apply");
        kubectl.runWithInput(manifest.replace(", b: \"2\"", ""), "apply", "--server-side", "-f", "-").ok();
        assertThat(kubectl.run("-n", "ssa", "get", "cm", "ssa-app", "-o", "jsonpath={.data}").ok().out()).contains("\"a\":\"1\"").doesNotContain("\"b\"");
    }

    @Test
    void replaceWithStaleResourceVersionPrintsConflict() throws Exception {
        kubectl.run("create", "namespace", "stale").ok();
        kubectl.run("-n", "stale", "create", "configmap", "c", "--from-literal=k=1").ok();
        String yaml = kubectl.run("-n", "stale", "get", "cm", "c", "-o", "yaml").ok().out();
        kubectl.run("-n", "stale", "patch", "cm", "c", "-p", "{\"data\":{\"k\":\"2\"}}").ok();
        Kubectl.Result stale = kubectl.runWithInput(yaml.replace("k: \"1\"", "k: \"3\""), "replace", "-f", "-");
        assertThat(stale.exit()).isNotZero();
        assertThat(stale.err()).contains("Operation cannot be fulfilled on configmaps \"c\": the object has been modified; please apply your changes to the latest version and try again");
        String fresh = kubectl.run("-n", "stale", "get", "cm", "c", "-o", "yaml").ok().out();
        assertThat(kubectl.runWithInput(fresh.replace("k: \"2\"", "k: \"4\""), "replace", "-f", "-").ok().out()).contains("configmap/c replaced");
    }

    @Test
    void invalidNamePrintsTheInvalidMessage() throws Exception {
        Kubectl.Result r = kubectl.run("create", "configmap", "Bad_Name", "--from-literal=k=v");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("The ConfigMap \"Bad_Name\" is invalid", "metadata.name: Invalid value: \"Bad_Name\"",
                "a lowercase RFC 1123 subdomain");
    }

    @Test
    void patchInAllThreeTypes() throws Exception {
        kubectl.run("create", "namespace", "patches").ok();
        kubectl.run("-n", "patches", "create", "configmap", "p", "--from-literal=a=1").ok();
        kubectl.run("-n", "patches", "patch", "cm", "p", "--type=merge", "-p", "{\"data\":{\"b\":\"2\"}}").ok();
        kubectl.run("-n", "patches", "patch", "cm", "p", "--type=json", "-p", "[{\"op\":\"remove\",\"path\":\"/data/a\"}]").ok();
        kubectl.run("-n", "patches", "patch", "cm", "p", "--type=strategic", "-p", "{\"data\":{\"c\":\"3\"}}").ok();
        assertThat(kubectl.run("-n", "patches", "get", "cm", "p", "-o", "jsonpath={.data}").ok().out())
                .isEqualTo("{\"b\":\"2\",\"c\":\"3\"}");
        Kubectl.Result bad = kubectl.run("-n", "patches", "patch", "cm", "p", "--type=json", "-p", "[{\"op\":\"remove\",\"path\":\"/data/zzz\"}]");
        assertThat(bad.exit()).isNotZero();
    }

    @Test
    void podsAreStoredAndShownWithTheirColumns() throws Exception {
        kubectl.run("create", "namespace", "pods").ok();
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: pods, labels: {app: web}}
                spec:
                  containers:
                  - name: main
                    image: nginx:1.27
                    ports: [{containerPort: 80}]
                """;
        kubectl.runWithInput(pod, "apply", "-f", "-").ok();
        String table = kubectl.run("-n", "pods", "get", "pods").ok().out();
        assertThat(table).contains("NAME", "READY", "STATUS", "RESTARTS", "AGE", "web", "0/1");
        // it has no command, and Podium runs host processes: the container waits with a reason instead of crashing anything
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> kubectl.run("-n", "pods", "get", "pods").out().contains("CreateContainerError"));
        assertThat(kubectl.run("-n", "pods", "get", "pods", "-o", "wide").ok().out()).contains("IP", "NODE", "NOMINATED NODE");
        assertThat(kubectl.run("-n", "pods", "get", "pod", "web", "-o", "jsonpath={.spec.restartPolicy} {.spec.containers[0].imagePullPolicy}").ok().out())
                .isEqualTo("Always IfNotPresent");
        kubectl.run("-n", "pods", "patch", "pod", "web", "-p", "{\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"nginx:1.28\"}]}}").ok();
        assertThat(kubectl.run("-n", "pods", "get", "pod", "web", "-o", "jsonpath={.spec.containers[0].image}").ok().out()).isEqualTo("nginx:1.28");
        assertThat(kubectl.run("-n", "pods", "describe", "pod", "web").ok().out()).contains("Name:", "web", "nginx:1.28");
        Kubectl.Result immutable = kubectl.run("-n", "pods", "patch", "pod", "web", "-p", "{\"spec\":{\"restartPolicy\":\"Never\"}}");
        assertThat(immutable.exit()).isNotZero();
        assertThat(immutable.err()).contains("Forbidden: pod updates may not change fields");
    }

    @Test
    void secretsServicesAndServiceAccounts() throws Exception {
        kubectl.run("create", "namespace", "misc").ok();
        kubectl.run("-n", "misc", "create", "secret", "generic", "creds", "--from-literal=password=s3cret").ok();
        assertThat(kubectl.run("-n", "misc", "get", "secret", "creds").ok().out()).contains("TYPE", "Opaque", "1");
        assertThat(kubectl.run("-n", "misc", "get", "secret", "creds", "-o", "jsonpath={.data.password}").ok().out()).isEqualTo("czNjcmV0");
        kubectl.run("-n", "misc", "create", "service", "clusterip", "web", "--tcp=80:8080").ok();
        assertThat(kubectl.run("-n", "misc", "get", "svc", "web").ok().out()).contains("TYPE", "ClusterIP", "80/TCP", " 10.");
        kubectl.run("-n", "misc", "create", "serviceaccount", "robot").ok();
        assertThat(kubectl.run("-n", "misc", "get", "sa").ok().out()).contains("robot");
        kubectl.run("-n", "misc", "annotate", "sa", "robot", "owner=team-a").ok();
        assertThat(kubectl.run("-n", "misc", "get", "sa", "robot", "-o", "jsonpath={.metadata.annotations.owner}").ok().out()).isEqualTo("team-a");
    }

    @Test
    void deleteRemovesObjectsAndNamespacesTheirContent() throws Exception {
        kubectl.run("create", "namespace", "gone").ok();
        kubectl.run("-n", "gone", "create", "configmap", "x", "--from-literal=k=v").ok();
        assertThat(kubectl.run("-n", "gone", "delete", "configmap", "x").ok().out()).contains("configmap \"x\" deleted");
        Kubectl.Result missing = kubectl.run("-n", "gone", "get", "configmap", "x");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("configmaps \"x\" not found");
        kubectl.run("-n", "gone", "create", "configmap", "y", "--from-literal=k=v").ok();
        assertThat(kubectl.run("delete", "namespace", "gone", "--timeout=60s").ok().out()).contains("namespace \"gone\" deleted");
        assertThat(kubectl.run("get", "namespace", "gone").exit()).isNotZero();
        assertThat(kubectl.run("get", "cm", "-A", "--field-selector", "metadata.namespace=gone", "-o", "name").ok().out()).isBlank();
    }

    @Test
    void getWatchPrintsChangesLive() throws Exception {
        kubectl.run("create", "namespace", "watched").ok();
        kubectl.run("-n", "watched", "create", "configmap", "before", "--from-literal=k=v").ok();
        Process watch = kubectl.start("-n", "watched", "get", "configmaps", "-w", "--output-watch-events");
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (Exception ignored) {
                // the process was destroyed
            }
        });
        reader.start();
        try {
            // kubectl printed its list and watches from the list's resourceVersion: nothing after it is missed
            await().atMost(Duration.ofSeconds(15)).until(() -> seen(lines, "ADDED", "before"));
            kubectl.run("-n", "watched", "create", "configmap", "live", "--from-literal=k=v").ok();
            kubectl.run("-n", "watched", "label", "configmap", "live", "x=y").ok();
            kubectl.run("-n", "watched", "delete", "configmap", "live").ok();
            await().atMost(Duration.ofSeconds(15)).until(() -> seen(lines, "DELETED", "live"));
        } finally {
            watch.destroy();
            watch.waitFor(5, TimeUnit.SECONDS);
        }
        synchronized (lines) {
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ADDED").contains("live"));
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("MODIFIED").contains("live"));
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("DELETED").contains("live"));
        }
    }

    private static boolean seen(List<String> lines, String type, String name) {
        synchronized (lines) {
            return lines.stream().anyMatch(l -> l.startsWith(type) && l.contains(name));
        }
    }

    @Test
    void unknownFieldsAreRejectedByStrictValidation() throws Exception {
        String manifest = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: typo, namespace: default}
                dataa: {k: v}
                """;
        Kubectl.Result r = kubectl.runWithInput(manifest, "apply", "-f", "-");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("strict decoding error: unknown field \"dataa\"");
        assertThat(kubectl.run("get", "cm", "typo").exit()).isNotZero();
    }

    @Test
    void clusterScopedNodesCanBeStoredAndCordoned() throws Exception {
        String node = """
                apiVersion: v1
                kind: Node
                metadata: {name: worker-1, labels: {node-role.kubernetes.io/worker: ""}}
                """;
        kubectl.runWithInput(node, "create", "-f", "-").ok();
        assertThat(kubectl.run("get", "nodes").ok().out()).contains("NAME", "STATUS", "ROLES", "worker-1", "worker");
        kubectl.run("cordon", "worker-1").ok();
        assertThat(kubectl.run("get", "node", "worker-1").ok().out()).contains("SchedulingDisabled");
        kubectl.run("delete", "node", "worker-1").ok();
    }

    @Test
    void explainDescribesEveryServedResourceFromTheServersOpenApi() throws Exception {
        String spec = kubectl.run("explain", "deployment.spec").ok().out();
        assertThat(spec).contains("GROUP:      apps", "KIND:       Deployment", "FIELD: spec <DeploymentSpec>",
                "Minimum number of seconds for which a newly created pod", "selector\t<LabelSelector> -required-",
                "template\t<PodTemplateSpec> -required-");
        assertThat(kubectl.run("explain", "pods.spec.containers.image").ok().out()).contains("FIELD: image <string>", "Container image name");
        assertThat(kubectl.run("explain", "cronjobs", "--recursive").ok().out())
                .contains("schedule\t<string> -required-", "jobTemplate\t<JobTemplateSpec> -required-");
        Kubectl.Result typo = kubectl.run("explain", "deployment.spec.replica");
        assertThat(typo.exit()).isNotZero();
        assertThat(typo.err()).contains("field \"replica\" does not exist");
        for (String resource : kubectl.run("api-resources", "-o", "name").ok().out().split("\n")) {
            assertThat(kubectl.run("explain", resource).ok().out()).as(resource).contains("KIND:", "FIELDS:", "metadata\t<ObjectMeta>");
        }
    }

    @Test
    void generateNameGivesEachObjectAUniqueName() throws Exception {
        String manifest = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {generateName: batch-, namespace: default}
                """;
        String first = kubectl.runWithInput(manifest, "create", "-f", "-").ok().out();
        String second = kubectl.runWithInput(manifest, "create", "-f", "-").ok().out();
        assertThat(first).startsWith("configmap/batch-");
        assertThat(second).startsWith("configmap/batch-").isNotEqualTo(first);
    }
}
