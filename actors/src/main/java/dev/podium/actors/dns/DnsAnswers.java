package dev.podium.actors.dns;

import com.fasterxml.jackson.databind.JsonNode;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster's DNS records as CoreDNS's kubernetes plugin serves them (the Kubernetes DNS-based
 * service discovery spec): Services, their endpoints and SRV ports under {@code svc.<domain>},
 * pod IPs under {@code pod.<domain>} ("pods insecure"), and PTR records for cluster IPs and
 * headless endpoints. Pure: every answer is read from the {@link DnsView} at the time of the query.
 */
public final class DnsAnswers {
    public static final String DEFAULT_DOMAIN = "cluster.local";
    /** The TTL of every record, CoreDNS's kubernetes plugin default. */
    public static final long TTL = 5;

    private final DnsView view;
    private final Name zone;
    private final SOARecord soa;

    public DnsAnswers(DnsView view) {
        this(view, DEFAULT_DOMAIN);
    }

    public DnsAnswers(DnsView view, String clusterDomain) {
        this.view = view;
        this.zone = absolute(clusterDomain);
        this.soa = new SOARecord(zone, DClass.IN, TTL, name("ns.dns"), name("hostmaster"), 1, 7200, 1800, 86400, TTL);
    }

    public Name zone() {
        return zone;
    }

    /**
     * The response to {@code query} when it asks for a name of the cluster domain (always answered,
     * NXDOMAIN included) or a PTR of a cluster IP or headless endpoint; empty when the name is not
     * the cluster's, so the server forwards it.
     */
    public Optional<Message> answer(Message query) {
        Record question = query.getQuestion();
        if (question == null || (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY)) return Optional.empty();
        Name qname = question.getName();
        int qtype = question.getType();
        if (qname.subdomain(zone)) return Optional.of(zoneAnswer(query, qname, qtype));
        if (DnsNames.isReverse(qname) && (qtype == Type.PTR || qtype == Type.ANY)) return reverseAnswer(query, qname);
        return Optional.empty();
    }

    /** The records a name of the zone holds, and the addresses of the SRV targets among them. */
    private record Node(List<Record> records, List<Record> additional) {
        static final Node EMPTY = new Node(List.of(), List.of());
    }

    private Message zoneAnswer(Message query, Name qname, int qtype) {
        Message response = response(query);
        Optional<Node> node = nodeAt(qname);
        if (node.isEmpty()) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            response.addRecord(soa, Section.AUTHORITY);
            return response;
        }
        List<Record> answers = select(node.get().records(), qtype);
        if (answers.isEmpty()) {
            response.addRecord(soa, Section.AUTHORITY);
            return response;
        }
        answers.forEach(r -> response.addRecord(r, Section.ANSWER));
        if (answers.get(0) instanceof CNAMERecord cname && qtype != Type.CNAME && cname.getTarget().subdomain(zone)) {
            nodeAt(cname.getTarget()).ifPresent(target -> select(target.records(), qtype).forEach(r -> response.addRecord(r, Section.ANSWER)));
        }
        if (answers.stream().anyMatch(r -> r.getType() == Type.SRV)) {
            node.get().additional().forEach(r -> response.addRecord(r, Section.ADDITIONAL));
        }
        return response;
    }

    /** The records of {@code qtype} (all for ANY); a CNAME stands in for every type it does not name itself. */
    private static List<Record> select(List<Record> records, int qtype) {
        if (qtype == Type.ANY) return records;
        List<Record> matching = records.stream().filter(r -> r.getType() == qtype).toList();
        if (!matching.isEmpty()) return matching;
        return records.stream().filter(r -> r.getType() == Type.CNAME).toList();
    }

    /** What {@code name} holds; empty when it does not exist, an empty node when it exists only as a prefix of names that do. */
    private Optional<Node> nodeAt(Name name) {
        List<String> path = path(name);
        if (path.isEmpty()) return Optional.of(new Node(List.of(soa.withName(name)), List.of()));
        return switch (path.get(0)) {
            case "svc" -> serviceNode(name, path);
            case "pod" -> podNode(name, path);
            default -> Optional.empty();
        };
    }

    /** {@code [svc, ns, service, (endpoint | _proto, _port)]} */
    private Optional<Node> serviceNode(Name owner, List<String> path) {
        if (path.size() == 1) return Optional.of(Node.EMPTY);
        String namespace = path.get(1);
        if (path.size() == 2) return view.hasServices(namespace) ? Optional.of(Node.EMPTY) : Optional.empty();
        if (path.size() > 5) return Optional.empty();
        Optional<? extends JsonNode> found = view.service(namespace, path.get(2));
        if (found.isEmpty()) return Optional.empty();
        Service svc = new Service(found.get(), namespace, path.get(2));
        if (ServiceSpec.externalName(svc.object)) {
            String externalName = svc.object.path("spec").path("externalName").asText("");
            if (path.size() > 3) return Optional.empty();
            if (externalName.isEmpty()) return Optional.of(Node.EMPTY);
            return Optional.of(new Node(List.of(new CNAMERecord(owner, DClass.IN, TTL, absolute(externalName))), List.of()));
        }
        if (path.size() == 3) return Optional.of(svc.records(owner));
        String label = path.get(3);
        if (!label.startsWith("_")) return path.size() == 4 ? svc.endpointNode(owner, label) : Optional.empty();
        // _proto.service... exists as the parent of _port._proto.service...
        String protocol = label.substring(1);
        String port = path.size() == 5 && path.get(4).startsWith("_") ? path.get(4).substring(1) : null;
        if ((path.size() == 5 && port == null) || !svc.hasPort(port, protocol)) return Optional.empty();
        return Optional.of(path.size() == 4 ? Node.EMPTY : svc.srv(port, protocol));
    }

    /** {@code [pod, ns, a-b-c-d]}: any dashed IP is answered, as CoreDNS's "pods insecure" does. */
    private Optional<Node> podNode(Name owner, List<String> path) {
        if (path.size() < 3) return Optional.of(Node.EMPTY);
        if (path.size() > 3) return Optional.empty();
        return DnsNames.fromDashed(path.get(2)).map(ip -> new Node(List.of(address(owner, ip)), List.of()));
    }

    /** A Service being answered for, with its endpoints read once. */
    private final class Service {
        final JsonNode object;
        final String namespace;
        final String service;
        /** {@code service.ns.svc}, relative to the zone */
        final String relative;
        final Name name;
        private List<DnsEndpoint> published;

        Service(JsonNode object, String namespace, String service) {
            this.object = object;
            this.namespace = namespace;
            this.service = service;
            this.relative = service + "." + namespace + ".svc";
            this.name = name(relative);
        }

        /** The A/AAAA records at the Service's name (its cluster IPs, or a headless Service's endpoints) and an SRV per named port. */
        Node records(Name owner) {
            Set<Record> records = new LinkedHashSet<>();
            if (ServiceSpec.headless(object)) {
                for (DnsEndpoint e : published()) addressOf(owner, e.ip()).ifPresent(records::add);
            } else {
                for (String ip : ServiceSpec.clusterIps(object)) addressOf(owner, ip).ifPresent(records::add);
            }
            Node srv = srv(null, null);
            records.addAll(srv.records().stream().map(r -> r.withName(owner)).toList());
            return new Node(List.copyOf(records), srv.additional());
        }

        /** {@code hostname.svc...} or {@code a-b-c-d.svc...}: the published endpoints of that name. */
        Optional<Node> endpointNode(Name owner, String label) {
            List<Record> records = new ArrayList<>();
            for (DnsEndpoint e : published()) {
                if (endpointLabel(e).toLowerCase(Locale.ROOT).equals(label)) addressOf(owner, e.ip()).ifPresent(records::add);
            }
            return records.isEmpty() ? Optional.empty() : Optional.of(new Node(List.copyOf(new LinkedHashSet<>(records)), List.of()));
        }

        /** Whether a named port matches ({@code port} or {@code protocol} null: any). */
        boolean hasPort(String port, String protocol) {
            for (JsonNode p : object.path("spec").path("ports")) {
                if (matches(p.path("name").asText(""), p.path("protocol").asText("TCP"), port, protocol)) return true;
            }
            return published().stream().flatMap(e -> e.ports().stream()).anyMatch(p -> matches(p.name(), p.protocol(), port, protocol));
        }

        /**
         * SRV records for the named ports matching {@code port} and {@code protocol} (null: any): the
         * Service's name and port, or for a headless Service each endpoint's name and port; the
         * targets' addresses go to the additional section.
         */
        Node srv(String port, String protocol) {
            record Target(Name name, int port) {}
            List<Target> targets = new ArrayList<>();
            Set<Record> additional = new LinkedHashSet<>();
            if (ServiceSpec.headless(object)) {
                for (DnsEndpoint e : published()) {
                    for (DnsEndpoint.Port p : e.ports()) {
                        if (!matches(p.name(), p.protocol(), port, protocol)) continue;
                        Name target = endpointName(e);
                        targets.add(new Target(target, p.port()));
                        addressOf(target, e.ip()).ifPresent(additional::add);
                    }
                }
            } else {
                for (JsonNode p : object.path("spec").path("ports")) {
                    if (!matches(p.path("name").asText(""), p.path("protocol").asText("TCP"), port, protocol)) continue;
                    targets.add(new Target(name, p.path("port").asInt()));
                    for (String ip : ServiceSpec.clusterIps(object)) addressOf(name, ip).ifPresent(additional::add);
                }
            }
            // CoreDNS shares a weight of 100 among the records of one priority
            int weight = Math.max(1, 100 / Math.max(1, targets.size()));
            Name owner = srvOwner(port, protocol);
            Set<Record> records = new LinkedHashSet<>();
            for (Target t : targets) records.add(new SRVRecord(owner, DClass.IN, TTL, 0, weight, t.port(), t.name()));
            return new Node(List.copyOf(records), List.copyOf(additional));
        }

        private Name srvOwner(String port, String protocol) {
            return port == null || protocol == null ? name : name("_" + port + "._" + protocol + "." + relative);
        }

        private Name endpointName(DnsEndpoint e) {
            return name(endpointLabel(e) + "." + relative);
        }

        /** The endpoints DNS publishes: the ready ones, or all when the Service publishes not-ready addresses. */
        private List<DnsEndpoint> published() {
            if (published == null) {
                boolean all = ServiceSpec.publishNotReady(object);
                published = view.serviceEndpoints(namespace, service).stream().filter(e -> all || e.ready()).toList();
            }
            return published;
        }
    }

    private Optional<Message> reverseAnswer(Message query, Name qname) {
        Optional<InetAddress> ip = DnsNames.fromReverse(qname);
        if (ip.isEmpty()) return Optional.empty();
        Set<Name> targets = new LinkedHashSet<>();
        for (JsonNode svc : view.servicesByClusterIp(ip.get())) {
            targets.add(name(svc.path("metadata").path("name").asText() + "." + svc.path("metadata").path("namespace").asText() + ".svc"));
        }
        for (ServiceEndpoint e : view.headlessEndpointsByIp(ip.get())) {
            targets.add(name(endpointLabel(e.endpoint()) + "." + e.service() + "." + e.namespace() + ".svc"));
        }
        if (targets.isEmpty()) return Optional.empty();
        Message response = response(query);
        for (Name target : targets) response.addRecord(new PTRRecord(qname, DClass.IN, TTL, target), Section.ANSWER);
        return Optional.of(response);
    }

    /** An authoritative answer to {@code query}, as a recursive server gives it: the id and question echoed, RD copied, RA set. */
    private static Message response(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.getHeader().setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) response.getHeader().setFlag(Flags.RD);
        response.getHeader().setOpcode(Opcode.QUERY);
        response.addRecord(query.getQuestion(), Section.QUESTION);
        return response;
    }

    private static boolean matches(String name, String protocol, String port, String wantedProtocol) {
        return !name.isEmpty() && (port == null || name.toLowerCase(Locale.ROOT).equals(port))
                && (wantedProtocol == null || protocol.toLowerCase(Locale.ROOT).equals(wantedProtocol));
    }

    /** An endpoint's label under its Service: its hostname, else its dashed IP. */
    private static String endpointLabel(DnsEndpoint e) {
        return e.hostname().isEmpty() ? DnsNames.dashed(e.ip()) : e.hostname();
    }

    private static Optional<Record> addressOf(Name owner, String ip) {
        return DnsNames.literal(ip).map(a -> address(owner, a));
    }

    private static Record address(Name owner, InetAddress ip) {
        return ip instanceof Inet4Address ? new ARecord(owner, DClass.IN, TTL, ip) : new AAAARecord(owner, DClass.IN, TTL, ip);
    }

    /** The labels of a name of the zone, lowercased, from the zone outwards: {@code web.ns.svc.<zone>} is {@code [svc, ns, web]}. */
    private List<String> path(Name name) {
        int count = name.labels() - zone.labels();
        List<String> path = new ArrayList<>(count);
        for (int i = count - 1; i >= 0; i--) path.add(name.getLabelString(i).toLowerCase(Locale.ROOT));
        return path;
    }

    private Name name(String relative) {
        try {
            return Name.fromString(relative.toLowerCase(Locale.ROOT), zone);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + relative, e);
        }
    }

    private static Name absolute(String name) {
        try {
            return Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + name, e);
        }
    }
}
