package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiException;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.kinds.ResourceKind;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.podium.model.table.TestJson.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableConverterTest {
    private static final Instant NOW = Instant.parse("2024-01-01T01:00:00Z");
    private static final ObjectNode CM = obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'cfg','namespace':'default','resourceVersion':'7',"
            + "'creationTimestamp':'2024-01-01T00:00:00Z','labels':{'a':'b'}},'data':{'x':'1','y':'2'},'binaryData':{'z':'AA=='}}");

    @Test
    void tableShape() {
        ObjectNode t = TableConverter.toTable(KindRegistry.get("ConfigMap"), List.of(CM), NOW, true, "Metadata", "42", "tok");
        assertThat(t.get("kind").asText()).isEqualTo("Table");
        assertThat(t.get("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(t.get("metadata").toString()).isEqualTo("{\"resourceVersion\":\"42\",\"continue\":\"tok\"}");
        assertThat(names(t.get("columnDefinitions"))).containsExactly("Name", "Data", "Age");
        JsonNode name = t.get("columnDefinitions").get(0);
        assertThat(name.get("type").asText()).isEqualTo("string");
        assertThat(name.get("format").asText()).isEqualTo("name");
        assertThat(name.get("priority").asInt()).isZero();
        assertThat(name.has("description")).isTrue();
        assertThat(t.get("rows")).hasSize(1);
        assertThat(t.get("rows").get(0).get("cells").toString()).isEqualTo("[\"cfg\",3,\"60m\"]");
    }

    @Test
    void columnDefinitionsOnlyWhenAsked() {
        ObjectNode t = TableConverter.toTable(KindRegistry.get("ConfigMap"), List.of(CM), NOW, false, null, null, null);
        assertThat(t.get("columnDefinitions").isNull()).isTrue();
        assertThat(t.get("metadata").size()).isZero();
    }

    @Test
    void includeObjectVariants() {
        ResourceKind cm = KindRegistry.get("ConfigMap");
        JsonNode meta = TableConverter.toTable(cm, List.of(CM), NOW, true, "Metadata", null, null).get("rows").get(0).get("object");
        assertThat(meta.get("kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(meta.get("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(meta.get("metadata")).isEqualTo(CM.get("metadata"));
        assertThat(meta.has("data")).isFalse();

        JsonNode defaulted = TableConverter.toTable(cm, List.of(CM), NOW, true, "", null, null).get("rows").get(0).get("object");
        assertThat(defaulted.get("kind").asText()).isEqualTo("PartialObjectMetadata");

        JsonNode full = TableConverter.toTable(cm, List.of(CM), NOW, true, "Object", null, null).get("rows").get(0).get("object");
        assertThat(full).isEqualTo(CM);

        JsonNode none = TableConverter.toTable(cm, List.of(CM), NOW, true, "None", null, null).get("rows").get(0);
        assertThat(none.has("object")).isFalse();

        assertThatThrownBy(() -> TableConverter.toTable(cm, List.of(CM), NOW, true, "Everything", null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error().code()).isEqualTo(400));
    }

    @Test
    void fullObjectGetsKindAndApiVersionAndDoesNotShareNodes() {
        ObjectNode bare = obj("{'metadata':{'name':'p'},'spec':{}}");
        ObjectNode row = (ObjectNode) TableConverter.toTable(KindRegistry.get("Pod"), List.of(bare), NOW, true, "Object", null, null)
                .get("rows").get(0).get("object");
        assertThat(row.get("kind").asText()).isEqualTo("Pod");
        assertThat(row.get("apiVersion").asText()).isEqualTo("v1");
        ((ObjectNode) row.get("metadata")).put("name", "changed");
        assertThat(bare.get("metadata").get("name").asText()).isEqualTo("p");
    }

    @Test
    void emptyListHasEmptyRows() {
        ObjectNode t = TableConverter.toTable(KindRegistry.get("Pod"), List.of(), NOW, true, null, "1", null);
        assertThat(t.get("rows")).isEmpty();
        assertThat(t.get("columnDefinitions")).hasSize(9);
    }

    @Test
    void oneRowForAWatchEvent() {
        ObjectNode t = TableConverter.toTableRow(KindRegistry.get("ConfigMap"), CM, NOW, false, "Metadata");
        assertThat(t.get("metadata").get("resourceVersion").asText()).isEqualTo("7");
        assertThat(t.get("columnDefinitions").isNull()).isTrue();
        assertThat(t.get("rows")).hasSize(1);
        ObjectNode first = TableConverter.toTableRow(KindRegistry.get("ConfigMap"), CM, NOW, true, "Metadata");
        assertThat(first.get("columnDefinitions")).hasSize(3);
    }

    @Test
    void everyRegistryKindHasAsManyCellsAsColumns() {
        for (ResourceKind k : KindRegistry.all()) {
            ObjectNode t = TableConverter.toTable(k, List.of(obj("{'metadata':{'name':'x'}}")), NOW, true, null, null, null);
            assertThat(t.get("rows").get(0).get("cells")).as(k.kind()).hasSameSizeAs(t.get("columnDefinitions"));
            assertThat(t.get("columnDefinitions").get(0).get("name").asText()).as(k.kind()).isIn("Name", "Last Seen");
        }
    }

    @Test
    void perKindDefaultColumns() {
        assertThat(defaultColumns("Pod")).containsExactly("Name", "Ready", "Status", "Restarts", "Age");
        assertThat(wideColumns("Pod")).containsExactly("IP", "Node", "Nominated Node", "Readiness Gates");
        assertThat(defaultColumns("Namespace")).containsExactly("Name", "Status", "Age");
        assertThat(defaultColumns("Secret")).containsExactly("Name", "Type", "Data", "Age");
        assertThat(defaultColumns("Node")).containsExactly("Name", "Status", "Roles", "Age", "Version");
        assertThat(wideColumns("Node")).containsExactly("Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime");
        assertThat(defaultColumns("Service")).containsExactly("Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age");
        assertThat(wideColumns("Service")).containsExactly("Selector");
        assertThat(defaultColumns("ServiceAccount")).containsExactly("Name", "Secrets", "Age");
        assertThat(defaultColumns("Event")).containsExactly("Last Seen", "Type", "Reason", "Object", "Message");
        assertThat(defaultColumns("IPAddress.networking.k8s.io")).containsExactly("Name", "ParentRef");
    }

    @Test
    void otherKindsGetNameAndAge() {
        ResourceKind pdb = new ResourceKind("example.com", "v1", "Widget", "widgets", true, List.of(), List.of(),
                true, PodDisruptionBudget.class, KindRules.NONE);
        ObjectNode t = TableConverter.toTable(pdb, List.of(obj("{'metadata':{'name':'p','creationTimestamp':'2024-01-01T00:58:00Z'}}")),
                NOW, true, "Object", null, null);
        assertThat(names(t.get("columnDefinitions"))).containsExactly("Name", "Age");
        assertThat(t.get("rows").get(0).get("cells").toString()).isEqualTo("[\"p\",\"2m\"]");
        assertThat(t.get("rows").get(0).get("object").get("apiVersion").asText()).isEqualTo("example.com/v1");
    }

    @Test
    void secretAndServiceAccountCounts() {
        ObjectNode secret = obj("{'metadata':{'name':'s'},'type':'Opaque','data':{'a':'YQ=='}}");
        assertThat(TableConverter.toTable(KindRegistry.get("Secret"), List.of(secret), NOW, false, "None", null, null)
                .get("rows").get(0).get("cells").toString()).isEqualTo("[\"s\",\"Opaque\",1,\"<unknown>\"]");
        ObjectNode sa = obj("{'metadata':{'name':'default'}}");
        assertThat(TableConverter.toTable(KindRegistry.get("ServiceAccount"), List.of(sa), NOW, false, "None", null, null)
                .get("rows").get(0).get("cells").toString()).isEqualTo("[\"default\",0,\"<unknown>\"]");
    }

    @Test
    void finishedPodsCarryTheCompletedRowCondition() {
        ObjectNode pod = obj("{'metadata':{'name':'job-1'},'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Succeeded'}}");
        JsonNode row = TableConverter.toTable(KindRegistry.get("Pod"), List.of(pod), NOW, false, "None", null, null).get("rows").get(0);
        assertThat(row.get("conditions").toString())
                .isEqualTo("[{\"type\":\"Completed\",\"status\":\"True\",\"reason\":\"Succeeded\",\"message\":\"The pod has completed successfully.\"}]");
        ObjectNode running = obj("{'metadata':{'name':'web'},'status':{'phase':'Running'}}");
        assertThat(TableConverter.toTable(KindRegistry.get("Pod"), List.of(running), NOW, false, "None", null, null)
                .get("rows").get(0).has("conditions")).isFalse();
    }

    private static List<String> names(JsonNode defs) {
        List<String> out = new ArrayList<>();
        defs.forEach(d -> out.add(d.get("name").asText()));
        return out;
    }

    private static List<String> defaultColumns(String kind) {
        return TablePrinters.forKind(KindRegistry.get(kind)).columns().stream().filter(c -> c.priority() == 0).map(Column::name).toList();
    }

    private static List<String> wideColumns(String kind) {
        return TablePrinters.forKind(KindRegistry.get(kind)).columns().stream().filter(c -> c.priority() == 1).map(Column::name).toList();
    }
}
