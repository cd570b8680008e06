package dev.podium.bench;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An HTTPS server on loopback for benchmarks and tests that need one (webhooks, extension API
 * servers), with a self-signed certificate made by the JDK's keytool for 127.0.0.1 and the DNS
 * names given; {@link #caBundle} is that certificate as kube's caBundle fields carry it (base64
 * of the PEM).
 */
public final class LocalHttpsServer implements AutoCloseable {
    private final HttpsServer server;
    private final String caBundle;

    private LocalHttpsServer(HttpsServer server, String caBundle) {
        this.server = server;
        this.caBundle = caBundle;
    }

    /** A server whose certificate names 127.0.0.1 and each of {@code dnsNames}. */
    public static LocalHttpsServer start(String... dnsNames) throws Exception {
        Path dir = Files.createTempDirectory("podium-tls");
        Path keystore = dir.resolve("server.p12");
        StringBuilder san = new StringBuilder("san=ip:127.0.0.1");
        for (String d : dnsNames) san.append(",dns:").append(d);
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=podium-test",
                "-ext", san.toString(), "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        Path pem = dir.resolve("server.pem");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass", "changeit", "-file", pem.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-https");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new LocalHttpsServer(server, Base64.getEncoder().encodeToString(Files.readString(pem).getBytes(StandardCharsets.UTF_8)));
    }

    private static void keytool(String... args) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = new java.util.ArrayList<>(List.of(keytool.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed (the JDK's keytool makes the test certificate): " + out);
        }
    }

    public void handle(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String caBundle() {
        return caBundle;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
