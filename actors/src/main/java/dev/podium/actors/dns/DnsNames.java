package dev.podium.actors.dns;

import org.xbill.DNS.Address;
import org.xbill.DNS.Name;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/** IP literals, their dashed DNS labels ({@code 10-0-0-1}) and their reverse names, parsed strictly (never a lookup). */
final class DnsNames {
    static final Name IN_ADDR_ARPA = Name.fromConstantString("in-addr.arpa.");
    static final Name IP6_ARPA = Name.fromConstantString("ip6.arpa.");

    private DnsNames() {}

    /** The address an IPv4 or IPv6 literal names; empty for anything else. */
    static Optional<InetAddress> literal(String ip) {
        byte[] bytes = Address.toByteArray(ip, Address.IPv4);
        if (bytes == null) bytes = Address.toByteArray(ip, Address.IPv6);
        return bytes == null ? Optional.empty() : Optional.of(byAddress(bytes));
    }

    /** An IP as a DNS label, CoreDNS's way: {@code 10.0.0.1} is {@code 10-0-0-1}, {@code fd00::1} is {@code fd00--1}. */
    static String dashed(String ip) {
        return ip.replace('.', '-').replace(':', '-');
    }

    /** The address a dashed label names ({@code 10-0-0-1}, {@code fd00--1}); empty when it names none. */
    static Optional<InetAddress> fromDashed(String label) {
        Optional<InetAddress> v4 = label.chars().filter(c -> c == '-').count() == 3 ? literal(label.replace('-', '.')) : Optional.empty();
        return v4.isPresent() ? v4 : literal(label.replace('-', ':')).filter(a -> a.getAddress().length == 16);
    }

    static boolean isReverse(Name name) {
        return name.subdomain(IN_ADDR_ARPA) || name.subdomain(IP6_ARPA);
    }

    /** The address a full reverse name stands for: four octets under in-addr.arpa, 32 nibbles under ip6.arpa. */
    static Optional<InetAddress> fromReverse(Name name) {
        boolean v4 = name.subdomain(IN_ADDR_ARPA);
        Name zone = v4 ? IN_ADDR_ARPA : IP6_ARPA;
        int count = name.labels() - zone.labels();
        if (count != (v4 ? 4 : 32)) return Optional.empty();
        byte[] bytes = new byte[v4 ? 4 : 16];
        for (int i = 0; i < count; i++) {
            String label = name.getLabelString(i).toLowerCase(Locale.ROOT);
            if (v4) {
                if (!label.matches("\\d{1,3}") || Integer.parseInt(label) > 255) return Optional.empty();
                bytes[3 - i] = (byte) Integer.parseInt(label);
            } else {
                if (!label.matches("[0-9a-f]")) return Optional.empty();
                int nibble = Integer.parseInt(label, 16);
                int index = 15 - i / 2;
                bytes[index] |= (byte) (i % 2 == 0 ? nibble : nibble << 4);
            }
        }
        return Optional.of(byAddress(bytes));
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e); // only for a length other than 4 or 16
        }
    }
}
