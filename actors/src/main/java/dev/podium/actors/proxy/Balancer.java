package dev.podium.actors.proxy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The userspace proxy's choice of endpoint: round robin (the original kube-proxy userspace mode),
 * or with ClientIP affinity the endpoint a client had while its timeout has not run out and the
 * endpoint is still there.
 */
final class Balancer {
    private record Pin(ProxiedPort.Backend backend, long until) {}

    private final Clock clock;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, Pin> pins = new ConcurrentHashMap<>();
    private volatile List<ProxiedPort.Backend> backends;
    private volatile int affinitySeconds;

    Balancer(Clock clock, List<ProxiedPort.Backend> backends, int affinitySeconds) {
        this.clock = clock;
        update(backends, affinitySeconds);
    }

    void update(List<ProxiedPort.Backend> backends, int affinitySeconds) {
        this.backends = List.copyOf(backends);
        this.affinitySeconds = affinitySeconds;
    }

    /** An endpoint for a new connection from {@code clientIp}; null when there is none. */
    ProxiedPort.Backend pick(String clientIp) {
        List<ProxiedPort.Backend> now = backends;
        if (now.isEmpty()) return null;
        long millis = clock.millis();
        if (affinitySeconds > 0) {
            Pin pin = pins.get(clientIp);
            if (pin != null && pin.until() > millis && now.contains(pin.backend())) {
                pins.put(clientIp, new Pin(pin.backend(), millis + affinitySeconds * 1000L));
                return pin.backend();
            }
        }
        ProxiedPort.Backend chosen = now.get(Math.floorMod(next.getAndIncrement(), now.size()));
        if (affinitySeconds > 0) {
            if (pins.size() > 100_000) pins.values().removeIf(p -> p.until() <= millis);
            pins.put(clientIp, new Pin(chosen, millis + affinitySeconds * 1000L));
        }
        return chosen;
    }
}
