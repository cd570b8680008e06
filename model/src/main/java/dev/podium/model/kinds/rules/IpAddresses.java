package dev.podium.model.kinds.rules;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Literal IP address checks, without ever resolving a name. */
final class IpAddresses {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpAddresses() {}

    static boolean isValid(String ip) {
        if (IPV4.matcher(ip).matches()) return true;
        if (!ip.contains(":") || !IPV6_CHARS.matcher(ip).matches()) return false;
        try {
            // A string of hex digits, colons and dots is parsed as a literal, never looked up.
            InetAddress.getByName(ip);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
