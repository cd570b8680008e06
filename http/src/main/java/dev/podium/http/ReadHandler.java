package dev.podium.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.table.TableConverter;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.ListResult;
import dev.podium.persistence.watch.WatchCache;
import dev.podium.persistence.watch.WatchEvent;
import dev.podium.persistence.watch.WatchFilter;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/** GET, LIST and WATCH, all served from the local watch cache. */
final class ReadHandler {
    private static final long WAIT_FOR_VERSION_MILLIS = 5_000;
    private final WatchCache cache;
    private final Materializer mat;
    private final Clock clock;

    ReadHandler(WatchCache cache, Materializer mat, Clock clock) {
        this.cache = cache;
        this.mat = mat;
        this.clock = clock;
    }

    CompletionStage<HttpResponse> get(ApiRequest req) {
        return atLeast(req).thenApply(v -> {
            CachedObject found = cache.get(req.kind().entityTypeName(), req.key())
                    .orElseThrow(() -> new ApiException(ApiError.notFound(req.kind().group(), req.kind().plural(), req.path().name())));
            if (req.wantsTable()) {
                return Responses.json(200, TableConverter.toTable(req.kind(), List.of(ServedVersion.of(req.kind(), found.object())), clock.instant(), true,
                        includeObject(req), Long.toString(found.resourceVersion()), null));
            }
            return Responses.ok(ServedVersion.of(req.kind(), found.object()), req.wantsYaml());
        });
    }

    CompletionStage<HttpResponse> list(ApiRequest req) {
        if (req.flag("watch")) return watch(req);
        return atLeast(req).thenApply(v -> {
            Selection selected = Selection.of(req);
            int limit = parseLimit(req.param("limit"));
            String cont = req.param("continue");
            String after = cont == null || cont.isEmpty() ? null : ContinueToken.decode(cont).lastKey();
            ListResult page = cache.list(req.kind().entityTypeName(), req.namespace(), selected.indexes(), selected.predicate(), limit, after);
            String rv = Long.toString(page.resourceVersion());
            String next = page.continueAfter() == null ? null : new ContinueToken(page.resourceVersion(), page.continueAfter()).encode();
            List<ObjectNode> objects = page.items().stream().map(o -> ServedVersion.of(req.kind(), o.object())).toList();
            if (req.wantsTable()) {
                return Responses.json(200, TableConverter.toTable(req.kind(), objects, clock.instant(), true, includeObject(req), rv, next));
            }
            ObjectNode list = Json.object();
            list.put("kind", req.kind().kind() + "List");
            list.put("apiVersion", req.kind().apiVersion());
            ObjectNode meta = list.putObject("metadata");
            meta.put("resourceVersion", rv);
            if (next != null) {
                meta.put("continue", next);
                meta.put("remainingItemCount", page.remaining());
            }
            ArrayNode items = list.putArray("items");
            objects.forEach(items::add);
            return Responses.ok(list, req.wantsYaml());
        });
    }

    private CompletionStage<HttpResponse> watch(ApiRequest req) {
        String rvParam = req.param("resourceVersion");
        long from = rvParam == null || rvParam.isEmpty() || rvParam.equals("0") ? -1 : parseVersion(rvParam);
        CompletionStage<Long> reached = from > 0 ? cache.awaitResourceVersion(from, WAIT_FOR_VERSION_MILLIS) : CompletableFuture.completedFuture(0L);
        return reached.exceptionally(t -> {
            throw new ApiException(ApiError.timeout("Too large resource version: " + from + ", current: " + cache.currentResourceVersion()));
        }).thenApply(v -> {
            String timeout = req.param("timeoutSeconds");
            Duration limit;
            try {
                limit = timeout == null || timeout.isEmpty() ? Duration.ofMinutes(30) : Duration.ofSeconds(Math.max(1, Long.parseLong(timeout)));
            } catch (NumberFormatException e) {
                throw new ApiException(ApiError.badRequest("timeoutSeconds must be a whole number of seconds, not \"" + timeout + "\""));
            }
            WatchFilter filter = new WatchFilter(req.kind().entityTypeName(), req.namespace(), Selection.of(req).predicate());
            Source<WatchEvent, NotUsed> events;
            try {
                events = cache.watch(filter, from, req.flag("allowWatchBookmarks"), 10_000, mat);
            } catch (WatchCache.TooOldResourceVersion e) {
                return Responses.json(200, Json.MAPPER.createObjectNode().put("type", "ERROR")
                        .set("object", Responses.status(ApiError.gone(e.getMessage()))));
            }
            boolean table = req.wantsTable();
            AtomicBoolean first = new AtomicBoolean(true);
            Source<ByteString, NotUsed> body = events.takeWithin(limit)
                    .map(e -> ByteString.fromArray(Json.bytes(render(req.kind(), e, table, first, includeObject(req))))
                            .concat(ByteString.fromString("\n")));
            var upgrade = req.http().getAttribute(AttributeKeys.webSocketUpgrade);
            if (upgrade.isPresent()) {
                // fabric8 watches over a WebSocket first; each event is one text frame.
                return upgrade.get().handleMessagesWith(Sink.<Message>ignore(), body.map(b -> (Message) TextMessage.create(b.utf8String())));
            }
            return HttpResponse.create().withStatus(200).withEntity(HttpEntities.createChunked(Responses.JSON, body));
        });
    }

    private ObjectNode render(ResourceKind kind, WatchEvent e, boolean table, AtomicBoolean first, String includeObject) {
        ObjectNode out = Json.object();
        out.put("type", e.type().name());
        if (e.type() == WatchEvent.Type.BOOKMARK) {
            ObjectNode bm = out.putObject("object");
            bm.put("kind", kind.kind());
            bm.put("apiVersion", kind.apiVersion());
            bm.putObject("metadata").put("resourceVersion", Long.toString(e.resourceVersion()));
            return out;
        }
        if (table) {
            out.set("object", TableConverter.toTable(kind, List.of(ServedVersion.of(kind, e.object())), clock.instant(), first.getAndSet(false),
                    includeObject, Long.toString(e.resourceVersion()), null));
        } else {
            out.set("object", ServedVersion.of(kind, e.object()));
        }
        return out;
    }

    /** A read naming a resourceVersion newer than the cache waits for the cache, so no client goes back in time. */
    private CompletionStage<Long> atLeast(ApiRequest req) {
        String rv = req.param("resourceVersion");
        if (rv == null || rv.isEmpty() || rv.equals("0")) return CompletableFuture.completedFuture(cache.currentResourceVersion());
        long wanted = parseVersion(rv);
        return cache.awaitResourceVersion(wanted, WAIT_FOR_VERSION_MILLIS).exceptionally(t -> {
            throw new ApiException(ApiError.timeout("Too large resource version: " + wanted + ", current: " + cache.currentResourceVersion()));
        });
    }

    static long parseVersion(String rv) {
        try {
            return Long.parseLong(rv);
        } catch (NumberFormatException e) {
            throw new ApiException(ApiError.badRequest("invalid resource version \"" + rv + "\": it must be a number returned by the server"));
        }
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isEmpty()) return 0;
        try {
            return Math.max(0, Integer.parseInt(limit));
        } catch (NumberFormatException e) {
            throw new ApiException(ApiError.badRequest("invalid limit \"" + limit + "\": it must be a whole number"));
        }
    }

    private static String includeObject(ApiRequest req) {
        String v = req.param("includeObject");
        return v == null ? "Metadata" : v;
    }
}
