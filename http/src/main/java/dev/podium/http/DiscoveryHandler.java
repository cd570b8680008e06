package dev.podium.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.discovery.Discovery;
import dev.podium.model.discovery.OpenApi;
import dev.podium.model.json.Json;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/** /version, discovery (legacy and aggregated), OpenAPI and the health endpoints. */
final class DiscoveryHandler {
    private static final Executor OPENAPI_BUILDER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "podium-openapi");
        t.setDaemon(true);
        return t;
    });
    private final WatchCache cache;
    private final List<ReadinessCheck> checks;
    private final ServedDocuments documents;

    DiscoveryHandler(WatchCache cache, List<ReadinessCheck> checks, ServedDocuments documents) {
        this.cache = cache;
        this.checks = checks;
        this.documents = documents;
    }

    /** Returns null when the path is not one of ours, so resource routing takes over. */
    CompletionStage<HttpResponse> handle(HttpRequest request, List<String> s, Map<String, String> query) {
        if (s.size() == 1 && s.get(0).equals("readyz")) return readyz(query.containsKey("verbose"));
        if (s.size() >= 2 && s.get(0).equals("openapi") && s.get(1).equals("v3")) return openApiV3(s);
        HttpResponse r = respond(request, s, query);
        return r == null ? null : CompletableFuture.completedFuture(r);
    }

    /**
     * The OpenAPI v3 documents, built on first use (a second or two of reflection over the model) on a
     * thread of their own: not on the request's dispatcher, nor on the common pool Pekko's futures complete on.
     */
    private CompletionStage<HttpResponse> openApiV3(List<String> s) {
        OpenApi openApi = documents.openApi();
        if (s.size() == 2) return CompletableFuture.supplyAsync(() -> Responses.json(200, openApi.v3Root()), OPENAPI_BUILDER);
        String gv = String.join("/", s.subList(2, s.size()));
        if (!openApi.servesV3(gv)) return null;
        return CompletableFuture.supplyAsync(() -> Responses.json(200, openApi.v3GroupVersion(gv).orElseThrow()), OPENAPI_BUILDER);
    }

    private HttpResponse respond(HttpRequest request, List<String> s, Map<String, String> query) {
        String accept = request.getHeader("Accept").map(h -> h.value()).orElse("");
        boolean aggregated = accept.contains("as=APIGroupDiscoveryList");
        String path = "/" + String.join("/", s);
        Discovery discovery = documents.discovery();
        switch (path) {
            case "/version":
                return Responses.json(200, Discovery.version());
            case "/healthz":
            case "/livez":
                return Responses.text(200, "ok");
            case "/api":
                return aggregated ? aggregatedResponse(discovery.aggregatedLegacy())
                        : Responses.json(200, discovery.apiVersions(request.getUri().host().address() + ":" + request.getUri().port()));
            case "/apis":
                return aggregated ? aggregatedResponse(discovery.aggregatedGroups()) : Responses.json(200, discovery.apiGroupList());
            case "/openapi/v2":
                if (accept.contains("protobuf") && !accept.contains("json")) {
                    return Responses.error(new dev.podium.model.api.ApiError(406, "NotAcceptable",
                            "only application/json is served for /openapi/v2", null));
                }
                return Responses.json(200, documents.openApi().v2());
            default:
                break;
        }
        if (s.size() == 2 && s.get(0).equals("api")) {
            return discovery.resourceList(s.get(1)).map(list -> Responses.json(200, list)).orElse(null);
        }
        if (s.size() == 2 && s.get(0).equals("apis")) {
            return discovery.apiGroup(s.get(1)).map(group -> Responses.json(200, group)).orElse(null);
        }
        if (s.size() == 3 && s.get(0).equals("apis")) {
            return discovery.resourceList(s.get(1) + "/" + s.get(2)).map(list -> Responses.json(200, list)).orElse(null);
        }
        return null;
    }

    private HttpResponse aggregatedResponse(ObjectNode doc) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("g", "apidiscovery.k8s.io");
        params.put("v", "v2");
        params.put("as", "APIGroupDiscoveryList");
        return HttpResponse.create().withStatus(200).withEntity(Responses.jsonWithParams(params), Json.bytes(doc));
    }

    /** The watch cache first, then every other check (the cluster view); ready when all pass. */
    private CompletionStage<HttpResponse> readyz(boolean verbose) {
        List<CompletableFuture<ReadinessCheck.Result>> results = new ArrayList<>();
        results.add(CompletableFuture.completedFuture(watchCache()));
        for (ReadinessCheck c : checks) {
            results.add(c.check(verbose).toCompletableFuture()
                    .exceptionally(e -> new ReadinessCheck.Result(false, List.of("check failed: " + e.getMessage()))));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<String> names = new ArrayList<>(List.of("watch-cache"));
            checks.forEach(c -> names.add(c.name()));
            boolean ready = results.stream().allMatch(r -> r.join().ok());
            if (!verbose) {
                String failed = names.get(firstFailed(results));
                return Responses.text(ready ? 200 : 503, ready ? "ok" : failed + " not ready");
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < results.size(); i++) {
                ReadinessCheck.Result r = results.get(i).join();
                sb.append(r.ok() ? "[+]" : "[-]").append(names.get(i)).append(r.ok() ? " ok" : " failed").append('\n');
                r.details().forEach(line -> sb.append("    ").append(line).append('\n'));
            }
            sb.append(ready ? "readyz check passed\n" : "readyz check failed\n");
            return Responses.text(ready ? 200 : 503, sb.toString());
        });
    }

    private static int firstFailed(List<CompletableFuture<ReadinessCheck.Result>> results) {
        for (int i = 0; i < results.size(); i++) if (!results.get(i).join().ok()) return i;
        return 0;
    }

    private ReadinessCheck.Result watchCache() {
        List<String> details = new ArrayList<>();
        details.add("resourceVersion " + cache.currentResourceVersion() + ", watchers " + cache.watcherCount());
        cache.counts().forEach((k, v) -> details.add(k + ": " + v));
        return new ReadinessCheck.Result(cache.isReady(), details);
    }
}
