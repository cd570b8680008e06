package dev.podium.http.aggregation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.StreamConverters;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Requests for a group-version an APIService gives to an extension server go there unchanged
 * (method, path, query, body, content negotiation) and its answer comes back, streamed, so
 * watches work too. An unreachable server is kube's 503.
 */
public final class AggregationProxy {
    private static final List<String> FORWARDED = List.of("Accept", "Content-Type");
    private final WatchCache cache;
    private final ExtensionApis apis;
    private final Materializer mat;

    public AggregationProxy(WatchCache cache, ExtensionApis apis, Materializer mat) {
        this.cache = cache;
        this.apis = apis;
        this.mat = mat;
    }

    /** {@code error} renders an ApiError as the API's Status response. */
    public CompletionStage<HttpResponse> forward(HttpRequest request, ObjectNode apiService, Function<ApiError, HttpResponse> error) {
        ExtensionServer server = ExtensionServer.resolve(cache, apiService);
        if (!server.reachable()) return CompletableFuture.completedFuture(error.apply(unavailable(server.failureMessage())));
        String query = request.getUri().rawQueryString().map(q -> "?" + q).orElse("");
        URI target = server.base().resolve(request.getUri().path() + query);
        return request.entity().toStrict(10_000, mat).thenCompose(body -> {
            try {
                java.net.http.HttpRequest.Builder out = java.net.http.HttpRequest.newBuilder(target)
                        .method(request.method().name(), java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.getData().toArray()));
                for (String h : FORWARDED) request.getHeader(h).ifPresent(v -> out.header(h, v.value()));
                if (request.getHeader("Content-Type").isEmpty() && !body.getData().isEmpty()) out.header("Content-Type", body.getContentType().toString());
                return apis.client(apiService).sendAsync(out.build(), BodyHandlers.ofInputStream()).thenApply(this::back);
            } catch (Exception e) {
                return CompletableFuture.completedFuture(error.apply(unavailable(e.getMessage())));
            }
        }).exceptionally(t -> error.apply(unavailable((t.getCause() == null ? t : t.getCause()).getMessage())));
    }

    private HttpResponse back(java.net.http.HttpResponse<InputStream> r) {
        ContentType type = r.headers().firstValue("Content-Type").map(AggregationProxy::contentType).orElse(ContentTypes.APPLICATION_JSON);
        return HttpResponse.create().withStatus(r.statusCode())
                .withEntity(HttpEntities.create(type, StreamConverters.fromInputStream(r::body)));
    }

    private static ContentType contentType(String header) {
        try {
            return ContentTypes.parse(header);
        } catch (RuntimeException e) {
            return ContentTypes.APPLICATION_OCTET_STREAM;
        }
    }

    private static ApiError unavailable(String why) {
        return new ApiError(503, "ServiceUnavailable", "the extension API server is unavailable: " + why, null);
    }
}
