package dev.podium.tests;

import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1Scale;
import io.kubernetes.client.openapi.models.V1ScaleSpec;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapList;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The official Kubernetes Java client (io.kubernetes:client-java) against a real Podium node. */
class OfficialJavaClientTest {
    static TestNode node;
    static ApiClient client;
    static CoreV1Api core;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.startH2();
        client = ClientBuilder.standard(false).setBasePath(node.url()).setReadTimeout(Duration.ZERO).build();
        core = new CoreV1Api(client);
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @Test
    void crudOnConfigMaps() throws Exception {
        core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name("official"))).execute();
        V1ConfigMap created = core.createNamespacedConfigMap("official",
                new V1ConfigMap().metadata(new V1ObjectMeta().name("conf").putLabelsItem("app", "x")).data(Map.of("k", "v1"))).execute();
        assertThat(created.getMetadata().getUid()).isNotBlank();

        V1ConfigMap read = core.readNamespacedConfigMap("conf", "official").execute();
        read.setData(Map.of("k", "v2"));
        V1ConfigMap replaced = core.replaceNamespacedConfigMap("conf", "official", read).execute();
        assertThat(replaced.getData()).containsEntry("k", "v2");

        assertThatThrownBy(() -> core.replaceNamespacedConfigMap("conf", "official", created).execute())
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(409));

        V1ConfigMapList list = core.listNamespacedConfigMap("official").labelSelector("app=x").execute();
        assertThat(list.getItems()).extracting(c -> c.getMetadata().getName()).containsExactly("conf");

        core.deleteNamespacedConfigMap("conf", "official").execute();
        assertThatThrownBy(() -> core.readNamespacedConfigMap("conf", "official").execute())
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(404));
    }

    @Test
    void deploymentScaleSubresourceAndBackgroundDeletion() throws Exception {
        AppsV1Api apps = new AppsV1Api(client);
        core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name("official-apps"))).execute();
        V1Deployment web = new V1Deployment().metadata(new V1ObjectMeta().name("web"))
                .spec(new V1DeploymentSpec().replicas(1)
                        .selector(new V1LabelSelector().putMatchLabelsItem("app", "web"))
                        .template(new V1PodTemplateSpec().metadata(new V1ObjectMeta().putLabelsItem("app", "web"))
                                .spec(new V1PodSpec().terminationGracePeriodSeconds(1L)
                                        .addContainersItem(new V1Container().name("main").image("busybox").command(List.of("sleep", "600"))))));
        V1Deployment created = apps.createNamespacedDeployment("official-apps", web).execute();
        assertThat(created.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(created.getSpec().getRevisionHistoryLimit()).isEqualTo(10);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(apps.readNamespacedDeploymentStatus("web", "official-apps").execute().getStatus().getAvailableReplicas()).isEqualTo(1));
        V1Scale scale = apps.readNamespacedDeploymentScale("web", "official-apps").execute();
        assertThat(scale.getSpec().getReplicas()).isEqualTo(1);
        assertThat(scale.getStatus().getSelector()).isEqualTo("app=web");
        apps.replaceNamespacedDeploymentScale("web", "official-apps", scale.spec(new V1ScaleSpec().replicas(2))).execute();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            V1Deployment d = apps.readNamespacedDeploymentStatus("web", "official-apps").execute();
            assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(2);
            assertThat(d.getStatus().getObservedGeneration()).isEqualTo(d.getMetadata().getGeneration());
        });

        V1Scale stale = scale.spec(new V1ScaleSpec().replicas(5));
        assertThatThrownBy(() -> apps.replaceNamespacedDeploymentScale("web", "official-apps", stale).execute())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(409));

        apps.deleteNamespacedDeployment("web", "official-apps").propagationPolicy("Background").execute();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(apps.listNamespacedReplicaSet("official-apps").execute().getItems()).isEmpty();
            assertThat(core.listNamespacedPod("official-apps").execute().getItems()).isEmpty();
        });
    }

    @Test
    void pagedListReturnsEveryObjectOnce() throws Exception {
        core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name("paged"))).execute();
        for (int i = 0; i < 7; i++) {
            core.createNamespacedConfigMap("paged", new V1ConfigMap().metadata(new V1ObjectMeta().name("cm-" + i))).execute();
        }
        List<String> names = new java.util.ArrayList<>();
        String cont = null;
        int pages = 0;
        do {
            var request = core.listNamespacedConfigMap("paged").limit(3);
            if (cont != null) request = request._continue(cont);
            V1ConfigMapList page = request.execute();
            page.getItems().forEach(c -> names.add(c.getMetadata().getName()));
            cont = page.getMetadata().getContinue();
            pages++;
        } while (cont != null && !cont.isEmpty() && pages < 10);
        assertThat(names).containsExactly("cm-0", "cm-1", "cm-2", "cm-3", "cm-4", "cm-5", "cm-6");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void informerSeesAddsUpdatesAndDeletes() throws Exception {
        core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name("official-informed"))).execute();
        SharedInformerFactory factory = new SharedInformerFactory(client);
        GenericKubernetesApi<V1ConfigMap, V1ConfigMapList> api =
                new GenericKubernetesApi<>(V1ConfigMap.class, V1ConfigMapList.class, "", "v1", "configmaps", client);
        SharedIndexInformer<V1ConfigMap> informer = factory.sharedIndexInformerFor(api, V1ConfigMap.class, 0, "official-informed");
        List<String> seen = new CopyOnWriteArrayList<>();
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(V1ConfigMap obj) {
                seen.add("add:" + obj.getMetadata().getName());
            }

            @Override
            public void onUpdate(V1ConfigMap oldObj, V1ConfigMap newObj) {
                seen.add("update:" + newObj.getMetadata().getName() + "=" + newObj.getData().get("k"));
            }

            @Override
            public void onDelete(V1ConfigMap obj, boolean deletedFinalStateUnknown) {
                seen.add("delete:" + obj.getMetadata().getName());
            }
        });
        factory.startAllRegisteredInformers();
        try {
            await().atMost(10, TimeUnit.SECONDS).until(informer::hasSynced);
            core.createNamespacedConfigMap("official-informed",
                    new V1ConfigMap().metadata(new V1ObjectMeta().name("watched")).data(Map.of("k", "1"))).execute();
            V1ConfigMap cm = core.readNamespacedConfigMap("watched", "official-informed").execute();
            cm.setData(Map.of("k", "2"));
            core.replaceNamespacedConfigMap("watched", "official-informed", cm).execute();
            core.deleteNamespacedConfigMap("watched", "official-informed").execute();
            await().atMost(15, TimeUnit.SECONDS).untilAsserted(() ->
                    assertThat(seen).contains("add:watched", "update:watched=2", "delete:watched"));
        } finally {
            factory.stopAllRegisteredInformers();
        }
    }
}
