package dev.podium.http.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.network.TlsSecret;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ingress proxy's certificates: the handshake's SNI host name picks the Ingress TLS entry
 * covering it, whose {@code kubernetes.io/tls} Secret (tls.crt, tls.key in PEM) is read from the
 * cache, parsed once per Secret version. A handshake whose host no TLS entry covers fails.
 */
final class IngressTls extends X509ExtendedKeyManager {
    private static final Logger log = LoggerFactory.getLogger(IngressTls.class);

    private record KeyMaterial(String version, X509Certificate[] chain, PrivateKey key) {}

    private final WatchCache cache;
    private final IngressTable table;
    private final Map<String, KeyMaterial> parsed = new ConcurrentHashMap<>();

    IngressTls(WatchCache cache, IngressTable table) {
        this.cache = cache;
        this.table = table;
    }

    SSLContext context() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new KeyManager[] {this}, null, null);
        return ctx;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        Optional<TlsSecret> secret = sni(engine.getHandshakeSession()).flatMap(host -> table.routing().tlsSecret(host));
        if (secret.isEmpty()) return null;
        String alias = secret.get().namespace() + "/" + secret.get().secretName();
        return material(alias).filter(m -> keyType.startsWith(m.key().getAlgorithm()) || m.key().getAlgorithm().startsWith(keyType))
                .map(m -> alias).orElse(null);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return material(alias).map(KeyMaterial::chain).orElse(null);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return material(alias).map(KeyMaterial::key).orElse(null);
    }

    private static Optional<String> sni(SSLSession session) {
        if (!(session instanceof ExtendedSSLSession s)) return Optional.empty();
        for (SNIServerName name : s.getRequestedServerNames()) {
            if (name instanceof SNIHostName host) return Optional.of(host.getAsciiName());
        }
        return Optional.empty();
    }

    private Optional<KeyMaterial> material(String alias) {
        Optional<CachedObject> secret = cache.get("Secret", alias);
        if (secret.isEmpty()) return Optional.empty();
        String version = secret.get().object().path("metadata").path("resourceVersion").asText();
        KeyMaterial known = parsed.get(alias);
        if (known != null && known.version().equals(version)) return Optional.of(known);
        try {
            KeyMaterial fresh = parse(version, secret.get().object().path("data"));
            parsed.put(alias, fresh);
            return Optional.of(fresh);
        } catch (Exception e) {
            log.warn("ingress TLS Secret {} cannot be used: {}", alias, e.getMessage());
            return Optional.empty();
        }
    }

    private static KeyMaterial parse(String version, JsonNode data) throws Exception {
        byte[] crt = Base64.getDecoder().decode(data.path("tls.crt").asText());
        String key = new String(Base64.getDecoder().decode(data.path("tls.key").asText()), StandardCharsets.UTF_8);
        X509Certificate[] chain = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(crt))
                .stream().map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        if (chain.length == 0) throw new IllegalArgumentException("tls.crt holds no certificate");
        try (PEMParser pem = new PEMParser(new StringReader(key))) {
            Object read = pem.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            PrivateKey privateKey = read instanceof PEMKeyPair pair ? converter.getKeyPair(pair).getPrivate()
                    : read instanceof PrivateKeyInfo info ? converter.getPrivateKey(info) : null;
            if (privateKey == null) throw new IllegalArgumentException("tls.key holds no unencrypted private key");
            return new KeyMaterial(version, chain, privateKey);
        }
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
