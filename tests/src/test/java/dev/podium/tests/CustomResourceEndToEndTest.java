package dev.podium.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** CustomResourceDefinitions and their objects through kubectl: install, serve, validate, patch, scale, print, delete. */
class CustomResourceEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static TestNode node;
    static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.startH2();
        kubectl = new Kubectl(node.kubeconfig());
        kubectl.runWithInput(crontabDefinition(), "apply", "-f", "-").ok();
        kubectl.run("wait", "--for", "condition=Established", "crd/crontabs.stable.example.com", "--timeout=20s").ok();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    /** The README's example definition, so the example stays true. */
    static String crontabDefinition() throws Exception {
        return Files.readString(Path.of("..", "examples", "crontab-crd.yaml"));
    }

    static JsonNode json(String... args) throws Exception {
        return JSON.readTree(kubectl.run(args).ok().out());
    }

    static String cronTab(String namespace, String name, String spec) {
        return "apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata: {name: " + name + ", namespace: " + namespace + ", labels: {team: a}}\nspec: "
                + spec + "\n";
    }

    @Test
    void anInstalledDefinitionIsServedAndDiscoverable() throws Exception {
        JsonNode crd = json("get", "crd", "crontabs.stable.example.com", "-o", "json");
        assertThat(crd.path("status").path("acceptedNames").path("kind").asText()).isEqualTo("CronTab");
        assertThat(crd.path("status").path("storedVersions").toString()).isEqualTo("[\"v1\"]");
        assertThat(crd.path("status").path("conditions").toString()).contains("NamesAccepted").contains("NoConflicts");
        assertThat(kubectl.run("api-resources", "--api-group=stable.example.com").ok().out())
                .containsPattern("crontabs\\s+ct\\s+stable.example.com/v1\\s+true\\s+CronTab");
        assertThat(kubectl.run("get", "crd").ok().out()).containsPattern("crontabs.stable.example.com\\s+\\d{4}-\\d\\d-\\d\\dT");
        assertThat(kubectl.run("explain", "crontab.spec.replicas").ok().out()).contains("replicas").contains("integer");
    }

    @Test
    void objectsAreValidatedDefaultedAndPrintedWithTheDefinitionsColumns() throws Exception {
        kubectl.run("create", "namespace", "crons").ok();
        kubectl.runWithInput(cronTab("crons", "backup", "{cronSpec: '*/5 * * * *', image: busybox, replicas: 2}"), "apply", "-f", "-").ok();
        JsonNode stored = json("-n", "crons", "get", "crontab", "backup", "-o", "json");
        assertThat(stored.path("spec").path("suspend").asBoolean(true)).as("defaulted").isFalse();
        assertThat(stored.path("metadata").path("generation").asLong()).isEqualTo(1);
        assertThat(kubectl.run("-n", "crons", "get", "ct").ok().out())
                .containsPattern("NAME\\s+SPEC\\s+REPLICAS\\s+AGE")
                .containsPattern("backup\\s+\\*/5 \\* \\* \\* \\*\\s+2\\s+\\d+s");

        Kubectl.Result tooMany = kubectl.runWithInput(cronTab("crons", "bad", "{cronSpec: '* * * * *', replicas: 20}"), "apply", "-f", "-");
        assertThat(tooMany.exit()).isNotZero();
        assertThat(tooMany.err()).contains("The CronTab \"bad\" is invalid")
                .contains("spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10");
        Kubectl.Result noSpec = kubectl.runWithInput(cronTab("crons", "bad", "{image: x}"), "apply", "-f", "-");
        assertThat(noSpec.err()).contains("spec.cronSpec: Required value");
        Kubectl.Result unknown = kubectl.runWithInput(cronTab("crons", "bad", "{cronSpec: '* * * * *', colour: red}"), "apply", "-f", "-");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err()).contains("unknown field \"spec.colour\"");
        assertThat(kubectl.run("-n", "crons", "get", "crontab", "bad").exit()).as("nothing partial is stored").isNotZero();

        Kubectl.Result ruled = kubectl.runWithInput(cronTab("crons", "bad", "{cronSpec: '* * * * *', image: forbidden}"), "apply", "-f", "-");
        assertThat(ruled.err()).contains("The CronTab \"bad\" is invalid: spec: Invalid value: \"object\": the image 'forbidden' may not be used");
        Kubectl.Result immutable = kubectl.runWithInput(cronTab("crons", "backup", "{cronSpec: '0 1 * * *', image: busybox, replicas: 2}"), "apply", "-f", "-");
        assertThat(immutable.err()).contains("spec.cronSpec: Invalid value: \"object\": cronSpec is immutable");
    }

    @Test
    void anInvalidDefinitionIsRefusedWithKubesMessages() throws Exception {
        Kubectl.Result r = kubectl.runWithInput("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.com}
                spec:
                  group: example.com
                  scope: Galaxy
                  names: {plural: gadgets, kind: Widget}
                  versions:
                  - {name: v1, served: true, storage: false, schema: {openAPIV3Schema: {type: object}}}
                  - name: v2
                    served: true
                    storage: false
                    schema: {openAPIV3Schema: {type: object, properties: {spec: {properties: {size: {type: integer}}}}}}
                """, "apply", "-f", "-");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("The CustomResourceDefinition \"widgets.example.com\" is invalid")
                .contains("metadata.name: Invalid value: \"widgets.example.com\": must be spec.names.plural+\".\"+spec.group")
                .contains("spec.scope: Unsupported value: \"Galaxy\": supported values: \"Cluster\", \"Namespaced\"")
                .contains("must have exactly one version marked as storage version")
                .contains("spec.versions[1].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields");
        assertThat(kubectl.run("get", "crd", "widgets.example.com").exit()).isNotZero();
    }

    @Test
    void patchesScaleAndStatusWorkAsOnKube() throws Exception {
        kubectl.run("create", "namespace", "patching").ok();
        kubectl.runWithInput(cronTab("patching", "job", "{cronSpec: '0 * * * *'}"), "apply", "-f", "-").ok();
        kubectl.run("-n", "patching", "patch", "crontab", "job", "--type=merge", "-p", "{\"spec\":{\"image\":\"alpine\"}}").ok();
        kubectl.run("-n", "patching", "patch", "crontab", "job", "--type=json", "-p", "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":4}]").ok();
        JsonNode patched = json("-n", "patching", "get", "crontab", "job", "-o", "json");
        assertThat(patched.path("spec").path("image").asText()).isEqualTo("alpine");
        assertThat(patched.path("spec").path("replicas").asInt()).isEqualTo(4);
        assertThat(patched.path("metadata").path("generation").asLong()).isEqualTo(3);

        Kubectl.Result strategic = kubectl.run("-n", "patching", "patch", "crontab", "job", "-p", "{\"spec\":{\"image\":\"x\"}}");
        assertThat(strategic.exit()).isNotZero();
        assertThat(strategic.err()).contains("application/strategic-merge-patch+json is not supported by stable.example.com/v1, Kind=CronTab")
                .contains("accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");

        kubectl.run("-n", "patching", "scale", "crontab", "job", "--replicas=7").ok();
        assertThat(json("-n", "patching", "get", "crontab", "job", "-o", "json").path("spec").path("replicas").asInt()).isEqualTo(7);

        kubectl.run("-n", "patching", "patch", "crontab", "job", "--subresource=status", "--type=merge",
                "-p", "{\"status\":{\"replicas\":7,\"selector\":\"team=a\"}}").ok();
        JsonNode scale = JSON.readTree(kubectl.run("get", "--raw", "/apis/stable.example.com/v1/namespaces/patching/crontabs/job/scale").ok().out());
        assertThat(scale.path("status").path("replicas").asInt()).isEqualTo(7);
        assertThat(scale.path("status").path("selector").asText()).isEqualTo("team=a");
        kubectl.run("-n", "patching", "patch", "crontab", "job", "--type=merge", "-p", "{\"status\":{\"replicas\":1}}").ok();
        assertThat(json("-n", "patching", "get", "crontab", "job", "-o", "json").path("status").path("replicas").asInt())
                .as("the main resource does not change the status").isEqualTo(7);
    }

    @Test
    void everyServedVersionShowsTheSameObjectsAndADeprecatedOneWarns() throws Exception {
        kubectl.run("create", "namespace", "versions").ok();
        kubectl.runWithInput(cronTab("versions", "old", "{cronSpec: '0 0 * * *'}"), "apply", "-f", "-").ok();
        Kubectl.Result beta = kubectl.run("-n", "versions", "get", "crontabs.v1beta1.stable.example.com", "old", "-o", "json");
        assertThat(JSON.readTree(beta.ok().out()).path("apiVersion").asText()).isEqualTo("stable.example.com/v1beta1");
        assertThat(beta.err()).contains("Warning: stable.example.com/v1beta1 CronTab is deprecated");
    }

    @Test
    void deletingTheDefinitionDeletesItsObjectsThenStopsServingIt() throws Exception {
        kubectl.runWithInput(crontabDefinition().replace("crontabs", "backups").replace("crontab", "backup").replace("CronTab", "Backup")
                .replace("[ct]", "[bk]").replace("[all]", "[]"), "apply", "-f", "-").ok();
        kubectl.run("wait", "--for", "condition=Established", "crd/backups.stable.example.com", "--timeout=20s").ok();
        kubectl.run("create", "namespace", "doomed").ok();
        for (String name : new String[] {"one", "two", "three"}) {
            kubectl.runWithInput(cronTab("doomed", name, "{cronSpec: '0 0 * * *'}").replace("CronTab", "Backup"), "apply", "-f", "-").ok();
        }
        kubectl.run("delete", "crd", "backups.stable.example.com", "--timeout=30s").ok();
        assertThat(kubectl.run("get", "crd", "backups.stable.example.com").exit()).isNotZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> kubectl.run("-n", "doomed", "get", "backups").err()
                .contains("the server could not find the requested resource"));
        kubectl.runWithInput(crontabDefinition().replace("crontabs", "backups").replace("crontab", "backup").replace("CronTab", "Backup")
                .replace("[ct]", "[bk]").replace("[all]", "[]"), "apply", "-f", "-").ok();
        kubectl.run("wait", "--for", "condition=Established", "crd/backups.stable.example.com", "--timeout=20s").ok();
        assertThat(kubectl.run("-n", "doomed", "get", "backups", "-o", "name").ok().out()).as("the old objects are gone for good").isBlank();
    }

    @Test
    void aDefinitionWhoseNamesAreTakenIsNotEstablished() throws Exception {
        kubectl.runWithInput("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: crontabclones.stable.example.com}
                spec:
                  group: stable.example.com
                  scope: Namespaced
                  names: {plural: crontabclones, singular: crontabclone, kind: CronTab}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                """, "apply", "-f", "-").ok();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode conditions = json("get", "crd", "crontabclones.stable.example.com", "-o", "json").path("status").path("conditions");
            assertThat(conditions.toString()).contains("\"reason\":\"KindConflict\"").contains("\"message\":\"\\\"CronTab\\\" is already in use\"")
                    .contains("\"reason\":\"NotAccepted\",\"status\":\"False\",\"type\":\"Established\"");
        });
        assertThat(kubectl.run("get", "crontabclones").exit()).isNotZero();
    }
}
