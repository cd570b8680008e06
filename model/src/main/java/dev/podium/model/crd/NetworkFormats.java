package dev.podium.model.crd;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Address formats as Go's net, net/mail and net/url packages (behind kube-openapi's strfmt) accept them. */
final class NetworkFormats {
    private static final Pattern HOSTNAME = Pattern.compile("^([a-zA-Z0-9\\p{S}\\p{L}]((-?[a-zA-Z0-9\\p{S}\\p{L}]{0,62})?)|"
            + "([a-zA-Z0-9\\p{S}\\p{L}](([a-zA-Z0-9\\-\\p{S}\\p{L}]{0,61}[a-zA-Z0-9\\p{S}\\p{L}])?)(\\.)){1,}"
            + "([a-zA-Z0-9\\p{S}\\p{L}])(-?[a-zA-Z0-9\\p{S}\\p{L}]){1,62})\\z");
    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u0080-\\uffff]+";
    private static final Pattern DOT_ATOM = Pattern.compile(ATEXT + "(\\." + ATEXT + ")*");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"\\\\]|\\\\.)*\"");
    private static final Pattern DOMAIN_LITERAL = Pattern.compile("\\[[^\\[\\]\\\\]*]");

    private NetworkFormats() {}

    /** net.ParseIP succeeds and the text has a dot (govalidator.IsIPv4). */
    static boolean isIPv4(String s) {
        return s.contains(".") && parseIp(s) > 0;
    }

    /** net.ParseIP succeeds and the text has a colon (govalidator.IsIPv6). */
    static boolean isIPv6(String s) {
        return s.contains(":") && parseIp(s) > 0;
    }

    /** net.ParseCIDR: an address, a slash and a decimal prefix length within the address size. */
    static boolean isCidr(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) return false;
        String mask = s.substring(slash + 1);
        int bits = parseIp(s.substring(0, slash));
        if (bits < 0 || mask.isEmpty() || mask.length() > 8 || !mask.chars().allMatch(c -> c >= '0' && c <= '9')) return false;
        return Integer.parseInt(mask) <= bits;
    }

    /** net.ParseMAC: 6, 8 or 20 octets as {@code xx:xx}, {@code xx-xx} or {@code xxxx.xxxx}. */
    static boolean isMac(String s) {
        if (s.length() < 14) return false;
        if (s.charAt(2) == ':' || s.charAt(2) == '-') {
            if ((s.length() + 1) % 3 != 0 || !octets((s.length() + 1) / 3)) return false;
            for (int x = 0; x < s.length(); x += 3) {
                if (!hex(s, x, 2) || x + 2 < s.length() && s.charAt(x + 2) != s.charAt(2)) return false;
            }
            return true;
        }
        if (s.charAt(4) == '.') {
            if ((s.length() + 1) % 5 != 0 || !octets(2 * (s.length() + 1) / 5)) return false;
            for (int x = 0; x < s.length(); x += 5) {
                if (!hex(s, x, 4) || x + 4 < s.length() && s.charAt(x + 4) != '.') return false;
            }
            return true;
        }
        return false;
    }

    /** strfmt.IsHostname: RFC 1034 labels (letters, symbols and digits), at most 255 bytes, labels at most 63. */
    static boolean isHostname(String s) {
        if (!HOSTNAME.matcher(s).find() || s.getBytes(StandardCharsets.UTF_8).length > 255) return false;
        for (String label : s.split("\\.", -1)) if (label.getBytes(StandardCharsets.UTF_8).length > 63) return false;
        return true;
    }

    /** net/mail.ParseAddress: {@code local@domain}, optionally as {@code Name <local@domain>}. */
    static boolean isEmail(String s) {
        String addr = s.trim();
        int open = addr.lastIndexOf('<');
        if (addr.endsWith(">") && open >= 0) addr = addr.substring(open + 1, addr.length() - 1).trim();
        int at = addr.lastIndexOf('@');
        if (at <= 0 || at == addr.length() - 1) return false;
        String local = addr.substring(0, at), domain = addr.substring(at + 1);
        boolean localOk = DOT_ATOM.matcher(local).matches() || QUOTED.matcher(local).matches();
        return localOk && (DOT_ATOM.matcher(domain).matches() || DOMAIN_LITERAL.matcher(domain).matches());
    }

    /** url.ParseRequestURI: an absolute URI or an absolute path. */
    static boolean isRequestUri(String s) {
        try {
            GoUrl.parseRequestUri(s);
            return true;
        } catch (GoUrl.ParseError e) {
            return false;
        }
    }

    /** The address size in bits of a Go-parseable IP (32 or 128), or -1. The first separator picks the family. */
    static int parseIp(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '.') return ipv4(s) ? 32 : -1;
            if (s.charAt(i) == ':') return ipv6(s) ? 128 : -1;
        }
        return -1;
    }

    private static boolean ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return false;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) return false;
            if (p.length() > 1 && p.charAt(0) == '0' || Integer.parseInt(p) > 255) return false;
        }
        return true;
    }

    /** Hex groups with at most one "::", optionally ending in a dotted IPv4 address. */
    private static boolean ipv6(String s) {
        int ellipsis = s.indexOf("::");
        if (ellipsis >= 0 && s.indexOf("::", ellipsis + 1) >= 0) return false;
        int groups = 0;
        String[] halves = ellipsis < 0 ? new String[]{s} : new String[]{s.substring(0, ellipsis), s.substring(ellipsis + 2)};
        for (int h = 0; h < halves.length; h++) {
            if (halves[h].isEmpty()) continue;
            String[] parts = halves[h].split(":", -1);
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i];
                boolean last = h == halves.length - 1 && i == parts.length - 1;
                if (last && p.contains(".")) {
                    if (!ipv4(p)) return false;
                    groups += 2;
                } else if (p.isEmpty() || p.length() > 4 || !hex(p, 0, p.length())) {
                    return false;
                } else {
                    groups++;
                }
            }
        }
        return ellipsis < 0 ? groups == 8 : groups < 8;
    }

    private static boolean octets(int n) {
        return n == 6 || n == 8 || n == 20;
    }

    private static boolean hex(String s, int from, int count) {
        if (from + count > s.length()) return false;
        for (int i = from; i < from + count; i++) if (Character.digit(s.charAt(i), 16) < 0) return false;
        return true;
    }
}
