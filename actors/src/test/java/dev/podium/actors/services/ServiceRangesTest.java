package dev.podium.actors.services;

import dev.podium.actors.services.Allocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceRangesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "10.96.0.0, false", "10.96.0.1, true", "10.100.7.9, true", "10.111.255.254, true", "10.111.255.255, false",
            "10.112.0.1, false", "10.95.255.255, false", "::ffff:10.96.0.5, false", "fd00::1, false",
    })
    void clusterIpRangeIs10_96_0_0Slash12WithoutNetworkAndBroadcast(String ip, boolean inRange) {
        assertThat(ServiceRanges.contains(new Allocation.ClusterIP(ip))).isEqualTo(inRange);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"29999, false", "30000, true", "32767, true", "32768, false"})
    void nodePortRangeIs30000To32767(int port, boolean inRange) {
        assertThat(ServiceRanges.contains(new Allocation.NodePort(port))).isEqualTo(inRange);
    }

    @Test
    void randomPicksStayInTheirRangesAndSkipTheKubernetesServiceAddress() {
        Random random = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            Allocation.ClusterIP ip = ServiceRanges.randomClusterIP(random);
            assertThat(ServiceRanges.contains(ip)).as(ip.ip()).isTrue();
            assertThat(ip.ip()).isNotEqualTo("10.96.0.1");
            assertThat(ServiceRanges.contains(ServiceRanges.randomNodePort(random))).isTrue();
        }
    }
}
