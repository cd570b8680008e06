package dev.podium.model.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AggregatedDiscoveryTest {
    @Test
    void contentType() {
        assertThat(Discovery.AGGREGATED_CONTENT_TYPE).isEqualTo("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    }

    @Test
    void legacyHasOneUnnamedCoreGroup() {
        ObjectNode doc = Discovery.BUILT_IN.aggregatedLegacy();
        assertThat(doc.get("kind").asText()).isEqualTo("APIGroupDiscoveryList");
        assertThat(doc.get("apiVersion").asText()).isEqualTo("apidiscovery.k8s.io/v2");
        assertThat(doc.get("metadata").isObject()).isTrue();
        assertThat(doc.get("items")).hasSize(1);
        JsonNode core = doc.get("items").get(0);
        assertThat(core.get("metadata").has("name")).isFalse();
        assertThat(core.get("versions")).hasSize(1);
        JsonNode v1 = core.get("versions").get(0);
        assertThat(v1.get("version").asText()).isEqualTo("v1");
        assertThat(v1.get("freshness").asText()).isEqualTo("Current");
        assertThat(v1.get("resources")).hasSize(TestKinds.core().size());
        for (ResourceKind k : TestKinds.core()) {
            JsonNode r = resource(v1, k.plural());
            assertThat(r).as(k.plural()).isNotNull();
            assertThat(r.get("scope").asText()).as(k.plural()).isEqualTo(k.namespaced() ? "Namespaced" : "Cluster");
            assertThat(r.get("singularResource").asText()).isEqualTo(k.singular());
            assertThat(r.get("responseKind").toString())
                    .isEqualTo("{\"group\":\"\",\"version\":\"v1\",\"kind\":\"" + k.kind() + "\"}");
            assertThat(r.has("subresources")).as(k.plural()).isEqualTo(!Subresources.of(k).isEmpty());
        }
    }

    @Test
    void podEntryMatchesKube() {
        JsonNode v1 = Discovery.BUILT_IN.aggregatedLegacy().get("items").get(0).get("versions").get(0);
        assertThat(resource(v1, "pods").toString()).isEqualTo("{\"resource\":\"pods\",\"responseKind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},"
                + "\"scope\":\"Namespaced\",\"singularResource\":\"pod\","
                + "\"verbs\":[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],"
                + "\"shortNames\":[\"po\"],\"categories\":[\"all\"],"
                + "\"subresources\":[{\"subresource\":\"binding\",\"responseKind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Binding\"},"
                + "\"verbs\":[\"create\"]},"
                + "{\"subresource\":\"eviction\",\"responseKind\":{\"group\":\"policy\",\"version\":\"v1\",\"kind\":\"Eviction\"},\"verbs\":[\"create\"]},"
                + "{\"subresource\":\"log\",\"responseKind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},\"verbs\":[\"get\"]},"
                + "{\"subresource\":\"status\",\"responseKind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},"
                + "\"verbs\":[\"get\",\"patch\",\"update\"]}]}");
    }

    @Test
    void groupsListNonCoreGroupsWithPreferredVersionFirst() {
        assertThat(Discovery.BUILT_IN.aggregatedGroups().get("items")).hasSize(
                (int) KindRegistry.all().stream().map(ResourceKind::group).filter(g -> !g.isEmpty()).distinct().count());
        ObjectNode doc = new AggregatedDiscovery(TestKinds.withPolicy()).groups();
        assertThat(doc.get("items")).hasSize(1);
        JsonNode policy = doc.get("items").get(0);
        assertThat(policy.get("metadata").get("name").asText()).isEqualTo("policy");
        assertThat(policy.get("versions").get(0).get("version").asText()).isEqualTo("v1");
        assertThat(policy.get("versions").get(1).get("version").asText()).isEqualTo("v1beta1");
        JsonNode pdb = resource(policy.get("versions").get(0), "poddisruptionbudgets");
        assertThat(pdb.get("responseKind").toString()).isEqualTo("{\"group\":\"policy\",\"version\":\"v1\",\"kind\":\"PodDisruptionBudget\"}");
        assertThat(pdb.get("subresources").get(0).get("responseKind").get("group").asText()).isEqualTo("policy");
    }

    @Test
    void ipAddressesAreServedClusterScopedInNetworkingV1() {
        JsonNode networking = null;
        for (JsonNode g : Discovery.BUILT_IN.aggregatedGroups().get("items")) {
            if (g.get("metadata").get("name").asText().equals("networking.k8s.io")) networking = g;
        }
        assertThat(networking).isNotNull();
        JsonNode v1 = networking.get("versions").get(0);
        assertThat(v1.get("version").asText()).isEqualTo("v1");
        JsonNode ips = resource(v1, "ipaddresses");
        assertThat(ips.get("scope").asText()).isEqualTo("Cluster");
        assertThat(ips.get("singularResource").asText()).isEqualTo("ipaddress");
        assertThat(ips.get("shortNames").toString()).isEqualTo("[\"ip\"]");
        assertThat(ips.get("responseKind").toString()).isEqualTo("{\"group\":\"networking.k8s.io\",\"version\":\"v1\",\"kind\":\"IPAddress\"}");
    }

    @Test
    void appsDeploymentsHaveScaleAndStatus() {
        JsonNode apps = group("apps");
        assertThat(apps.get("versions")).hasSize(1);
        JsonNode v1 = apps.get("versions").get(0);
        assertThat(names(v1)).containsExactly("controllerrevisions", "daemonsets", "deployments", "replicasets", "statefulsets");
        assertThat(resource(v1, "deployments").toString()).isEqualTo("{\"resource\":\"deployments\","
                + "\"responseKind\":{\"group\":\"apps\",\"version\":\"v1\",\"kind\":\"Deployment\"},"
                + "\"scope\":\"Namespaced\",\"singularResource\":\"deployment\","
                + "\"verbs\":[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],"
                + "\"shortNames\":[\"deploy\"],\"categories\":[\"all\"],"
                + "\"subresources\":[{\"subresource\":\"scale\",\"responseKind\":{\"group\":\"autoscaling\",\"version\":\"v1\",\"kind\":\"Scale\"},"
                + "\"verbs\":[\"get\",\"patch\",\"update\"]},"
                + "{\"subresource\":\"status\",\"responseKind\":{\"group\":\"apps\",\"version\":\"v1\",\"kind\":\"Deployment\"},"
                + "\"verbs\":[\"get\",\"patch\",\"update\"]}]}");
        for (String scaled : List.of("replicasets", "statefulsets")) {
            assertThat(subresources(resource(v1, scaled))).as(scaled).containsExactly("scale", "status");
        }
        assertThat(subresources(resource(v1, "daemonsets"))).containsExactly("status");
        assertThat(resource(v1, "controllerrevisions").has("subresources")).isFalse();
        assertThat(resource(v1, "statefulsets").get("shortNames").toString()).isEqualTo("[\"sts\"]");
    }

    @Test
    void batchJobsAndStorageClasses() {
        JsonNode batch = group("batch").get("versions").get(0);
        JsonNode jobs = resource(batch, "jobs");
        assertThat(jobs.has("shortNames")).isFalse();
        assertThat(jobs.get("categories").toString()).isEqualTo("[\"all\"]");
        assertThat(subresources(jobs)).containsExactly("status");
        assertThat(resource(batch, "cronjobs").get("shortNames").toString()).isEqualTo("[\"cj\"]");
        JsonNode classes = resource(group("storage.k8s.io").get("versions").get(0), "storageclasses");
        assertThat(classes.get("scope").asText()).isEqualTo("Cluster");
        assertThat(classes.get("shortNames").toString()).isEqualTo("[\"sc\"]");
        assertThat(classes.has("subresources")).isFalse();
    }

    @Test
    void coreReplicationControllersScaleThroughAutoscaling() {
        JsonNode v1 = Discovery.BUILT_IN.aggregatedLegacy().get("items").get(0).get("versions").get(0);
        JsonNode rcs = resource(v1, "replicationcontrollers");
        assertThat(rcs.get("subresources").get(0).toString()).isEqualTo("{\"subresource\":\"scale\","
                + "\"responseKind\":{\"group\":\"autoscaling\",\"version\":\"v1\",\"kind\":\"Scale\"},\"verbs\":[\"get\",\"patch\",\"update\"]}");
        assertThat(resource(v1, "persistentvolumes").get("scope").asText()).isEqualTo("Cluster");
        assertThat(subresources(resource(v1, "persistentvolumeclaims"))).containsExactly("status");
    }

    private static JsonNode group(String name) {
        for (JsonNode g : Discovery.BUILT_IN.aggregatedGroups().get("items")) {
            if (g.get("metadata").get("name").asText().equals(name)) return g;
        }
        throw new AssertionError("no group " + name);
    }

    private static List<String> names(JsonNode version) {
        List<String> out = new ArrayList<>();
        version.get("resources").forEach(r -> out.add(r.get("resource").asText()));
        return out;
    }

    private static List<String> subresources(JsonNode resource) {
        List<String> out = new ArrayList<>();
        resource.get("subresources").forEach(r -> out.add(r.get("subresource").asText()));
        return out;
    }

    private static JsonNode resource(JsonNode version, String plural) {
        for (JsonNode r : version.get("resources")) if (r.get("resource").asText().equals(plural)) return r;
        return null;
    }
}
