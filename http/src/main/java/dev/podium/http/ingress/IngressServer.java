package dev.podium.http.ingress;

import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Podium's ingress controller on one member: the HTTP and HTTPS listeners of {@link IngressProxy}
 * on every address of the host. A port that cannot be bound (taken, or below 1024 without root)
 * falls back to the given alternative (80 → 8080, 443 → 8443), and the log says which answer.
 */
public final class IngressServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngressServer.class);
    private final ServerBinding http;
    private final ServerBinding https;

    private IngressServer(ServerBinding http, ServerBinding https) {
        this.http = http;
        this.https = https;
    }

    /** Ports: each list is tried in order (0 picks a free port). */
    public static IngressServer start(ActorSystem<?> system, WatchCache cache, String address, List<Integer> httpPorts, List<Integer> httpsPorts)
            throws Exception {
        IngressTable table = new IngressTable(cache);
        IngressProxy proxy = new IngressProxy(system, table, new IngressBackends(cache));
        IngressTls tls = new IngressTls(cache, table);
        ServerBinding plain = bind(system, address, httpPorts, false, proxy, tls).orElse(null);
        ServerBinding secure = bind(system, address, httpsPorts, true, proxy, tls).orElse(null);
        log.info("ingress controller podium.dev/ingress: HTTP on {}, HTTPS on {}",
                plain == null ? "none" : plain.localAddress(), secure == null ? "none" : secure.localAddress());
        return new IngressServer(plain, secure);
    }

    private static Optional<ServerBinding> bind(ActorSystem<?> system, String address, List<Integer> ports, boolean secure, IngressProxy proxy,
                                                IngressTls tls) throws Exception {
        for (int port : ports) {
            var builder = Http.get(system).newServerAt(address, port).adaptSettings(s -> s.withRemoteAddressAttribute(true));
            if (secure) builder = builder.enableHttps(ConnectionContext.httpsServer(tls.context()));
            try {
                org.apache.pekko.japi.function.Function<HttpRequest, CompletionStage<HttpResponse>> handler = request -> proxy.handle(request, secure);
                return Optional.of(builder.bind(handler).toCompletableFuture().get(10, TimeUnit.SECONDS));
            } catch (Exception e) {
                log.info("ingress controller cannot listen on {}:{} ({}){}", address, port, e.getCause() == null ? e.getMessage() : e.getCause().getMessage(),
                        port == ports.get(ports.size() - 1) ? "" : ", trying the next port");
            }
        }
        return Optional.empty();
    }

    /** The bound HTTP port, or -1. */
    public int httpPort() {
        return http == null ? -1 : http.localAddress().getPort();
    }

    /** The bound HTTPS port, or -1. */
    public int httpsPort() {
        return https == null ? -1 : https.localAddress().getPort();
    }

    @Override
    public void close() {
        for (ServerBinding b : new ServerBinding[] {http, https}) {
            if (b == null) continue;
            try {
                b.unbind().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // already gone with the actor system
            }
        }
    }
}
