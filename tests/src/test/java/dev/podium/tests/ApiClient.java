package dev.podium.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON requests to one Podium API server, for tests that talk to several of them. */
record ApiClient(String url, HttpClient http) {
    static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int code, JsonNode body) {
        String rv() {
            return body.path("metadata").path("resourceVersion").asText();
        }
    }

    static ApiClient of(String url) {
        return new ApiClient(url, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
    }

    /** Over TLS: {@code tls} trusts the server and presents the client's certificate. */
    static ApiClient of(String url, javax.net.ssl.SSLContext tls) {
        return new ApiClient(url, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).sslContext(tls).build());
    }

    /** The member's {@code /readyz?verbose} text: its checks and its cluster view. */
    String readyzVerbose() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/readyz?verbose")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    Reply get(String path) throws Exception {
        return send("GET", path, null, null, Duration.ofSeconds(10));
    }

    Reply post(String path, String json) throws Exception {
        return send("POST", path, "application/json", json, Duration.ofSeconds(30));
    }

    Reply put(String path, String json) throws Exception {
        return send("PUT", path, "application/json", json, Duration.ofSeconds(30));
    }

    Reply delete(String path) throws Exception {
        return send("DELETE", path, null, null, Duration.ofSeconds(30));
    }

    Reply patch(String path, String mergePatch) throws Exception {
        return send("PATCH", path, "application/merge-patch+json", mergePatch, Duration.ofSeconds(30));
    }

    Reply send(String method, String path, String contentType, String body, Duration timeout) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) b.header("Content-Type", contentType);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        String text = r.body();
        return new Reply(r.statusCode(), text.isBlank() || !text.trim().startsWith("{") ? JSON.createObjectNode() : JSON.readTree(text));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
