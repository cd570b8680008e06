package dev.podium.model.network;

import java.util.Locale;

/** Host names as routing compares them: lower case, without a port. */
final class Hosts {
    private Hosts() {}

    /** "Foo.com:8080" is "foo.com"; "[::1]:8080" is "::1". */
    static String withoutPort(String hostHeader) {
        String host = hostHeader == null ? "" : hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(1, end);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    /** What a wildcard must name to cover the host: "bar.foo.com" is covered by "*.foo.com"; null for a single label. */
    static String parent(String host) {
        int dot = host.indexOf('.');
        return dot <= 0 || dot == host.length() - 1 ? null : host.substring(dot + 1);
    }
}
