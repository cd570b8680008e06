package dev.podium.actors.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The node proxy of the host's (process) node: keeps the host's Service forwarding equal to what
 * {@link ProxyTable} makes of the member's watch cache. The cache tells it when a Service,
 * EndpointSlice or Endpoints object changes ({@link #follow}); changes that arrive together are
 * programmed together, a few milliseconds after the first, and a resync every
 * {@code resync} repairs whatever a failed run left.
 */
public final class ServiceProxy {
    private static final Logger log = LoggerFactory.getLogger(ServiceProxy.class);
    static final String SERVICE = "Service";
    static final String SLICE = "EndpointSlice.discovery.k8s.io";
    static final String ENDPOINTS = "Endpoints";
    private static final Duration COALESCE = Duration.ofMillis(5);

    public sealed interface Command {}

    /** Something the proxy forwards changed. */
    public enum Changed implements Command { INSTANCE }

    private enum Sync implements Command { INSTANCE }

    private enum Resync implements Command { INSTANCE }

    private ServiceProxy() {}

    /** Has the cache tell the proxy of every change it programs from; called once per member. */
    public static void follow(WatchCache cache, ActorRef<Command> proxy) {
        for (String kind : List.of(SERVICE, SLICE, ENDPOINTS)) cache.onApplied(kind, e -> proxy.tell(Changed.INSTANCE));
    }

    /** {@code backend} is made when the actor starts (and again after a failure), and closed when it stops. */
    public static Behavior<Command> create(WatchCache cache, String nodeName, Supplier<ProxyBackend> backend, Duration resync) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            ProxyBackend programmed = backend.get();
            log.info("node proxy for {}: {} mode", nodeName, programmed.mode());
            timers.startTimerWithFixedDelay("resync", Resync.INSTANCE, resync);
            ctx.getSelf().tell(Sync.INSTANCE);
            return Behaviors.receive(Command.class)
                    .onMessageEquals(Changed.INSTANCE, () -> {
                        if (!timers.isTimerActive("coalesce")) timers.startSingleTimer("coalesce", Sync.INSTANCE, COALESCE);
                        return Behaviors.same();
                    })
                    .onMessageEquals(Sync.INSTANCE, () -> {
                        programmed.program(ProxyTable.ports(services(cache), nodeName));
                        return Behaviors.same();
                    })
                    .onMessageEquals(Resync.INSTANCE, () -> {
                        programmed.repair();
                        programmed.program(ProxyTable.ports(services(cache), nodeName));
                        return Behaviors.same();
                    })
                    .onSignal(PostStop.class, s -> {
                        programmed.close();
                        return Behaviors.same();
                    })
                    .onSignal(PreRestart.class, s -> {
                        programmed.close();
                        return Behaviors.same();
                    })
                    .build();
        }));
    }

    /** Every Service with its slices (by the kubernetes.io/service-name label) and Endpoints, from the cache. */
    static List<ProxyTable.ServiceState> services(WatchCache cache) {
        Map<String, List<JsonNode>> slices = new HashMap<>();
        for (CachedObject s : cache.list(SLICE, null, o -> true, 0, null).items()) {
            String service = s.object().path("metadata").path("labels").path("kubernetes.io/service-name").asText("");
            if (!service.isEmpty()) slices.computeIfAbsent(namespaceOf(s.key()) + "/" + service, k -> new ArrayList<>()).add(s.object());
        }
        List<ProxyTable.ServiceState> out = new ArrayList<>();
        for (CachedObject svc : cache.list(SERVICE, null, o -> true, 0, null).items()) {
            JsonNode endpoints = cache.get(ENDPOINTS, svc.key()).map(CachedObject::object).orElse(null);
            out.add(new ProxyTable.ServiceState(svc.object(), slices.getOrDefault(svc.key(), List.of()), endpoints));
        }
        return out;
    }

    /** One Service with its endpoints, from the cache; empty when the cache has no such Service. */
    public static java.util.Optional<ProxyTable.ServiceState> service(WatchCache cache, String namespace, String name) {
        return cache.get(SERVICE, namespace + "/" + name).map(svc -> {
            List<JsonNode> slices = cache.list(SLICE, namespace, o -> name.equals(o.path("metadata").path("labels").path("kubernetes.io/service-name").asText()),
                    0, null).items().stream().map(c -> (JsonNode) c.object()).toList();
            JsonNode endpoints = cache.get(ENDPOINTS, svc.key()).map(CachedObject::object).orElse(null);
            return new ProxyTable.ServiceState(svc.object(), slices, endpoints);
        });
    }

    private static String namespaceOf(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? "" : key.substring(0, slash);
    }

    /** The backend for a mode: auto picks nftables where it loads, else userspace. */
    public static Supplier<ProxyBackend> backend(ProxyMode mode, org.apache.pekko.actor.typed.ActorSystem<?> system, java.time.Clock clock,
                                                 String table, String serviceCidr) {
        return () -> switch (mode) {
            case NFTABLES -> new NftablesBackend(table, serviceCidr);
            case USERSPACE -> new UserspaceBackend(system, clock, serviceCidr);
            case AUTO -> NftablesBackend.usable(table) ? new NftablesBackend(table, serviceCidr) : new UserspaceBackend(system, clock, serviceCidr);
            case NONE -> throw new IllegalArgumentException("no node proxy in mode none");
        };
    }
}
