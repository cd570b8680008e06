package dev.podium.model.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static dev.podium.model.table.TestJson.obj;
import static org.assertj.core.api.Assertions.assertThat;

class CustomResourceColumnsTest {
    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    static final ObjectNode WIDGET = obj("{'metadata':{'name':'w1','creationTimestamp':'2024-05-01T11:55:00Z',"
            + "'labels':{'app':'web','app.kubernetes.io/name':'widget'}},"
            + "'spec':{'replicas':3,'ratio':0.5,'paused':true,'big':1000000.0,'nothing':null,'tags':['a','b'],"
            + "'containers':[{'name':'main','image':'nginx'},{'name':'side'}],'limits':{'memory':'1Gi','cpu':2}},"
            + "'status':{'conditions':[{'type':'Progressing','status':'True'},{'type':'Ready','status':'False'}],"
            + "'startTime':'2024-04-30T12:00:00Z'}}");

    @Test
    void withoutPrinterColumnsKubeServesNameAndAge() {
        CustomResourceColumns printer = new CustomResourceColumns(null);
        assertThat(printer.columns()).containsExactly(Column.nameColumn(), new Column("Age", "date", "", Column.AGE_DESCRIPTION, 0));
        assertThat(printer.cells(WIDGET, NOW).toString()).isEqualTo("[\"w1\",\"5m\"]");
        assertThat(new CustomResourceColumns(Json.MAPPER.createArrayNode()).columns()).hasSize(2);
        assertThat(printer.cells(obj("{'metadata':{'name':'fresh'}}"), NOW).toString()).isEqualTo("[\"fresh\",null]");
    }

    @Test
    void declaredColumnsFollowName() {
        CustomResourceColumns printer = new CustomResourceColumns(Json.MAPPER.valueToTree(java.util.List.of(
                java.util.Map.of("name", "Replicas", "type", "integer", "format", "int32", "jsonPath", ".spec.replicas"),
                java.util.Map.of("name", "Ready", "type", "string", "description", "Whether it serves",
                        "jsonPath", ".status.conditions[?(@.type==\"Ready\")].status"),
                java.util.Map.of("name", "Started", "type", "date", "priority", 1, "jsonPath", ".status.startTime"))));
        assertThat(printer.columns()).containsExactly(Column.nameColumn(),
                new Column("Replicas", "integer", "int32", "Custom resource definition column (in JSONPath format): .spec.replicas", 0),
                new Column("Ready", "string", "", "Whether it serves", 0),
                new Column("Started", "date", "", "Custom resource definition column (in JSONPath format): .status.startTime", 1));
        assertThat(printer.cells(WIDGET, NOW).toString()).isEqualTo("[\"w1\",3,\"False\",\"24h\"]");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "integer | .spec.replicas                                         | 3",
            "integer | .spec.ratio                                            | 0",
            "integer | .metadata.name                                         | null",
            "number  | .spec.replicas                                         | 3",
            "number  | .spec.ratio                                            | 0.5",
            "boolean | .spec.paused                                           | true",
            "boolean | .spec.replicas                                         | null",
            "string  | .metadata.labels.app                                   | `\"web\"`",
            "string  | .metadata.labels.app\\.kubernetes\\.io/name              | `\"widget\"`",
            "string  | .metadata.labels['app.kubernetes.io/name']             | `\"widget\"`",
            "string  | .spec.containers[0].name                               | `\"main\"`",
            "string  | .spec.containers[-1].name                              | `\"side\"`",
            "string  | .spec.containers[*].name                               | `\"main\"`",
            "string  | .spec.containers[5].name                               | null",
            "string  | .spec.containers[5]                                    | null",
            "string  | .status.conditions[?(@.type=='Ready')].status          | `\"False\"`",
            "string  | .status.conditions[?(@.type==\"Missing\")].status      | null",
            "string  | .spec.missing                                          | null",
            "string  | .spec.replicas                                         | `\"3\"`",
            "string  | .spec.big                                              | `\"1e+06\"`",
            "string  | .spec.paused                                           | `\"true\"`",
            "string  | .spec.nothing                                          | `\"<no value>\"`",
            "string  | .spec.tags                                             | `\"[\\\"a\\\",\\\"b\\\"]\"`",
            "string  | .spec.limits                                           | `\"{\\\"cpu\\\":2,\\\"memory\\\":\\\"1Gi\\\"}\"`",
            "date    | .metadata.creationTimestamp                            | `\"5m\"`",
            "date    | .metadata.name                                         | `\"<invalid>\"`",
            "date    | .spec.replicas                                         | null",
    })
    void cellsAreTypedAsKubeTypesThem(String type, String jsonPath, String cellJson) {
        CustomResourceColumns printer = new CustomResourceColumns(Json.MAPPER.createArrayNode()
                .add(Json.object().put("name", "C").put("type", type).put("jsonPath", jsonPath)));
        assertThat(printer.cells(WIDGET, NOW).get(1).toString()).isEqualTo(cellJson);
    }

    @Test
    void aPathKubeCannotParseDropsItsColumnAndTheRest() {
        CustomResourceColumns printer = new CustomResourceColumns(Json.MAPPER.createArrayNode()
                .add(Json.object().put("name", "A").put("type", "integer").put("jsonPath", ".spec.replicas"))
                .add(Json.object().put("name", "B").put("type", "string").put("jsonPath", ".spec.containers[0"))
                .add(Json.object().put("name", "C").put("type", "string").put("jsonPath", ".spec.paused")));
        assertThat(printer.columns()).extracting(Column::name).containsExactly("Name", "A");
        assertThat(printer.cells(WIDGET, NOW).toString()).isEqualTo("[\"w1\",3]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            ".spec.replicas                                | $['spec']['replicas']",
            ".metadata.labels.app\\.kubernetes\\.io/name    | $['metadata']['labels']['app.kubernetes.io/name']",
            ".status.conditions[?(@.type==\"Ready\")].status | $['status']['conditions'][?(@.type==\"Ready\")]['status']",
            ".spec.containers[*].name                      | $['spec']['containers'][*]['name']",
            "..name                                        | $..['name']",
            ".spec.*                                       | $['spec'][*]",
    })
    void kubePathsBecomeJaywayPaths(String kube, String jayway) {
        assertThat(KubeJsonPath.toJayway(kube)).isEqualTo(jayway);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0.5        | 0.5",
            "3.0        | 3",
            "123456.0   | 123456",
            "1234567.0  | 1.234567e+06",
            "0.0001     | 0.0001",
            "0.00001    | 1e-05",
            "-2.5e-7    | -2.5e-07",
    })
    void floatsPrintAsGoPrintsThem(double value, String printed) {
        assertThat(JsonPathText.fmtFloat(value)).isEqualTo(printed);
    }
}
