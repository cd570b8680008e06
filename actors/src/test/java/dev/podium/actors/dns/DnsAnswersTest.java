package dev.podium.actors.dns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class DnsAnswersTest {
    /** Namespace team: a ClusterIP Service, headless ones (by slices and by hand-written Endpoints), ExternalNames, IPv6. */
    static final FakeDnsView VIEW = new FakeDnsView().add("""
            {kind: Service, metadata: {name: web, namespace: team}, spec: {clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10], ports: [
              {name: http, port: 80, protocol: TCP}, {name: dns, port: 53, protocol: UDP}, {port: 9000, protocol: TCP}]}}
            ---
            {kind: Service, metadata: {name: db, namespace: team}, spec: {clusterIP: None, ports: [{name: pg, port: 5432, protocol: TCP}]}}
            ---
            kind: EndpointSlice
            metadata: {name: db-x1, namespace: team, labels: {kubernetes.io/service-name: db}}
            addressType: IPv4
            ports: [{name: pg, port: 5432, protocol: TCP}]
            endpoints:
            - {addresses: [10.0.0.1], hostname: db-0, conditions: {ready: true}}
            - {addresses: [10.0.0.2], conditions: {ready: true}}
            - {addresses: [10.0.0.3], conditions: {ready: false}}
            ---
            {kind: Service, metadata: {name: eager, namespace: team}, spec: {clusterIP: None, publishNotReadyAddresses: true}}
            ---
            kind: EndpointSlice
            metadata: {name: eager-x1, namespace: team, labels: {kubernetes.io/service-name: eager}}
            addressType: IPv4
            endpoints: [{addresses: [10.0.0.4], conditions: {ready: false}}]
            ---
            {kind: Service, metadata: {name: manual, namespace: team}, spec: {clusterIP: None}}
            ---
            kind: Endpoints
            metadata: {name: manual, namespace: team}
            subsets:
            - addresses: [{ip: 192.0.2.10}]
              notReadyAddresses: [{ip: 192.0.2.11}]
              ports: [{name: http, port: 8080, protocol: TCP}]
            ---
            {kind: Service, metadata: {name: ext, namespace: team}, spec: {type: ExternalName, externalName: example.org}}
            ---
            {kind: Service, metadata: {name: alias, namespace: team}, spec: {type: ExternalName, externalName: web.team.svc.cluster.local}}
            ---
            {kind: Service, metadata: {name: six, namespace: team}, spec: {clusterIP: "fd00::10", clusterIPs: ["fd00::10"], ports: [{port: 80}]}}
            ---
            {kind: Service, metadata: {name: empty, namespace: team}, spec: {clusterIP: None, ports: [{name: http, port: 80}]}}
            """);
    static final DnsAnswers ANSWERS = new DnsAnswers(VIEW);

    static Stream<Arguments> clusterNames() {
        return Stream.of(
                arguments("web.team.svc.cluster.local", Type.A, Rcode.NOERROR, List.of("A 10.96.0.10")),
                arguments("WEB.Team.SVC.cluster.LOCAL", Type.A, Rcode.NOERROR, List.of("A 10.96.0.10")),
                arguments("web.team.svc.cluster.local", Type.AAAA, Rcode.NOERROR, List.of()),
                arguments("db.team.svc.cluster.local", Type.A, Rcode.NOERROR, List.of("A 10.0.0.1", "A 10.0.0.2")),
                arguments("eager.team.svc.cluster.local", Type.A, Rcode.NOERROR, List.of("A 10.0.0.4")),
                arguments("db-0.db.team.svc.cluster.local", Type.A, Rcode.NOERROR, List.of("A 10.0.0.1")),
                arguments("10-0-0-2.db.team.svc.cluster.local", Type.A, Rcode.NOERROR, List.of("A 10.0.0.2")),
                arguments("10-0-0-3.db.team.svc.cluster.local", Type.A, Rcode.NXDOMAIN, List.of()),
                arguments("manual.team.svc.cluster.local", Type.A, Rcode.NOERROR, List.of("A 192.0.2.10")),
                arguments("six.team.svc.cluster.local", Type.AAAA, Rcode.NOERROR, List.of("AAAA fd00:0:0:0:0:0:0:10")),
                arguments("six.team.svc.cluster.local", Type.A, Rcode.NOERROR, List.of()),
                arguments("empty.team.svc.cluster.local", Type.A, Rcode.NOERROR, List.of()),
                arguments("ext.team.svc.cluster.local", Type.A, Rcode.NOERROR, List.of("CNAME example.org.")),
                arguments("ext.team.svc.cluster.local", Type.CNAME, Rcode.NOERROR, List.of("CNAME example.org.")),
                arguments("alias.team.svc.cluster.local", Type.A, Rcode.NOERROR, List.of("CNAME web.team.svc.cluster.local.", "A 10.96.0.10")),
                arguments("_http._tcp.web.team.svc.cluster.local", Type.SRV, Rcode.NOERROR, List.of("SRV 0 100 80 web.team.svc.cluster.local.")),
                arguments("_HTTP._Tcp.web.team.svc.cluster.local", Type.SRV, Rcode.NOERROR, List.of("SRV 0 100 80 web.team.svc.cluster.local.")),
                arguments("_dns._udp.web.team.svc.cluster.local", Type.SRV, Rcode.NOERROR, List.of("SRV 0 100 53 web.team.svc.cluster.local.")),
                arguments("_http._udp.web.team.svc.cluster.local", Type.SRV, Rcode.NXDOMAIN, List.of()),
                arguments("web.team.svc.cluster.local", Type.SRV, Rcode.NOERROR,
                        List.of("SRV 0 50 80 web.team.svc.cluster.local.", "SRV 0 50 53 web.team.svc.cluster.local.")),
                arguments("_pg._tcp.db.team.svc.cluster.local", Type.SRV, Rcode.NOERROR,
                        List.of("SRV 0 50 5432 db-0.db.team.svc.cluster.local.", "SRV 0 50 5432 10-0-0-2.db.team.svc.cluster.local.")),
                arguments("_http._tcp.manual.team.svc.cluster.local", Type.SRV, Rcode.NOERROR,
                        List.of("SRV 0 100 8080 192-0-2-10.manual.team.svc.cluster.local.")),
                arguments("_http._tcp.empty.team.svc.cluster.local", Type.SRV, Rcode.NOERROR, List.of()),
                arguments("_tcp.web.team.svc.cluster.local", Type.A, Rcode.NOERROR, List.of()),
                arguments("_http.web.team.svc.cluster.local", Type.A, Rcode.NXDOMAIN, List.of()),
                arguments("_sctp.web.team.svc.cluster.local", Type.A, Rcode.NXDOMAIN, List.of()),
                arguments("web.team.svc.cluster.local", Type.ANY, Rcode.NOERROR,
                        List.of("A 10.96.0.10", "SRV 0 50 80 web.team.svc.cluster.local.", "SRV 0 50 53 web.team.svc.cluster.local.")),
                arguments("10-0-0-5.team.pod.cluster.local", Type.A, Rcode.NOERROR, List.of("A 10.0.0.5")),
                arguments("fd00--5.team.pod.cluster.local", Type.AAAA, Rcode.NOERROR, List.of("AAAA fd00:0:0:0:0:0:0:5")),
                arguments("web.team.pod.cluster.local", Type.A, Rcode.NXDOMAIN, List.of()),
                arguments("team.svc.cluster.local", Type.A, Rcode.NOERROR, List.of()),
                arguments("svc.cluster.local", Type.A, Rcode.NOERROR, List.of()),
                arguments("team.pod.cluster.local", Type.A, Rcode.NOERROR, List.of()),
                arguments("cluster.local", Type.A, Rcode.NOERROR, List.of()),
                arguments("nobody.svc.cluster.local", Type.A, Rcode.NXDOMAIN, List.of()),
                arguments("missing.team.svc.cluster.local", Type.A, Rcode.NXDOMAIN, List.of()),
                arguments("a.b.web.team.svc.cluster.local", Type.A, Rcode.NXDOMAIN, List.of()),
                arguments("www.cluster.local", Type.A, Rcode.NXDOMAIN, List.of()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("clusterNames")
    void namesOfTheClusterAreAnsweredAuthoritatively(String name, int type, int rcode, List<String> answers) {
        Message query = query(name, type);
        Message response = ANSWERS.answer(query).orElseThrow();
        assertThat(response.getHeader().getID()).isEqualTo(query.getHeader().getID());
        assertThat(response.getQuestion()).isEqualTo(query.getQuestion());
        assertThat(response.getHeader().getFlag(Flags.QR)).isTrue();
        assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(response.getHeader().getFlag(Flags.RD)).isTrue();
        assertThat(response.getHeader().getFlag(Flags.RA)).isTrue();
        assertThat(Rcode.string(response.getRcode())).isEqualTo(Rcode.string(rcode));
        assertThat(response.getSection(Section.ANSWER)).map(DnsAnswersTest::typeAndData).containsExactlyElementsOf(answers);
        assertThat(response.getSection(Section.ANSWER)).allSatisfy(r -> assertThat(r.getTTL()).isEqualTo(DnsAnswers.TTL));
        if (answers.isEmpty()) {
            assertThat(response.getSection(Section.AUTHORITY)).singleElement().isInstanceOfSatisfying(SOARecord.class,
                    soa -> assertThat(soa.getName()).hasToString("cluster.local."));
        } else {
            assertThat(response.getSection(Section.AUTHORITY)).isEmpty();
        }
    }

    @Test
    void answersCarryTheNameAsAsked() {
        Message response = ANSWERS.answer(query("WEB.Team.svc.cluster.local", Type.A)).orElseThrow();
        assertThat(response.getSection(Section.ANSWER).get(0).getName().toString()).isEqualTo("WEB.Team.svc.cluster.local.");
    }

    @Test
    void srvAnswersCarryTheTargetsAddressesInTheAdditionalSection() {
        Message clusterIp = ANSWERS.answer(query("_http._tcp.web.team.svc.cluster.local", Type.SRV)).orElseThrow();
        assertThat(clusterIp.getSection(Section.ADDITIONAL)).map(r -> r.getName() + " " + typeAndData(r))
                .containsExactly("web.team.svc.cluster.local. A 10.96.0.10");
        Message headless = ANSWERS.answer(query("_pg._tcp.db.team.svc.cluster.local", Type.SRV)).orElseThrow();
        assertThat(headless.getSection(Section.ADDITIONAL)).map(r -> r.getName() + " " + typeAndData(r)).containsExactly(
                "db-0.db.team.svc.cluster.local. A 10.0.0.1", "10-0-0-2.db.team.svc.cluster.local. A 10.0.0.2");
        Message plain = ANSWERS.answer(query("web.team.svc.cluster.local", Type.A)).orElseThrow();
        assertThat(plain.getSection(Section.ADDITIONAL)).isEmpty();
    }

    static Stream<Arguments> reverseNames() {
        return Stream.of(
                arguments("10.96.0.10", List.of("PTR web.team.svc.cluster.local.")),
                arguments("10.0.0.1", List.of("PTR db-0.db.team.svc.cluster.local.")),
                arguments("10.0.0.2", List.of("PTR 10-0-0-2.db.team.svc.cluster.local.")),
                arguments("192.0.2.10", List.of("PTR 192-0-2-10.manual.team.svc.cluster.local.")),
                arguments("fd00::10", List.of("PTR six.team.svc.cluster.local.")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reverseNames")
    void clusterIpsAndHeadlessEndpointsHavePtrRecords(String ip, List<String> answers) throws UnknownHostException {
        Message query = Message.newQuery(Record.newRecord(ReverseMap.fromAddress(InetAddress.getByName(ip)), Type.PTR, DClass.IN));
        Message response = ANSWERS.answer(query).orElseThrow();
        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(response.getSection(Section.ANSWER)).map(DnsAnswersTest::typeAndData).containsExactlyElementsOf(answers);
    }

    static Stream<Arguments> notTheClusters() {
        return Stream.of(
                arguments("example.org", Type.A),
                arguments("cluster.local.example.org", Type.A),
                arguments("9.9.9.10.in-addr.arpa", Type.PTR),
                arguments("3.0.0.10.in-addr.arpa", Type.PTR),
                arguments("0.10.in-addr.arpa", Type.PTR),
                arguments("10.0.96.10.in-addr.arpa", Type.TXT));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("notTheClusters")
    void otherNamesAreLeftToTheUpstreams(String name, int type) {
        assertThat(ANSWERS.answer(query(name, type))).isEmpty();
    }

    @Test
    void anotherClusterDomainIsServed() {
        DnsAnswers custom = new DnsAnswers(VIEW, "corp.internal");
        assertThat(custom.answer(query("web.team.svc.corp.internal", Type.A)).orElseThrow().getSection(Section.ANSWER))
                .map(DnsAnswersTest::typeAndData).containsExactly("A 10.96.0.10");
        assertThat(custom.answer(query("web.team.svc.cluster.local", Type.A))).isEmpty();
    }

    @Test
    void theApexAnswersItsSoa() {
        Message response = ANSWERS.answer(query("cluster.local", Type.SOA)).orElseThrow();
        assertThat(response.getSection(Section.ANSWER)).singleElement().isInstanceOf(SOARecord.class);
    }

    @Test
    void aQueryWithoutRecursionDesiredGetsNoRdBack() {
        Message query = query("web.team.svc.cluster.local", Type.A);
        query.getHeader().unsetFlag(Flags.RD);
        Message response = ANSWERS.answer(query).orElseThrow();
        assertThat(response.getHeader().getFlag(Flags.RD)).isFalse();
        assertThat(response.getHeader().getFlag(Flags.RA)).isTrue();
    }

    @Test
    void answersFollowTheViewAsItChanges() {
        FakeDnsView view = new FakeDnsView();
        DnsAnswers answers = new DnsAnswers(view);
        assertThat(answers.answer(query("late.team.svc.cluster.local", Type.A)).orElseThrow().getRcode()).isEqualTo(Rcode.NXDOMAIN);
        view.add("{kind: Service, metadata: {name: late, namespace: team}, spec: {clusterIP: 10.96.0.99}}");
        assertThat(answers.answer(query("late.team.svc.cluster.local", Type.A)).orElseThrow().getSection(Section.ANSWER))
                .map(DnsAnswersTest::typeAndData).containsExactly("A 10.96.0.99");
    }

    static Message query(String name, int type) {
        try {
            return Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String typeAndData(Record r) {
        return Type.string(r.getType()) + " " + r.rdataToString();
    }
}
