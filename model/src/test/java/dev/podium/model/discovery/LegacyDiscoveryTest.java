package dev.podium.model.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LegacyDiscoveryTest {
    @Test
    void apiVersions() {
        assertThat(Discovery.BUILT_IN.apiVersions("10.0.0.1:6443").toString()).isEqualTo("{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],"
                + "\"serverAddressByClientCIDRs\":[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"10.0.0.1:6443\"}]}");
    }

    @Test
    void groupListHasOnlyNonCoreGroups() {
        ObjectNode list = Discovery.BUILT_IN.apiGroupList();
        assertThat(list.get("kind").asText()).isEqualTo("APIGroupList");
        assertThat(list.get("apiVersion").asText()).isEqualTo("v1");
        long nonCore = KindRegistry.all().stream().map(ResourceKind::group).filter(g -> !g.isEmpty()).distinct().count();
        assertThat(list.get("groups")).hasSize((int) nonCore);
        assertThat(Discovery.BUILT_IN.apiGroup("")).isEmpty();
        assertThat(Discovery.BUILT_IN.apiGroup("nope.example.com")).isEmpty();
    }

    @Test
    void aNewGroupAppearsWithItsPreferredVersion() {
        LegacyDiscovery d = new LegacyDiscovery(TestKinds.withPolicy());
        JsonNode group = d.apiGroupList().get("groups").get(0);
        assertThat(group.toString()).isEqualTo("{\"name\":\"policy\",\"versions\":[{\"groupVersion\":\"policy/v1\",\"version\":\"v1\"},"
                + "{\"groupVersion\":\"policy/v1beta1\",\"version\":\"v1beta1\"}],\"preferredVersion\":{\"groupVersion\":\"policy/v1\",\"version\":\"v1\"}}");
        ObjectNode apiGroup = d.apiGroup("policy").orElseThrow();
        assertThat(apiGroup.get("kind").asText()).isEqualTo("APIGroup");
        assertThat(apiGroup.get("name").asText()).isEqualTo("policy");
        assertThat(apiGroup.get("preferredVersion").get("version").asText()).isEqualTo("v1");

        ObjectNode resources = d.resourceList("policy/v1").orElseThrow();
        assertThat(resources.get("apiVersion").asText()).isEqualTo("v1");
        assertThat(resources.get("groupVersion").asText()).isEqualTo("policy/v1");
        assertThat(names(resources)).containsExactly("poddisruptionbudgets", "poddisruptionbudgets/status");
        assertThat(d.resourceList("policy/v2")).isEmpty();
    }

    @Test
    void coreResourceListHasEveryRegistryKindWithItsScope() {
        ObjectNode list = Discovery.BUILT_IN.resourceList("v1").orElseThrow();
        assertThat(list.get("kind").asText()).isEqualTo("APIResourceList");
        assertThat(list.get("groupVersion").asText()).isEqualTo("v1");
        for (ResourceKind k : TestKinds.core()) {
            JsonNode r = find(list, k.plural());
            assertThat(r).as(k.plural()).isNotNull();
            assertThat(r.get("namespaced").asBoolean()).as(k.plural()).isEqualTo(k.namespaced());
            assertThat(r.get("kind").asText()).isEqualTo(k.kind());
            assertThat(r.get("singularName").asText()).isEqualTo(k.singular());
            assertThat(r.get("verbs")).hasSize(k.verbs().size());
            assertThat(r.get("storageVersionHash").asText()).isNotEmpty();
            assertThat(r.has("shortNames")).isEqualTo(!k.shortNames().isEmpty());
            assertThat(r.has("categories")).isEqualTo(!k.categories().isEmpty());
            JsonNode status = find(list, k.plural() + "/status");
            assertThat(status != null).as(k.plural() + "/status").isEqualTo(k.statusSubresource());
        }
        List<String> names = names(list);
        assertThat(names).isSorted();
    }

    @Test
    void podsMatchKube() {
        ObjectNode list = Discovery.BUILT_IN.resourceList("v1").orElseThrow();
        assertThat(find(list, "pods").toString()).isEqualTo("{\"name\":\"pods\",\"singularName\":\"pod\",\"namespaced\":true,\"kind\":\"Pod\","
                + "\"verbs\":[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],"
                + "\"shortNames\":[\"po\"],\"categories\":[\"all\"],\"storageVersionHash\":\"xPOwRZ+Yhw8=\"}");
        assertThat(find(list, "pods/status").toString()).isEqualTo("{\"name\":\"pods/status\",\"singularName\":\"\",\"namespaced\":true,"
                + "\"kind\":\"Pod\",\"verbs\":[\"get\",\"patch\",\"update\"]}");
    }

    @Test
    void scaleIsServedInAutoscalingV1() {
        ObjectNode core = Discovery.BUILT_IN.resourceList("v1").orElseThrow();
        assertThat(find(core, "replicationcontrollers/scale").toString()).isEqualTo("{\"name\":\"replicationcontrollers/scale\",\"singularName\":\"\","
                + "\"namespaced\":true,\"group\":\"autoscaling\",\"version\":\"v1\",\"kind\":\"Scale\",\"verbs\":[\"get\",\"patch\",\"update\"]}");
        ObjectNode apps = Discovery.BUILT_IN.resourceList("apps/v1").orElseThrow();
        assertThat(apps.get("apiVersion").asText()).isEqualTo("v1");
        assertThat(names(apps)).containsExactly("controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale",
                "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets", "statefulsets/scale", "statefulsets/status");
        assertThat(find(apps, "deployments").toString()).isEqualTo("{\"name\":\"deployments\",\"singularName\":\"deployment\",\"namespaced\":true,"
                + "\"kind\":\"Deployment\",\"verbs\":[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],"
                + "\"shortNames\":[\"deploy\"],\"categories\":[\"all\"],\"storageVersionHash\":\"8aSe+NMegvE=\"}");
        assertThat(find(apps, "statefulsets/scale").get("group").asText()).isEqualTo("autoscaling");
    }

    @Test
    void batchAndStorageGroups() {
        assertThat(Discovery.BUILT_IN.apiGroup("batch").orElseThrow().get("preferredVersion").toString())
                .isEqualTo("{\"groupVersion\":\"batch/v1\",\"version\":\"v1\"}");
        assertThat(names(Discovery.BUILT_IN.resourceList("batch/v1").orElseThrow())).containsExactly("cronjobs", "cronjobs/status", "jobs", "jobs/status");
        ObjectNode storage = Discovery.BUILT_IN.resourceList("storage.k8s.io/v1").orElseThrow();
        assertThat(find(storage, "storageclasses").get("namespaced").asBoolean()).isFalse();
        assertThat(names(storage)).containsExactly("storageclasses");
        JsonNode groups = Discovery.BUILT_IN.apiGroupList().get("groups");
        List<String> groupNames = new ArrayList<>();
        groups.forEach(g -> groupNames.add(g.get("name").asText()));
        assertThat(groupNames).contains("apps", "batch", "storage.k8s.io");
    }

    @Test
    void version() {
        ObjectNode v = Discovery.version();
        assertThat(v.get("major").asText()).isEqualTo("1");
        assertThat(v.get("minor").asText()).isEqualTo("32");
        assertThat(v.get("gitVersion").asText()).isEqualTo("v1.32.0-podium");
        assertThat(v.get("platform").asText()).isEqualTo("linux/amd64");
        for (String f : List.of("goVersion", "compiler", "buildDate", "gitCommit", "gitTreeState")) assertThat(v.has(f)).as(f).isTrue();
    }

    static JsonNode find(JsonNode list, String name) {
        for (JsonNode r : list.get("resources")) if (r.get("name").asText().equals(name)) return r;
        return null;
    }

    static List<String> names(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.get("resources").forEach(r -> out.add(r.get("name").asText()));
        return out;
    }
}
