package dev.podium.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST API at the HTTP level: Status errors, tables, discovery, watches. */
class HttpApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static TestNode node;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.startH2();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        send("POST", "/api/v1/namespaces", "application/json", "{\"metadata\":{\"name\":\"h\"}}");
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    static HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url() + path)).timeout(Duration.ofSeconds(20));
        if (contentType != null) b.header("Content-Type", contentType);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(node.url() + path)).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode status(HttpResponse<String> r, int code, String reason) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(code);
        JsonNode s = JSON.readTree(r.body());
        assertThat(s.path("kind").asText()).isEqualTo("Status");
        assertThat(s.path("reason").asText()).isEqualTo(reason);
        assertThat(s.path("code").asInt()).isEqualTo(code);
        return s;
    }

    @Test
    void malformedJsonIs400AndNothingIsStored() throws Exception {
        status(send("POST", "/api/v1/namespaces/h/configmaps", "application/json", "{\"metadata\": {\"name\": \"broken\""), 400, "BadRequest");
        status(get("/api/v1/namespaces/h/configmaps/broken", "application/json"), 404, "NotFound");
    }

    @Test
    void yamlBodiesAreAccepted() throws Exception {
        var r = send("POST", "/api/v1/namespaces/h/configmaps", "application/yaml", "metadata:\n  name: from-yaml\ndata:\n  k: v\n");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    @Test
    void unknownPathsAre404AndWrongMethodsAre405() throws Exception {
        status(get("/api/v1/widgets", "application/json"), 404, "NotFound");
        status(send("PUT", "/api/v1/namespaces/h/configmaps", "application/json", "{}"), 405, "MethodNotAllowed");
    }

    @Test
    void duplicateCreateIs409AlreadyExists() throws Exception {
        String cm = "{\"metadata\":{\"name\":\"dup\"}}";
        assertThat(send("POST", "/api/v1/namespaces/h/configmaps", "application/json", cm).statusCode()).isEqualTo(201);
        JsonNode s = status(send("POST", "/api/v1/namespaces/h/configmaps", "application/json", cm), 409, "AlreadyExists");
        assertThat(s.path("message").asText()).isEqualTo("configmaps \"dup\" already exists");
    }

    @Test
    void oversizedBodiesAre413() throws Exception {
        String big = "{\"metadata\":{\"name\":\"big\"},\"data\":{\"k\":\"" + "x".repeat(3 * 1024 * 1024 + 10) + "\"}}";
        status(send("POST", "/api/v1/namespaces/h/configmaps", "application/json", big), 413, "RequestEntityTooLarge");
    }

    @Test
    void dataOverOneMebibyteIs422() throws Exception {
        String big = "{\"metadata\":{\"name\":\"toobig\"},\"data\":{\"k\":\"" + "x".repeat(1024 * 1024 + 1) + "\"}}";
        JsonNode s = status(send("POST", "/api/v1/namespaces/h/configmaps", "application/json", big), 422, "Invalid");
        assertThat(s.path("message").asText()).contains("Too long", "1048576 bytes");
        status(get("/api/v1/namespaces/h/configmaps/toobig", "application/json"), 404, "NotFound");
    }

    @Test
    void unsupportedContentTypeIs415() throws Exception {
        status(send("POST", "/api/v1/namespaces/h/configmaps", "application/xml", "<cm/>"), 415, "UnsupportedMediaType");
    }

    @Test
    void invalidObjectIs422WithCauses() throws Exception {
        JsonNode s = status(send("POST", "/api/v1/namespaces/h/pods", "application/json",
                "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"c\"}]}}"), 422, "Invalid");
        assertThat(s.at("/details/causes/0/field").asText()).isEqualTo("spec.containers[0].image");
    }

    @Test
    void createInMissingNamespaceIs404() throws Exception {
        JsonNode s = status(send("POST", "/api/v1/namespaces/nowhere/configmaps", "application/json", "{\"metadata\":{\"name\":\"x\"}}"), 404, "NotFound");
        assertThat(s.path("message").asText()).isEqualTo("namespaces \"nowhere\" not found");
    }

    @Test
    void dryRunStoresNothing() throws Exception {
        var r = send("POST", "/api/v1/namespaces/h/configmaps?dryRun=All", "application/json", "{\"metadata\":{\"name\":\"dry\"}}");
        assertThat(r.statusCode()).isEqualTo(201);
        status(get("/api/v1/namespaces/h/configmaps/dry", "application/json"), 404, "NotFound");
    }

    @Test
    void tablesCarryKubectlColumns() throws Exception {
        var r = get("/api/v1/namespaces", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        JsonNode t = JSON.readTree(r.body());
        assertThat(t.path("kind").asText()).isEqualTo("Table");
        assertThat(t.path("columnDefinitions").findValuesAsText("name")).startsWith("Name", "Status", "Age");
        assertThat(t.path("rows").get(0).path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
    }

    @Test
    void aggregatedDiscoveryHasItsExactContentType() throws Exception {
        var r = get("/api", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("g=apidiscovery.k8s.io", "v=v2", "as=APIGroupDiscoveryList");
        assertThat(JSON.readTree(r.body()).path("kind").asText()).isEqualTo("APIGroupDiscoveryList");
        var legacy = get("/api", "application/json");
        assertThat(JSON.readTree(legacy.body()).path("versions").get(0).asText()).isEqualTo("v1");
        assertThat(JSON.readTree(get("/api/v1", "application/json").body()).path("resources").findValuesAsText("name")).contains("pods", "pods/status", "configmaps");
    }

    @Test
    void watchFromAnOldVersionDeliversLaterChangesInOrder() throws Exception {
        var created = JSON.readTree(send("POST", "/api/v1/namespaces/h/configmaps", "application/json", "{\"metadata\":{\"name\":\"w1\"}}").body());
        String rv = created.at("/metadata/resourceVersion").asText();
        send("POST", "/api/v1/namespaces/h/configmaps", "application/json", "{\"metadata\":{\"name\":\"w2\"}}");
        send("DELETE", "/api/v1/namespaces/h/configmaps/w1", null, null);
        var req = HttpRequest.newBuilder(URI.create(node.url() + "/api/v1/namespaces/h/configmaps?watch=true&timeoutSeconds=2&resourceVersion=" + rv)).build();
        var resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (var reader = new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
            JsonNode first = JSON.readTree(reader.readLine());
            JsonNode second = JSON.readTree(reader.readLine());
            assertThat(first.path("type").asText() + " " + first.at("/object/metadata/name").asText()).isEqualTo("ADDED w2");
            assertThat(second.path("type").asText() + " " + second.at("/object/metadata/name").asText()).isEqualTo("DELETED w1");
            assertThat(second.at("/object/metadata/resourceVersion").asLong()).isGreaterThan(first.at("/object/metadata/resourceVersion").asLong());
        }
    }

    @Test
    void labelSelectorSyntaxErrorsAre400() throws Exception {
        status(get("/api/v1/namespaces/h/configmaps?labelSelector=a%20in%20(", "application/json"), 400, "BadRequest");
        status(get("/api/v1/namespaces/h/configmaps?fieldSelector=spec.unknown%3Dx", "application/json"), 400, "BadRequest");
    }

    @Test
    void execIntoAMissingPodIsNotFoundAndWithoutAWebSocketUpgradeIsABadRequest() throws Exception {
        status(send("POST", "/api/v1/namespaces/h/pods/any/exec?command=ls", null, null), 404, "NotFound");
        send("POST", "/api/v1/namespaces", "application/json", "{\"metadata\":{\"name\":\"h\"}}");
        send("POST", "/api/v1/namespaces/h/pods", "application/json",
                "{\"metadata\":{\"name\":\"idle\"},\"spec\":{\"nodeName\":\"elsewhere\",\"containers\":[{\"name\":\"c\",\"image\":\"x\"}]}}");
        JsonNode s = status(send("POST", "/api/v1/namespaces/h/pods/idle/exec?command=ls", null, null), 400, "BadRequest");
        assertThat(s.path("message").asText()).isEqualTo("Upgrade request required");
    }

    @Test
    void readyzVerboseShowsTheObjectStoresLoad() throws Exception {
        HttpResponse<String> r = send("GET", "/readyz?verbose", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("[+]object-store ok").containsPattern("API requests: \\d+ in flight, \\d+ waiting")
                .containsPattern("node heartbeats \\(Node and Lease writes\\): \\d+ in flight, \\d+ waiting")
                .containsPattern("node agents' pod writes: \\d+ in flight, \\d+ waiting")
                .containsPattern("controllers and scheduler: \\d+ in flight, \\d+ waiting")
                .contains("[+]poststarthook/system-objects ok").contains("[+]journal ok").containsPattern("\\d+ writes waiting for the journal").contains("no write failed by the journal");
    }
}
