package dev.podium.actors.dns;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cluster's DNS server, CoreDNS's job: answers names of the cluster from {@link DnsAnswers}
 * and forwards every other name to upstream resolvers, over UDP and TCP on one port.
 */
public final class DnsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DnsServer.class);
    public static final Duration DEFAULT_UPSTREAM_TIMEOUT = Duration.ofSeconds(2);
    /** The largest UDP answer to a client that sends no EDNS size (RFC 1035). */
    static final int PLAIN_UDP_SIZE = 512;
    /** The UDP size the server advertises in its own OPT records (DNS flag day 2020). */
    static final int EDNS_UDP_SIZE = 1232;
    private static final int MAX_TCP_SIZE = 65535;
    private static final int WORKERS = 4;
    private static final int TCP_CONNECTIONS = 4;
    private static final int TCP_IDLE_MILLIS = 5000;

    private final DnsAnswers answers;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final InetSocketAddress address;
    private final List<InetSocketAddress> upstreams;
    private final List<SimpleResolver> resolvers;
    private final ThreadPoolExecutor workers = pool("podium-dns-worker", WORKERS, 256);
    private final ThreadPoolExecutor tcpConnections = pool("podium-dns-tcp", TCP_CONNECTIONS, 16);
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Thread udpLoop;
    private final Thread tcpLoop;
    private volatile boolean closed;

    /** Starts a server on {@code address} (port 0 picks one) that forwards to the host's resolvers from /etc/resolv.conf. */
    public static DnsServer start(InetSocketAddress address, DnsAnswers answers) throws IOException {
        return start(address, answers, null, DEFAULT_UPSTREAM_TIMEOUT);
    }

    /**
     * Starts a server on {@code address} (port 0 picks one) that forwards names not the cluster's
     * to {@code upstreams}, tried in order, each for {@code upstreamTimeout}; null upstreams means
     * the host's resolvers, less the server itself.
     */
    public static DnsServer start(InetSocketAddress address, DnsAnswers answers, List<InetSocketAddress> upstreams,
                                  Duration upstreamTimeout) throws IOException {
        for (int attempt = 0; ; attempt++) {
            DatagramSocket udp = new DatagramSocket(address);
            ServerSocket tcp = new ServerSocket();
            try {
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(address.getAddress(), udp.getLocalPort()), 64);
            } catch (BindException e) {
                udp.close();
                tcp.close();
                // a picked UDP port may be taken for TCP: pick again
                if (address.getPort() != 0 || attempt == 10) throw e;
                continue;
            }
            InetSocketAddress bound = new InetSocketAddress(address.getAddress(), udp.getLocalPort());
            return new DnsServer(answers, udp, tcp, upstreams == null ? hostUpstreams(bound) : List.copyOf(upstreams), upstreamTimeout);
        }
    }

    private DnsServer(DnsAnswers answers, DatagramSocket udp, ServerSocket tcp, List<InetSocketAddress> upstreams, Duration upstreamTimeout) {
        this.answers = answers;
        this.udp = udp;
        this.tcp = tcp;
        this.address = new InetSocketAddress(udp.getLocalAddress(), udp.getLocalPort());
        this.upstreams = upstreams;
        this.resolvers = upstreams.stream().map(u -> {
            SimpleResolver r = new SimpleResolver(u);
            r.setTimeout(upstreamTimeout);
            return r;
        }).toList();
        this.udpLoop = new Thread(this::serveUdp, "podium-dns-udp");
        this.tcpLoop = new Thread(this::acceptTcp, "podium-dns-accept");
        udpLoop.setDaemon(true);
        tcpLoop.setDaemon(true);
        udpLoop.start();
        tcpLoop.start();
        log.info("Cluster DNS for {} on {} (UDP and TCP), forwarding other names to {}", answers.zone(), address, upstreams);
    }

    /** The port both listeners are bound to (the picked one when started on port 0). */
    public int port() {
        return address.getPort();
    }

    public InetSocketAddress address() {
        return address;
    }

    public List<InetSocketAddress> upstreams() {
        return upstreams;
    }

    /** The host's resolvers (/etc/resolv.conf through dnsjava), less {@code self}: forwarding to itself would loop. */
    static List<InetSocketAddress> hostUpstreams(InetSocketAddress self) {
        return ResolverConfig.getCurrentConfig().servers().stream().filter(s -> !isSelf(s, self)).toList();
    }

    static boolean isSelf(InetSocketAddress upstream, InetSocketAddress self) {
        InetAddress a = upstream.getAddress();
        if (a == null || upstream.getPort() != self.getPort()) return false;
        if (a.equals(self.getAddress())) return true;
        if (!self.getAddress().isAnyLocalAddress()) return false;
        try {
            return a.isLoopbackAddress() || a.isAnyLocalAddress() || NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    /** The wire reply to one request; null to send none (a response, or bytes without a DNS header). */
    byte[] reply(byte[] request, boolean overUdp) {
        Message query;
        try {
            query = new Message(request);
        } catch (IOException e) {
            return formatError(request);
        }
        if (query.getHeader().getFlag(Flags.QR)) return null;
        Message response;
        try {
            if (query.getHeader().getOpcode() != Opcode.QUERY) response = error(query, Rcode.NOTIMP);
            else if (query.getHeader().getCount(Section.QUESTION) != 1) response = error(query, Rcode.FORMERR);
            else response = answers.answer(query).map(r -> chaseExternalName(query, r)).orElseGet(() -> forward(query));
        } catch (RuntimeException e) {
            log.warn("Cluster DNS failed to answer {}", query.getQuestion(), e);
            response = error(query, Rcode.SERVFAIL);
        }
        return wire(query, response, overUdp);
    }

    /** The response for the client: its id, an OPT record when it sent one, and over UDP cut to its size with TC set. */
    private static byte[] wire(Message query, Message response, boolean overUdp) {
        response.getHeader().setID(query.getHeader().getID());
        for (Record r : new ArrayList<>(response.getSection(Section.ADDITIONAL))) {
            if (r.getType() == Type.OPT) response.removeRecord(r, Section.ADDITIONAL);
        }
        OPTRecord clientOpt = query.getOPT();
        if (clientOpt != null) response.addRecord(new OPTRecord(EDNS_UDP_SIZE, 0, 0), Section.ADDITIONAL);
        if (!overUdp) return response.toWire(MAX_TCP_SIZE);
        return response.toWire(clientOpt == null ? PLAIN_UDP_SIZE : Math.max(PLAIN_UDP_SIZE, clientOpt.getPayloadSize()));
    }

    /** The upstreams' answer, the first that answers at all; SERVFAIL when none does. */
    private Message forward(Message query) {
        for (SimpleResolver resolver : resolvers) {
            try {
                return resolver.send(query);
            } catch (IOException e) {
                log.debug("Upstream {} did not answer {}: {}", resolver.getAddress(), query.getQuestion(), e.toString());
            }
        }
        return error(query, Rcode.SERVFAIL);
    }

    /**
     * An ExternalName Service's CNAME leaves the cluster: the upstreams resolve its target, as
     * CoreDNS does, so stub resolvers get the addresses along with the CNAME (left alone on failure).
     */
    private Message chaseExternalName(Message query, Message response) {
        int qtype = query.getQuestion().getType();
        List<Record> answer = response.getSection(Section.ANSWER);
        if (qtype == Type.CNAME || qtype == Type.ANY || answer.isEmpty() || resolvers.isEmpty()) return response;
        if (!(answer.get(answer.size() - 1) instanceof CNAMERecord cname) || cname.getTarget().subdomain(answers.zone())) return response;
        Message chased = forward(Message.newQuery(Record.newRecord(cname.getTarget(), qtype, DClass.IN)));
        if (chased.getRcode() == Rcode.NOERROR) chased.getSection(Section.ANSWER).forEach(r -> response.addRecord(r, Section.ANSWER));
        return response;
    }

    private static Message error(Message query, int rcode) {
        Message response = new Message(query.getHeader().getID());
        Header h = response.getHeader();
        h.setFlag(Flags.QR);
        h.setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) h.setFlag(Flags.RD);
        h.setOpcode(query.getHeader().getOpcode());
        h.setRcode(rcode);
        if (query.getHeader().getCount(Section.QUESTION) == 1) response.addRecord(query.getQuestion(), Section.QUESTION);
        return response;
    }

    /** FORMERR for a request whose header reads but whose body does not; null when not even the header does. */
    private static byte[] formatError(byte[] request) {
        if (request.length < 12) return null;
        try {
            Header query = new Header(Arrays.copyOf(request, 12));
            if (query.getFlag(Flags.QR)) return null;
            Message response = new Message(query.getID());
            response.getHeader().setFlag(Flags.QR);
            response.getHeader().setOpcode(query.getOpcode());
            response.getHeader().setRcode(Rcode.FORMERR);
            return response.toWire();
        } catch (IOException e) {
            return null;
        }
    }

    private void serveUdp() {
        byte[] buffer = new byte[MAX_TCP_SIZE];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (!closed) log.warn("Cluster DNS UDP receive failed", e);
                continue;
            }
            byte[] request = Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
            SocketAddress client = packet.getSocketAddress();
            try {
                workers.execute(() -> answerUdp(request, client));
            } catch (RejectedExecutionException e) {
                // overloaded (or closing): the client retries
            }
        }
    }

    private void answerUdp(byte[] request, SocketAddress client) {
        byte[] reply = reply(request, true);
        if (reply == null) return;
        try {
            udp.send(new DatagramPacket(reply, reply.length, client));
        } catch (IOException e) {
            if (!closed) log.debug("Cluster DNS could not answer {}: {}", client, e.toString());
        }
    }

    private void acceptTcp() {
        while (!closed) {
            Socket socket;
            try {
                socket = tcp.accept();
            } catch (IOException e) {
                if (!closed) log.warn("Cluster DNS TCP accept failed", e);
                continue;
            }
            connections.add(socket);
            try {
                socket.setSoTimeout(TCP_IDLE_MILLIS);
                tcpConnections.execute(() -> serveTcp(socket));
            } catch (IOException | RejectedExecutionException e) {
                closeQuietly(socket);
                connections.remove(socket);
            }
        }
    }

    /** Length-prefixed queries on one connection until the client closes it or stays idle. */
    private void serveTcp(Socket socket) {
        try (socket;
             DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()))) {
            while (!closed) {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (EOFException | SocketTimeoutException e) {
                    return;
                }
                byte[] request = in.readNBytes(length);
                if (request.length < length) return;
                byte[] reply = reply(request, false);
                if (reply == null) continue;
                out.writeShort(reply.length);
                out.write(reply);
                out.flush();
            }
        } catch (IOException e) {
            if (!closed) log.debug("Cluster DNS TCP connection ended: {}", e.toString());
        } finally {
            connections.remove(socket);
        }
    }

    /** Stops both listeners and every open connection; queries in flight are dropped. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        udp.close();
        closeQuietly(tcp);
        connections.forEach(DnsServer::closeQuietly);
        workers.shutdownNow();
        tcpConnections.shutdownNow();
        try {
            udpLoop.join(1000);
            tcpLoop.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static ThreadPoolExecutor pool(String name, int threads, int queue) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
