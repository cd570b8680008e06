package dev.podium.launcher;

import dev.podium.persistence.watch.WatchCache;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ApiCertificatesTest {
    private static final Instant START = Instant.parse("2026-12-06T00:00:00Z");

    @Test
    void theServingCertificateIsRenewedOnceAThirdOfItsLifeIsLeftAndNewConnectionsGetIt() throws Exception {
        Path data = Files.createTempDirectory("podium-certs");
        NodeSettings.ApiAccess access = NodeSettings.ApiAccess.secure(data.resolve("pki"));
        Clock now = Clock.fixed(START, ZoneOffset.UTC);
        var tokens = ApiCertificates.serviceAccountTokens(data.resolve("pki"), new WatchCache(10), now);
        ApiCertificates.Material material = ApiCertificates.prepare(access, data, "127.0.0.1", now, tokens);
        X509Certificate first = material.security().tls().serving().certificate();
        assertThat(first.getSubjectAlternativeNames().toString()).contains("127.0.0.1", "10.96.0.1", "kubernetes.default.svc", "localhost");

        assertThat(ApiCertificates.renewIfDue(material, access, data, "127.0.0.1", Clock.offset(now, Duration.ofDays(200)))).isFalse();
        assertThat(ApiCertificates.renewIfDue(material, access, data, "127.0.0.1", Clock.offset(now, Duration.ofDays(250)))).isTrue();
        X509Certificate renewed = material.security().tls().serving().certificate();
        assertThat(renewed.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
        assertThat(renewed.getNotAfter().toInstant()).isAfter(first.getNotAfter().toInstant());
        assertThat(Files.readString(data.resolve("pki").resolve("apiserver.crt")))
                .isEqualTo(dev.podium.http.security.pki.Pem.certificate(renewed));
    }
}
