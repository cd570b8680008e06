package dev.podium.actors.dns;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** A resolver on loopback UDP that knows one zone: every name under it has A {@value #ADDRESS}, others are NXDOMAIN. */
final class FakeUpstream implements AutoCloseable {
    static final String ADDRESS = "192.0.2.1";
    private final Name zone;
    private final DatagramSocket socket;
    private final Thread loop;
    private final AtomicInteger queries = new AtomicInteger();

    FakeUpstream(String zone) throws IOException {
        this.zone = Name.fromString(zone, Name.root);
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.loop = new Thread(this::serve, "fake-upstream");
        loop.setDaemon(true);
        loop.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    int queries() {
        return queries.get();
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                queries.incrementAndGet();
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                Message reply = new Message(query.getHeader().getID());
                reply.getHeader().setFlag(Flags.QR);
                reply.getHeader().setFlag(Flags.RA);
                reply.addRecord(question, Section.QUESTION);
                if (!question.getName().subdomain(zone)) reply.getHeader().setRcode(Rcode.NXDOMAIN);
                else if (question.getType() == Type.A) {
                    reply.addRecord(new ARecord(question.getName(), DClass.IN, 60, InetAddress.getByName(ADDRESS)), Section.ANSWER);
                }
                byte[] wire = reply.toWire(512);
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a packet it cannot read
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        loop.join(1000);
    }
}
