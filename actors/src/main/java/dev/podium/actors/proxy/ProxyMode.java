package dev.podium.actors.proxy;

import java.util.Locale;

/** How the node proxy makes Services answer on this host (`podium.proxy.mode`). */
public enum ProxyMode {
    /** nftables where the host allows it (root, nft), else userspace. */
    AUTO,
    NFTABLES,
    USERSPACE,
    /** No proxying on this host (tests that run several members on one machine). */
    NONE;

    public static ProxyMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the proxy mode must be auto, nftables, userspace or none, not \"" + text + "\"");
        }
    }
}
