package dev.podium.model.kinds.rules;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Literal IP address checks, without ever resolving a name. */
public final class IpAddresses {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern IPV4_SLOPPY = Pattern.compile("(25[0-5]|2[0-4]\\d|[01]?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|[01]?\\d?\\d)){3}");

    private IpAddresses() {}

    static boolean isValid(String ip) {
        return canonical(ip).isPresent();
    }

    /** kube's ParseIPSloppy: as {@link #isValid}, but IPv4 octets may carry leading zeros ("010.0.0.1"). */
    static boolean isValidSloppy(String ip) {
        return IPV4_SLOPPY.matcher(ip).matches() || isValid(ip);
    }

    /**
     * The address as Go's netip.Addr.String() writes it (an IPAddress object's name): IPv4
     * dotted decimal, IPv6 in lower case with the longest run of zero groups as "::", an
     * IPv4-mapped IPv6 address as ::ffff:a.b.c.d. Empty when {@code ip} is not a literal address.
     */
    public static Optional<String> canonical(String ip) {
        if (IPV4.matcher(ip).matches()) return Optional.of(ip);
        if (!ip.contains(":") || !IPV6_CHARS.matcher(ip).matches()) return Optional.empty();
        try {
            // A string of hex digits, colons and dots is parsed as a literal, never looked up.
            InetAddress address = InetAddress.getByName(ip);
            // Java hands IPv4-mapped IPv6 addresses back as IPv4 ones.
            if (address instanceof Inet4Address) return Optional.of("::ffff:" + address.getHostAddress());
            return Optional.of(ipv6(address.getAddress()));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String ipv6(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) j++;
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
