package dev.podium.model.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiTest {
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @Test
    void rootPointsAtEachGroupVersionWithAStableHash() {
        ObjectNode root = OpenApi.BUILT_IN.v3Root();
        assertThat(root.size()).isEqualTo(1);
        String url = root.get("paths").get("api/v1").get("serverRelativeURL").asText();
        assertThat(url).matches("/openapi/v3/api/v1\\?hash=[0-9A-F]{128}");
        assertThat(url).endsWith(OpenApiV3.hash(OpenApi.BUILT_IN.v3GroupVersion("api/v1").orElseThrow()));
        assertThat(OpenApi.BUILT_IN.v3Root()).isEqualTo(root);

        ObjectNode withPolicy = new OpenApiV3(TestKinds.withPolicy()).root();
        assertThat(fieldNames(withPolicy.get("paths"))).containsExactly("api/v1", "apis/policy/v1", "apis/policy/v1beta1");
        assertThat(withPolicy.get("paths").get("apis/policy/v1").get("serverRelativeURL").asText()).startsWith("/openapi/v3/apis/policy/v1?hash=");
    }

    @Test
    void groupVersionLookup() {
        assertThat(OpenApi.BUILT_IN.v3GroupVersion("v1")).isEqualTo(OpenApi.BUILT_IN.v3GroupVersion("api/v1"));
        assertThat(OpenApi.BUILT_IN.v3GroupVersion("/openapi/v3/api/v1")).isPresent();
        assertThat(OpenApi.BUILT_IN.v3GroupVersion("api/v2")).isEmpty();
        assertThat(OpenApi.BUILT_IN.servesV3("apis/apps/v1")).isTrue();
        assertThat(OpenApi.BUILT_IN.servesV3("api/v2")).isFalse();
        OpenApiV3 v3 = new OpenApiV3(TestKinds.withPolicy());
        assertThat(v3.groupVersion("apis/policy/v1")).isPresent().isEqualTo(v3.groupVersion("policy/v1"));
    }

    @Test
    void v3DocumentIsAnOpenApi3Document() {
        JsonNode doc = OpenApi.BUILT_IN.v3GroupVersion("api/v1").orElseThrow();
        assertThat(doc.get("openapi").asText()).isEqualTo("3.0.0");
        assertThat(doc.get("info").get("title").asText()).isEqualTo("Kubernetes");
        assertThat(doc.get("info").get("version").asText()).isNotEmpty();
        assertThat(doc.get("components").get("schemas").isObject()).isTrue();
        doc.get("paths").fields().forEachRemaining(e -> {
            String path = e.getKey();
            assertThat(path).startsWith("/api/v1/");
            List<String> declared = new ArrayList<>();
            for (JsonNode p : e.getValue().get("parameters")) {
                if (p.get("in").asText().equals("path")) {
                    declared.add(p.get("name").asText());
                    assertThat(p.get("required").asBoolean()).isTrue();
                }
                assertThat(p.get("schema").get("type").asText()).isNotEmpty();
            }
            assertThat(declared).as(path).containsExactlyInAnyOrderElementsOf(templateParams(path));
            e.getValue().fields().forEachRemaining(op -> {
                if (op.getKey().equals("parameters")) return;
                assertThat(METHODS).contains(op.getKey());
                JsonNode o = op.getValue();
                assertThat(o.get("operationId").asText()).isNotEmpty();
                assertThat(o.get("responses").get("200").get("description").asText()).isEqualTo("OK");
                assertThat(o.get("x-kubernetes-action").asText()).isIn("get", "list", "post", "put", "patch", "delete", "deletecollection");
                assertThat(o.get("x-kubernetes-group-version-kind").get("version").asText()).isEqualTo("v1");
                assertThat(o.has("requestBody")).as("no request bodies: kubectl would compute patches from them").isFalse();
            });
        });
    }

    @Test
    void everyKindHasAPatchThatTakesFieldValidation() {
        JsonNode doc = OpenApi.BUILT_IN.v3GroupVersion("api/v1").orElseThrow();
        for (ResourceKind k : TestKinds.core()) assertThat(kubectlSeesFieldValidation(doc, k)).as(k.kind()).isTrue();
        JsonNode policy = new OpenApiV3(TestKinds.withPolicy()).groupVersion("policy/v1").orElseThrow();
        assertThat(kubectlSeesFieldValidation(policy, TestKinds.pdb("v1"))).isTrue();
    }

    @Test
    void pathsAndOperationIdsFollowKube() {
        JsonNode paths = OpenApi.BUILT_IN.v3GroupVersion("api/v1").orElseThrow().get("paths");
        JsonNode cm = paths.get("/api/v1/namespaces/{namespace}/configmaps/{name}");
        assertThat(fieldNames(cm)).containsExactly("get", "put", "patch", "delete", "parameters");
        assertThat(cm.get("patch").get("operationId").asText()).isEqualTo("patchCoreV1NamespacedConfigMap");
        assertThat(cm.get("patch").get("tags").get(0).asText()).isEqualTo("core_v1");
        assertThat(cm.get("patch").get("x-kubernetes-group-version-kind").toString())
                .isEqualTo("{\"group\":\"\",\"version\":\"v1\",\"kind\":\"ConfigMap\"}");
        assertThat(paramNames(cm.get("patch"))).contains("dryRun", "fieldManager", "fieldValidation", "force");
        JsonNode cms = paths.get("/api/v1/namespaces/{namespace}/configmaps");
        assertThat(cms.get("delete").get("operationId").asText()).isEqualTo("deleteCoreV1CollectionNamespacedConfigMap");
        assertThat(cms.get("delete").get("x-kubernetes-action").asText()).isEqualTo("deletecollection");
        assertThat(paramNames(cms.get("post"))).contains("dryRun", "fieldManager", "fieldValidation");
        assertThat(paths.get("/api/v1/configmaps").get("get").get("operationId").asText()).isEqualTo("listCoreV1ConfigMapForAllNamespaces");
        assertThat(paths.get("/api/v1/namespaces/{name}").get("get").get("operationId").asText()).isEqualTo("readCoreV1Namespace");
        assertThat(paths.get("/api/v1/nodes").get("post").get("operationId").asText()).isEqualTo("createCoreV1Node");
        JsonNode podStatus = paths.get("/api/v1/namespaces/{namespace}/pods/{name}/status");
        assertThat(fieldNames(podStatus)).containsExactly("get", "put", "patch", "parameters");
        assertThat(podStatus.get("patch").get("operationId").asText()).isEqualTo("patchCoreV1NamespacedPodStatus");
        assertThat(paths.has("/api/v1/namespaces/{namespace}/configmaps/{name}/status")).isFalse();

        JsonNode policy = new OpenApiV3(TestKinds.withPolicy()).groupVersion("policy/v1").orElseThrow().get("paths");
        assertThat(policy.get("/apis/policy/v1/namespaces/{namespace}/poddisruptionbudgets/{name}").get("patch").get("operationId").asText())
                .isEqualTo("patchPolicyV1NamespacedPodDisruptionBudget");
    }

    @Test
    void appsAndBatchDocuments() {
        JsonNode apps = OpenApi.BUILT_IN.v3GroupVersion("apis/apps/v1").orElseThrow().get("paths");
        JsonNode scale = apps.get("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale");
        assertThat(fieldNames(scale)).containsExactly("get", "put", "patch", "parameters");
        assertThat(scale.get("get").get("operationId").asText()).isEqualTo("readAppsV1NamespacedDeploymentScale");
        assertThat(scale.get("put").get("operationId").asText()).isEqualTo("replaceAppsV1NamespacedDeploymentScale");
        assertThat(scale.get("patch").get("operationId").asText()).isEqualTo("patchAppsV1NamespacedDeploymentScale");
        assertThat(scale.get("patch").get("tags").get(0).asText()).isEqualTo("apps_v1");
        assertThat(scale.get("patch").get("x-kubernetes-group-version-kind").toString())
                .isEqualTo("{\"group\":\"autoscaling\",\"version\":\"v1\",\"kind\":\"Scale\"}");
        assertThat(apps.has("/apis/apps/v1/namespaces/{namespace}/daemonsets/{name}/scale")).isFalse();
        assertThat(apps.get("/apis/apps/v1/deployments").get("get").get("operationId").asText()).isEqualTo("listAppsV1DeploymentForAllNamespaces");

        JsonNode batch = OpenApi.BUILT_IN.v3GroupVersion("batch/v1").orElseThrow().get("paths");
        assertThat(batch.get("/apis/batch/v1/namespaces/{namespace}/cronjobs/{name}/status").get("patch").get("operationId").asText())
                .isEqualTo("patchBatchV1NamespacedCronJobStatus");
        assertThat(batch.get("/apis/batch/v1/namespaces/{namespace}/jobs").get("post").get("operationId").asText()).isEqualTo("createBatchV1NamespacedJob");
        JsonNode storage = OpenApi.BUILT_IN.v3GroupVersion("storage.k8s.io/v1").orElseThrow().get("paths");
        assertThat(storage.get("/apis/storage.k8s.io/v1/storageclasses/{name}").get("delete").get("operationId").asText())
                .isEqualTo("deleteStorageV1StorageClass");
        JsonNode core = OpenApi.BUILT_IN.v3GroupVersion("api/v1").orElseThrow().get("paths");
        JsonNode rcScale = core.get("/api/v1/namespaces/{namespace}/replicationcontrollers/{name}/scale").get("put");
        assertThat(rcScale.get("operationId").asText()).isEqualTo("replaceCoreV1NamespacedReplicationControllerScale");
        assertThat(rcScale.get("tags").get(0).asText()).isEqualTo("core_v1");
        assertThat(fieldNames(OpenApi.BUILT_IN.v3Root().get("paths"))).contains("apis/apps/v1", "apis/batch/v1", "apis/storage.k8s.io/v1");
    }

    @Test
    void swagger2ListsTheScaleSubresource() {
        JsonNode scale = OpenApi.BUILT_IN.v2().get("paths").get("/apis/apps/v1/namespaces/{namespace}/statefulsets/{name}/scale");
        assertThat(scale.get("patch").get("operationId").asText()).isEqualTo("patchAppsV1NamespacedStatefulSetScale");
        assertThat(scale.get("patch").get("tags").get(0).asText()).isEqualTo("apps_v1");
    }

    @Test
    void operationIdPartsPortApiserver() {
        assertThat(ApiRoutes.operationGroup("rbac.authorization.k8s.io")).isEqualTo("RbacAuthorization");
        assertThat(ApiRoutes.operationGroup("apps")).isEqualTo("Apps");
        assertThat(ApiRoutes.operationGroup("stable.example.com")).isEqualTo("StableExampleCom");
        assertThat(ApiRoutes.tag("rbac.authorization.k8s.io", "v1")).isEqualTo("rbacAuthorization_v1");
        assertThat(ApiRoutes.tag("", "v1")).isEqualTo("core_v1");
    }

    @Test
    void swagger2HasTheSameOperations() {
        ObjectNode v2 = OpenApi.BUILT_IN.v2();
        assertThat(v2.get("swagger").asText()).isEqualTo("2.0");
        assertThat(v2.get("info").get("title").asText()).isEqualTo("Kubernetes");
        assertThat(v2.get("definitions").isObject()).isTrue();
        assertThat(v2.get("definitions").size()).isZero();
        for (ResourceKind k : KindRegistry.all()) {
            if (k.rules().createOnly()) continue; // reviews have no patch operation, as in kube
            assertThat(kubectlSeesFieldValidation(v2, k)).as(k.kind()).isTrue();
        }
        JsonNode patch = v2.get("paths").get("/api/v1/namespaces/{namespace}/configmaps/{name}").get("patch");
        assertThat(patch.get("consumes").toString()).contains("application/strategic-merge-patch+json");
        for (JsonNode p : patch.get("parameters")) assertThat(p.has("type")).isTrue();
        assertThat(fieldNames(v2.get("paths")).stream().filter(p -> p.startsWith("/api/v1")).toList())
                .containsExactlyElementsOf(fieldNames(OpenApi.BUILT_IN.v3GroupVersion("v1").orElseThrow().get("paths")));
    }

    @Test
    void everyKindHasTheSchemaKubectlExplainLooksUpByItsGroupVersionKind() {
        for (ResourceKind k : KindRegistry.all()) {
            JsonNode schemas = OpenApi.BUILT_IN.v3GroupVersion(k.groupVersion()).orElseThrow().get("components").get("schemas");
            List<JsonNode> tagged = new ArrayList<>();
            schemas.forEach(s -> s.path("x-kubernetes-group-version-kind").forEach(gvk -> {
                if (gvk.get("kind").asText().equals(k.kind()) && gvk.get("group").asText().equals(k.group())
                        && gvk.get("version").asText().equals(k.version())) tagged.add(s);
            }));
            assertThat(tagged).as(k.kind()).hasSize(1);
            JsonNode props = tagged.get(0).get("properties");
            assertThat(props.get("apiVersion").get("type").asText()).as(k.kind()).isEqualTo("string");
            assertThat(resolve(schemas, props.get("metadata")).get("properties").has("ownerReferences")).as(k.kind()).isTrue();
            assertEveryRefResolves(schemas, schemas);
        }
    }

    @Test
    void deploymentSchemaNamesItsFieldsAndTypesLikeKube() {
        JsonNode schemas = OpenApi.BUILT_IN.v3GroupVersion("apps/v1").orElseThrow().get("components").get("schemas");
        JsonNode deployment = schemas.get("io.k8s.api.apps.v1.Deployment");
        assertThat(deployment.get("description").asText()).startsWith("Deployment enables declarative updates");
        assertThat(deployment.get("properties").get("kind").get("description").asText()).startsWith("Kind is a string value");
        assertThat(deployment.get("properties").get("metadata").get("$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
        JsonNode spec = resolve(schemas, deployment.get("properties").get("spec"));
        assertThat(spec.get("properties").get("replicas").get("type").asText()).isEqualTo("integer");
        assertThat(spec.get("properties").get("minReadySeconds").get("description").asText()).startsWith("Minimum number of seconds");
        assertThat(spec.get("properties").get("selector").get("$ref").asText()).endsWith("meta.v1.LabelSelector");
        assertThat(spec.get("required")).extracting(JsonNode::asText).containsExactly("selector", "template");
        JsonNode rolling = resolve(schemas, resolve(schemas, spec.get("properties").get("strategy")).get("properties").get("rollingUpdate"));
        JsonNode maxSurge = resolve(schemas, rolling.get("properties").get("maxSurge"));
        assertThat(maxSurge.get("format").asText()).isEqualTo("int-or-string");
        JsonNode podSpec = resolve(schemas, resolve(schemas, spec.get("properties").get("template")).get("properties").get("spec"));
        JsonNode containers = podSpec.get("properties").get("containers");
        assertThat(containers.get("type").asText()).isEqualTo("array");
        assertThat(containers.get("items").get("$ref").asText()).isEqualTo("#/components/schemas/io.k8s.api.core.v1.Container");
        JsonNode nodeSelector = podSpec.get("properties").get("nodeSelector");
        assertThat(nodeSelector.get("additionalProperties").get("type").asText()).isEqualTo("string");
        assertThat(schemas.get("io.k8s.api.core.v1.Container").get("properties").has("additionalProperties"))
                .as("fabric8's catch-all map is not a field").isFalse();
    }

    /** kubectl's supportsQueryParamV3: a PATCH whose GVK extension is the kind, taking fieldValidation in the query. */
    private static boolean kubectlSeesFieldValidation(JsonNode doc, ResourceKind k) {
        Map<String, String> gvk = Map.of("group", k.group(), "version", k.version(), "kind", k.kind());
        var paths = doc.get("paths").fields();
        while (paths.hasNext()) {
            JsonNode patch = paths.next().getValue().get("patch");
            if (patch == null) continue;
            JsonNode ext = patch.get("x-kubernetes-group-version-kind");
            if (ext == null || !ext.isObject() || ext.size() != 3) continue;
            if (!gvk.entrySet().stream().allMatch(e -> ext.path(e.getKey()).asText("?").equals(e.getValue()))) continue;
            for (JsonNode p : patch.get("parameters")) {
                if (p.get("name").asText().equals("fieldValidation") && p.get("in").asText().equals("query")) return true;
            }
        }
        return false;
    }

    private static JsonNode resolve(JsonNode schemas, JsonNode schema) {
        if (schema.has("allOf") && schema.get("allOf").size() == 1) return resolve(schemas, schema.get("allOf").get(0));
        if (!schema.path("$ref").isTextual()) return schema;
        String ref = schema.get("$ref").asText();
        assertThat(ref).startsWith("#/components/schemas/");
        JsonNode target = schemas.get(ref.substring("#/components/schemas/".length()));
        assertThat(target).as(ref).isNotNull();
        return target;
    }

    private static void assertEveryRefResolves(JsonNode schemas, JsonNode node) {
        // JSONSchemaProps has a property named $ref: only a textual $ref is a reference
        if (node.path("$ref").isTextual()) resolve(schemas, node);
        node.forEach(child -> assertEveryRefResolves(schemas, child));
    }

    private static List<String> templateParams(String path) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    private static List<String> paramNames(JsonNode op) {
        List<String> out = new ArrayList<>();
        op.get("parameters").forEach(p -> out.add(p.get("name").asText()));
        return out;
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
