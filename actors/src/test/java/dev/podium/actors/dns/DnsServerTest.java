package dev.podium.actors.dns;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DnsServerTest {
    static final InetSocketAddress LOOPBACK_PICKED_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    static final int MANY = 150;

    /** web (ClusterIP), many (headless with {@value #MANY} ready endpoints), ext (ExternalName to www.example.org). */
    static FakeDnsView view() {
        String endpoints = IntStream.range(0, MANY)
                .mapToObj(i -> "- {addresses: [10.1." + (i / 250) + "." + (i % 250 + 1) + "], conditions: {ready: true}}")
                .collect(Collectors.joining("\n"));
        return new FakeDnsView().add("""
                {kind: Service, metadata: {name: web, namespace: team}, spec: {clusterIP: 10.96.0.10}}
                ---
                {kind: Service, metadata: {name: many, namespace: team}, spec: {clusterIP: None}}
                ---
                {kind: Service, metadata: {name: ext, namespace: team}, spec: {type: ExternalName, externalName: www.example.org}}
                ---
                kind: EndpointSlice
                metadata: {name: many-x1, namespace: team, labels: {kubernetes.io/service-name: many}}
                addressType: IPv4
                endpoints:
                """ + endpoints + "\n");
    }

    FakeUpstream upstream;
    DnsServer server;

    @BeforeEach
    void start() throws IOException {
        upstream = new FakeUpstream("example.org");
        server = DnsServer.start(LOOPBACK_PICKED_PORT, new DnsAnswers(view()), List.of(upstream.address()), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
        upstream.close();
    }

    SimpleResolver resolver(boolean tcp) {
        SimpleResolver r = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
        r.setTCP(tcp);
        r.setTimeout(Duration.ofSeconds(3));
        return r;
    }

    @Test
    void clusterNamesAreAnsweredOverUdpAndTcpOnThePickedPort() throws IOException {
        assertThat(server.port()).isPositive();
        for (boolean tcp : new boolean[] {false, true}) {
            Message response = resolver(tcp).send(query("web.team.svc.cluster.local", Type.A));
            assertThat(response.getHeader().getFlag(Flags.AA)).as("tcp=%s", tcp).isTrue();
            assertThat(answers(response)).as("tcp=%s", tcp).containsExactly("10.96.0.10");
        }
    }

    @Test
    void aUdpAnswerTooLargeForTheClientIsTruncatedAndTheClientRetriesOverTcp() throws IOException {
        Message manyA = query("many.team.svc.cluster.local", Type.A);

        SimpleResolver plainUdp = resolver(false);
        plainUdp.setIgnoreTruncation(true);
        plainUdp.setEDNS(-1, 0, 0, List.of());
        Message cut = plainUdp.send(manyA);
        assertThat(cut.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(cut.getSection(Section.ANSWER)).hasSizeLessThan(MANY);

        SimpleResolver ednsUdp = resolver(false);
        ednsUdp.setIgnoreTruncation(true);
        ednsUdp.setEDNS(0, 1280, 0, List.of());
        assertThat(ednsUdp.send(manyA).getHeader().getFlag(Flags.TC)).as("%d A records exceed 1280 bytes", MANY).isTrue();

        SimpleResolver bigEdns = resolver(false);
        bigEdns.setIgnoreTruncation(true);
        bigEdns.setEDNS(0, 4096, 0, List.of());
        Message whole = bigEdns.send(manyA);
        assertThat(whole.getHeader().getFlag(Flags.TC)).as("fits the client's EDNS size").isFalse();
        assertThat(whole.getSection(Section.ANSWER)).hasSize(MANY);

        Message retried = resolver(false).send(manyA);
        assertThat(retried.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(retried.getSection(Section.ANSWER)).hasSize(MANY);
    }

    @Test
    void otherNamesAreForwardedToTheUpstream() throws IOException {
        Message found = resolver(false).send(query("www.example.org", Type.A));
        assertThat(found.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answers(found)).containsExactly(FakeUpstream.ADDRESS);
        assertThat(found.getHeader().getFlag(Flags.AA)).as("not the cluster's own").isFalse();
        Message missing = resolver(true).send(query("nothing.test", Type.A));
        assertThat(missing.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(upstream.queries()).isEqualTo(2);
    }

    @Test
    void anExternalNamesTargetIsResolvedUpstream() throws IOException {
        Message response = resolver(false).send(query("ext.team.svc.cluster.local", Type.A));
        assertThat(response.getSection(Section.ANSWER)).map(r -> Type.string(r.getType()) + " " + r.rdataToString())
                .containsExactly("CNAME www.example.org.", "A " + FakeUpstream.ADDRESS);
    }

    @Test
    void upstreamsThatDoNotAnswerGiveServfail() throws IOException {
        InetSocketAddress dead;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            dead = new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort());
        }
        try (DnsServer lonely = DnsServer.start(LOOPBACK_PICKED_PORT, new DnsAnswers(view()), List.of(dead), Duration.ofMillis(300))) {
            SimpleResolver r = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), lonely.port()));
            r.setTimeout(Duration.ofSeconds(3));
            Message failed = r.send(query("www.example.org", Type.A));
            assertThat(Rcode.string(failed.getRcode())).isEqualTo("SERVFAIL");
            assertThat(failed.getQuestion().getName()).hasToString("www.example.org.");
            assertThat(answers(r.send(query("web.team.svc.cluster.local", Type.A)))).containsExactly("10.96.0.10");
        }
    }

    @Test
    void malformedPacketsGetFormerrOrNothingAndTheServerGoesOn() throws IOException {
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            client.setSoTimeout(2000);
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
            // a header announcing one question, then three bytes that are none
            byte[] badBody = ByteBuffer.allocate(15).putShort((short) 0x1234).putShort((short) 0x0100).putShort((short) 1)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).put(new byte[] {7, 'x', 'y'}).array();
            client.send(new DatagramPacket(badBody, badBody.length, to));
            DatagramPacket reply = new DatagramPacket(new byte[512], 512);
            client.receive(reply);
            Message formerr = new Message(Arrays.copyOf(reply.getData(), reply.getLength()));
            assertThat(formerr.getHeader().getID()).isEqualTo(0x1234);
            assertThat(formerr.getRcode()).isEqualTo(Rcode.FORMERR);

            client.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, to));
            client.setSoTimeout(300);
            assertThatThrownBy(() -> client.receive(new DatagramPacket(new byte[512], 512))).isInstanceOf(SocketTimeoutException.class);
        }
        assertThat(answers(resolver(false).send(query("web.team.svc.cluster.local", Type.A)))).containsExactly("10.96.0.10");
    }

    @Test
    void closeStopsBothListenersAndOpenConnectionsPromptly() throws IOException {
        try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            idle.setSoTimeout(2000);
            resolver(true).send(query("web.team.svc.cluster.local", Type.A));
            long start = System.nanoTime();
            server.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(idle.getInputStream().read()).as("the idle connection is closed").isEqualTo(-1);
        }
        SimpleResolver udp = resolver(false);
        udp.setTimeout(Duration.ofMillis(300));
        assertThatThrownBy(() -> udp.send(query("web.team.svc.cluster.local", Type.A))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), server.port()).close()).isInstanceOf(IOException.class);
    }

    @Test
    void theServerIsNotItsOwnUpstream() throws IOException {
        InetSocketAddress self = new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 5353);
        assertThat(DnsServer.isSelf(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5353), self)).isTrue();
        assertThat(DnsServer.isSelf(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53), self)).isFalse();
        InetSocketAddress onLoopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5353);
        assertThat(DnsServer.isSelf(new InetSocketAddress(InetAddress.getByName("192.0.2.53"), 5353), onLoopback)).isFalse();
        assertThat(DnsServer.hostUpstreams(onLoopback)).doesNotContain(onLoopback);
    }

    static Message query(String name, int type) {
        try {
            return Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<String> answers(Message response) {
        return response.getSection(Section.ANSWER).stream().map(Record::rdataToString).toList();
    }
}
