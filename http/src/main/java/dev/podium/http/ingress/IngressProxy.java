package dev.podium.http.ingress;

import dev.podium.model.network.IngressBackend;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.settings.ConnectionPoolSettings;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.http.javadsl.model.headers.Cookie;
import org.apache.pekko.http.javadsl.model.headers.Host;
import org.apache.pekko.http.javadsl.model.headers.HttpCookie;
import org.apache.pekko.http.javadsl.model.headers.HttpCookiePair;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.headers.SetCookie;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The L7 proxy of Podium's ingress controller: a request goes to the backend its Host and path
 * pick ({@link dev.podium.model.network.IngressRouting}), straight to one of that Service's ready
 * endpoints, with X-Forwarded-For/-Proto/-Host and X-Real-IP added; 404 when no rule matches, 503
 * when the backend has no ready endpoint, 502 when the endpoint does not answer. WebSocket
 * upgrades are relayed to the endpoint as WebSockets.
 */
final class IngressProxy {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
            "transfer-encoding", "upgrade", "timeout-access", "remote-address", "x-real-ip");

    private final Http http;
    private final ConnectionPoolSettings pool;
    private final LoggingAdapter log;
    private final IngressTable table;
    private final IngressBackends backends;

    IngressProxy(ActorSystem<?> system, IngressTable table, IngressBackends backends) {
        this.http = Http.get(system);
        // Pekko's default of 4 connections per endpoint would queue a busy backend's requests behind each other
        this.pool = ConnectionPoolSettings.create(Adapter.toClassic(system)).withMaxConnections(64).withMaxOpenRequests(1024);
        this.log = Logging.getLogger(Adapter.toClassic(system), IngressProxy.class);
        this.table = table;
        this.backends = backends;
    }

    CompletionStage<HttpResponse> handle(HttpRequest request, boolean tls) {
        String host = request.getHeader(Host.class).map(h -> h.host().address()).orElse(request.getUri().host().address());
        String path = request.getUri().path();
        Optional<IngressBackend> route = table.routing().route(host, path);
        if (route.isEmpty()) return text(StatusCodes.NOT_FOUND, "404 page not found: no Ingress rule matches " + host + path + "\n");
        IngressBackend backend = route.get();
        Optional<String> cookie = backend.affinity().sticky() ? cookie(request, backend.affinity().cookieName()) : Optional.empty();
        Optional<IngressBackends.Pick> pick = backends.pick(backend, cookie);
        if (pick.isEmpty()) {
            return text(StatusCodes.SERVICE_UNAVAILABLE, "503 Service Unavailable: Service " + backend.namespace() + "/" + backend.serviceName()
                    + " has no ready endpoint for this Ingress\n");
        }
        String target = pick.get().backend().toString();
        String pathAndQuery = request.getUri().toRelative().toString();
        var upgrade = request.getAttribute(AttributeKeys.webSocketUpgrade);
        if (upgrade.isPresent()) {
            return CompletableFuture.completedFuture(upgrade.get().handleMessagesWith(
                    http.webSocketClientFlow(WebSocketRequest.create("ws://" + target + pathAndQuery))));
        }
        HttpRequest forwarded = request.withUri(Uri.create("http://" + target + pathAndQuery)).withHeaders(forwardedHeaders(request, host, tls));
        return http.singleRequest(forwarded, http.defaultClientHttpsContext(), pool, log).handle((response, failure) -> {
            if (failure != null) {
                return HttpResponse.create().withStatus(StatusCodes.BAD_GATEWAY).withEntity("502 Bad Gateway: " + target + " did not answer\n");
            }
            if (pick.get().newCookie().isEmpty()) return response;
            HttpCookie c = HttpCookie.create(backend.affinity().cookieName(), pick.get().newCookie().get())
                    .withPath(backend.affinity().cookiePath().orElse("/")).withHttpOnly(true);
            if (backend.affinity().maxAgeSeconds().isPresent()) c = c.withMaxAge(backend.affinity().maxAgeSeconds().getAsLong());
            return response.addHeader(SetCookie.create(c));
        });
    }

    private static List<HttpHeader> forwardedHeaders(HttpRequest request, String host, boolean tls) {
        List<HttpHeader> headers = new ArrayList<>();
        String forwardedFor = "";
        for (HttpHeader h : request.getHeaders()) {
            String name = h.lowercaseName();
            if (name.equals("x-forwarded-for")) forwardedFor = h.value() + ", ";
            else if (!HOP_BY_HOP.contains(name) && !name.startsWith("x-forwarded-")) headers.add(h);
        }
        String client = request.getAttribute(AttributeKeys.remoteAddress).flatMap(a -> a.getAddress()).map(a -> a.getHostAddress()).orElse("");
        if (!client.isEmpty()) {
            headers.add(RawHeader.create("X-Forwarded-For", forwardedFor + client));
            headers.add(RawHeader.create("X-Real-IP", client));
        }
        headers.add(RawHeader.create("X-Forwarded-Proto", tls ? "https" : "http"));
        headers.add(RawHeader.create("X-Forwarded-Host", host.toLowerCase(Locale.ROOT)));
        return headers;
    }

    private static Optional<String> cookie(HttpRequest request, String name) {
        for (HttpHeader h : request.getHeaders()) {
            if (!(h instanceof Cookie c)) continue;
            for (HttpCookiePair pair : c.getCookies()) if (pair.name().equals(name)) return Optional.of(pair.value());
        }
        return Optional.empty();
    }

    private static CompletionStage<HttpResponse> text(org.apache.pekko.http.javadsl.model.StatusCode status, String body) {
        return CompletableFuture.completedFuture(HttpResponse.create().withStatus(status).withEntity(body));
    }
}
