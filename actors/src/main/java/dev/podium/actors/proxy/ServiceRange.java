package dev.podium.actors.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Service range on this host: a port-less bridge ({@value #DEVICE}) with a route for the
 * range through it. A packet for a cluster IP that no rule translates goes into that bridge and
 * nowhere else, so Service traffic never follows the default route off the machine; the route
 * (unlike a blackhole route) still lets a local connect() reach the nftables output hook, where
 * the translation happens. The userspace proxy puts the cluster IPs on the bridge as local
 * addresses and listens on them.
 */
final class ServiceRange {
    static final String DEVICE = "podium-svc";
    private static final Logger log = LoggerFactory.getLogger(ServiceRange.class);

    private ServiceRange() {}

    /** True when the range is routed into the bridge (made if missing). */
    static boolean ensure(String cidr) {
        if (!HostCommands.run("ip", "link", "show", DEVICE).ok()) {
            HostCommands.Result made = HostCommands.run("ip", "link", "add", DEVICE, "type", "bridge");
            if (!made.ok() && !HostCommands.run("ip", "link", "show", DEVICE).ok()) {
                log.warn("cannot create the Service range device {}: {}", DEVICE, made.output());
                return false;
            }
        }
        HostCommands.run("ip", "link", "set", DEVICE, "up");
        HostCommands.Result route = HostCommands.run("ip", "route", "replace", cidr, "dev", DEVICE);
        if (!route.ok()) log.warn("cannot route the Service range {} into {}: {}", cidr, DEVICE, route.output());
        return route.ok();
    }

    static boolean addAddress(String ip) {
        HostCommands.Result r = HostCommands.run("ip", "addr", "replace", ip + "/32", "dev", DEVICE);
        if (!r.ok()) log.warn("cannot add {} to {}: {}", ip, DEVICE, r.output());
        return r.ok();
    }

    static void removeAddress(String ip) {
        HostCommands.run("ip", "addr", "del", ip + "/32", "dev", DEVICE);
    }
}
