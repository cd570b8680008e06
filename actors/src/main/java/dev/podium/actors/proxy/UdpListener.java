package dev.podium.actors.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One userspace listener for a UDP Service address: each client gets a session, a socket
 * connected to the endpoint the balancer picked, whose replies go back to the client from the
 * Service address; a session idle for {@value #IDLE_MILLIS} ms is closed.
 */
final class UdpListener implements UserspaceListener {
    private static final Logger log = LoggerFactory.getLogger(UdpListener.class);
    private static final int IDLE_MILLIS = 30_000;
    private final Balancer balancer;
    private final Map<SocketAddress, DatagramSocket> sessions = new ConcurrentHashMap<>();
    private DatagramSocket socket;

    UdpListener(String ip, int port, Balancer balancer) {
        this.balancer = balancer;
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ip), port));
            Thread t = new Thread(this::serve, "udp-proxy-" + ip + ":" + port);
            t.setDaemon(true);
            t.start();
        } catch (IOException e) {
            log.warn("userspace proxy cannot listen on {}:{}/UDP: {}", ip, port, e.getMessage());
        }
    }

    private void serve() {
        byte[] buf = new byte[65_535];
        while (!socket.isClosed()) {
            try {
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                socket.receive(in);
                SocketAddress client = in.getSocketAddress();
                DatagramSocket session = sessions.get(client);
                if (session == null) session = open(client, in.getAddress().getHostAddress());
                if (session != null) session.send(new DatagramPacket(in.getData(), in.getOffset(), in.getLength()));
            } catch (IOException e) {
                if (!socket.isClosed()) log.debug("udp proxy: {}", e.getMessage());
            }
        }
    }

    private DatagramSocket open(SocketAddress client, String clientIp) throws IOException {
        ProxiedPort.Backend b = balancer.pick(clientIp);
        if (b == null) return null;
        DatagramSocket session = new DatagramSocket();
        session.connect(new InetSocketAddress(InetAddress.getByName(b.ip()), b.port()));
        session.setSoTimeout(IDLE_MILLIS);
        sessions.put(client, session);
        Thread t = new Thread(() -> relayReplies(client, session), "udp-proxy-session");
        t.setDaemon(true);
        t.start();
        return session;
    }

    private void relayReplies(SocketAddress client, DatagramSocket session) {
        byte[] buf = new byte[65_535];
        try (session) {
            while (!socket.isClosed()) {
                DatagramPacket reply = new DatagramPacket(buf, buf.length);
                session.receive(reply);
                socket.send(new DatagramPacket(reply.getData(), reply.getOffset(), reply.getLength(), client));
            }
        } catch (SocketTimeoutException idle) {
            // the client went quiet: its next datagram opens a new session
        } catch (IOException e) {
            log.debug("udp proxy session: {}", e.getMessage());
        } finally {
            sessions.remove(client, session);
        }
    }

    @Override
    public void close() {
        if (socket != null) socket.close();
        sessions.values().forEach(DatagramSocket::close);
    }
}
