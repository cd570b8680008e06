package dev.podium.tests;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The fabric8 kubernetes-client against a real Podium node. */
class Fabric8ClientTest {
    static TestNode node;
    static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.startH2();
        Config config = new ConfigBuilder().withMasterUrl(node.url()).withNamespace("default").withRequestTimeout(20_000).build();
        client = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        node.close();
    }

    @Test
    void crudOnConfigMapsWithOptimisticConcurrency() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("f8").endMetadata().build()).create();
        ConfigMap created = client.configMaps().inNamespace("f8").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("conf").addToLabels("app", "f8").endMetadata()
                .addToData("k", "v1").build()).create();
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(Long.parseLong(created.getMetadata().getResourceVersion())).isPositive();

        ConfigMap edited = client.configMaps().inNamespace("f8").withName("conf").edit(cm -> {
            cm.getData().put("k", "v2");
            return cm;
        });
        assertThat(Long.parseLong(edited.getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));

        created.getData().put("k", "stale");
        assertThatThrownBy(() -> client.configMaps().inNamespace("f8").resource(created).update())
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409));

        assertThat(client.configMaps().inNamespace("f8").withLabel("app", "f8").list().getItems()).hasSize(1);
        client.configMaps().inNamespace("f8").withName("conf").delete();
        await().atMost(10, TimeUnit.SECONDS).until(() -> client.configMaps().inNamespace("f8").withName("conf").get() == null);
    }

    @Test
    void invalidObjectsAreRejectedWith422() {
        assertThatThrownBy(() -> client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("UPPER").endMetadata().build()).create())
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> {
                    KubernetesClientException k = (KubernetesClientException) e;
                    assertThat(k.getCode()).isEqualTo(422);
                    assertThat(k.getStatus().getDetails().getCauses()).anySatisfy(c -> assertThat(c.getField()).isEqualTo("metadata.name"));
                });
    }

    @Test
    void aDeploymentRunsScalesThroughTheScaleSubresourceAndIsDeletedInTheForeground() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("f8-apps").endMetadata().build()).create();
        Deployment sleeper = new DeploymentBuilder().withNewMetadata().withName("sleeper").endMetadata()
                .withNewSpec().withReplicas(2)
                .withNewSelector().addToMatchLabels("app", "sleeper").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "sleeper").endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(1L)
                .addNewContainer().withName("main").withImage("busybox").withCommand("sleep", "600").endContainer()
                .endSpec().endTemplate().endSpec().build();
        var deployments = client.apps().deployments().inNamespace("f8-apps");
        deployments.resource(sleeper).create();
        deployments.withName("sleeper").waitUntilCondition(d -> d != null && d.getStatus() != null
                && Integer.valueOf(2).equals(d.getStatus().getAvailableReplicas()), 60, TimeUnit.SECONDS);
        assertThat(client.pods().inNamespace("f8-apps").withLabel("app", "sleeper").list().getItems())
                .hasSize(2).allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running"));

        deployments.withName("sleeper").scale(3);
        assertThat(deployments.withName("sleeper").scale().getSpec().getReplicas()).isEqualTo(3);
        deployments.withName("sleeper").waitUntilCondition(d -> Integer.valueOf(3).equals(d.getStatus().getReadyReplicas()), 60, TimeUnit.SECONDS);

        assertThatThrownBy(() -> deployments.withName("sleeper").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":-1}}"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getDetails().getCauses()).anySatisfy(c -> assertThat(c.getField()).isEqualTo("spec.replicas"));
                });

        deployments.withName("sleeper").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(deployments.withName("sleeper").get()).isNull();
            assertThat(client.pods().inNamespace("f8-apps").withLabel("app", "sleeper").list().getItems()).isEmpty();
            assertThat(client.apps().replicaSets().inNamespace("f8-apps").list().getItems()).isEmpty();
        });
    }

    @Test
    void podsAreStoredWithDefaults() {
        var pod = client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("stored").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build()).create();
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Always");
        assertThat(pod.getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("Always");
        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
    }

    @Test
    void informerSeesAddsUpdatesAndDeletes() throws Exception {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("f8-informed").endMetadata().build()).create();
        List<String> seen = new CopyOnWriteArrayList<>();
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace("f8-informed").inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap obj) {
                seen.add("add:" + obj.getMetadata().getName());
            }

            @Override
            public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                seen.add("update:" + newObj.getMetadata().getName() + "=" + newObj.getData().get("k"));
            }

            @Override
            public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
                seen.add("delete:" + obj.getMetadata().getName());
            }
        });
        try {
            var cms = client.configMaps().inNamespace("f8-informed");
            cms.resource(new ConfigMapBuilder().withNewMetadata().withName("watched").endMetadata().withData(Map.of("k", "1")).build()).create();
            cms.withName("watched").edit(cm -> new ConfigMapBuilder(cm).withData(Map.of("k", "2")).build());
            cms.withName("watched").delete();
            await().atMost(15, TimeUnit.SECONDS).untilAsserted(() ->
                    assertThat(seen).contains("add:watched", "update:watched=2", "delete:watched"));
        } finally {
            informer.close();
        }
    }
}
