package dev.podium.launcher;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import org.apache.pekko.actor.Address;

import java.util.List;
import java.util.Map;

/**
 * Where this JVM listens for cluster traffic and which members it joins through. No seeds: it
 * forms a cluster of its own. Seeds are {@code HOST:PORT}; a JVM that is itself the first seed
 * forms the cluster when no other seed answers, every other one joins.
 */
public record ClusterSettings(String host, int port, List<String> seeds) {
    public static final String SYSTEM_NAME = "podium";

    public ClusterSettings {
        seeds = List.copyOf(seeds);
        for (String seed : seeds) address(seed);
    }

    public static ClusterSettings single() {
        return new ClusterSettings("127.0.0.1", 0, List.of());
    }

    /** True when some seed is another JVM, i.e. this one is (or will be) one member of several. */
    public boolean joinsOthers() {
        return seeds.stream().anyMatch(s -> !s.equals(host + ":" + port));
    }

    public List<Address> seedAddresses() {
        return seeds.stream().map(ClusterSettings::address).toList();
    }

    Config toConfig() {
        return ConfigFactory.parseMap(Map.of(
                "pekko.remote.artery.canonical.hostname", host,
                "pekko.remote.artery.canonical.port", port))
                .withFallback(ConfigFactory.empty().withValue("pekko.cluster.seed-nodes",
                        ConfigValueFactory.fromIterable(seedAddresses().stream().map(Address::toString).toList())));
    }

    static Address address(String seed) {
        int colon = seed.lastIndexOf(':');
        if (colon <= 0 || colon == seed.length() - 1) throw new IllegalArgumentException("--seed expects HOST:PORT, got '" + seed + "'");
        try {
            int p = Integer.parseInt(seed.substring(colon + 1));
            if (p <= 0 || p > 65535) throw new NumberFormatException();
            return new Address("pekko", SYSTEM_NAME, seed.substring(0, colon), p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed expects HOST:PORT with a port from 1 to 65535, got '" + seed + "'");
        }
    }
}
