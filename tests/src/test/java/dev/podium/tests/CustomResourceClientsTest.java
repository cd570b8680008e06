package dev.podium.tests;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.util.generic.dynamic.Dynamics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The fabric8 client's generic API (with an informer) and the official client's dynamic API against a custom resource. */
class CustomResourceClientsTest {
    static final ResourceDefinitionContext CRONTABS = new ResourceDefinitionContext.Builder()
            .withGroup("stable.example.com").withVersion("v1").withKind("CronTab").withPlural("crontabs").withNamespaced(true).build();
    static TestNode node;
    static KubernetesClient fabric8;
    static ApiClient official;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.startH2();
        Config config = new ConfigBuilder().withMasterUrl(node.url()).withNamespace("default").withRequestTimeout(20_000).build();
        fabric8 = new KubernetesClientBuilder().withConfig(config).build();
        official = ClientBuilder.standard(false).setBasePath(node.url()).setReadTimeout(Duration.ZERO).build();
        CustomResourceDefinition crd = fabric8.apiextensions().v1().customResourceDefinitions()
                .load(new ByteArrayInputStream(CustomResourceEndToEndTest.crontabDefinition().getBytes(StandardCharsets.UTF_8))).item();
        fabric8.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        fabric8.apiextensions().v1().customResourceDefinitions().withName("crontabs.stable.example.com")
                .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
                        .anyMatch(x -> x.getType().equals("Established") && x.getStatus().equals("True")), 20, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        fabric8.close();
        node.close();
    }

    static GenericKubernetesResource cronTab(String name, String cronSpec, int replicas) {
        return new GenericKubernetesResourceBuilder().withApiVersion("stable.example.com/v1").withKind("CronTab")
                .withNewMetadata().withName(name).withNamespace("default").addToLabels("app", "clients").endMetadata()
                .addToAdditionalProperties("spec", Map.of("cronSpec", cronSpec, "replicas", replicas)).build();
    }

    @Test
    void fabric8GenericResourcesWithAnInformer() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        SharedIndexInformer<GenericKubernetesResource> informer = fabric8.genericKubernetesResources(CRONTABS).inNamespace("default")
                .withLabel("app", "clients").inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(GenericKubernetesResource obj) {
                        seen.add("add " + obj.getMetadata().getName());
                    }

                    @Override
                    public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                        seen.add("update " + newObj.getMetadata().getName());
                    }

                    @Override
                    public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                        seen.add("delete " + obj.getMetadata().getName());
                    }
                });
        try {
            var crontabs = fabric8.genericKubernetesResources(CRONTABS).inNamespace("default");
            GenericKubernetesResource created = crontabs.resource(cronTab("f8", "*/1 * * * *", 1)).create();
            assertThat(created.getMetadata().getUid()).isNotBlank();
            crontabs.withName("f8").edit(c -> {
                ((Map<String, Object>) c.getAdditionalProperties().get("spec")).put("replicas", 3);
                return c;
            });
            assertThat(crontabs.withLabel("app", "clients").list().getItems()).extracting(c -> c.getMetadata().getName()).containsExactly("f8");
            assertThatThrownBy(() -> crontabs.resource(cronTab("f8-bad", "nonsense", 1)).create())
                    .isInstanceOf(KubernetesClientException.class).hasMessageContaining("spec.cronSpec in body should match");
            crontabs.withName("f8").delete();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.containsAll(List.of("add f8", "update f8", "delete f8")));
        } finally {
            informer.close();
        }
    }

    @Test
    void officialClientDynamicApi() throws Exception {
        DynamicKubernetesApi api = new DynamicKubernetesApi("stable.example.com", "v1", "crontabs", official);
        DynamicKubernetesObject object = Dynamics.newFromYaml("""
                apiVersion: stable.example.com/v1
                kind: CronTab
                metadata: {name: official, namespace: default}
                spec: {cronSpec: '0 12 * * *'}
                """);
        var created = api.create(object).throwsApiException().getObject();
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getRaw().getAsJsonObject("spec").get("replicas").getAsInt()).as("defaulted by the schema").isEqualTo(1);
        var listed = api.list("default").throwsApiException().getObject();
        assertThat(listed.getItems()).extracting(o -> o.getMetadata().getName()).contains("official");
        assertThat(api.get("default", "nope").getHttpStatusCode()).isEqualTo(404);
        api.delete("default", "official").throwsApiException();
        assertThat(api.get("default", "official").getHttpStatusCode()).isEqualTo(404);
    }
}
