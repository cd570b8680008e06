package dev.podium.tests;

import dev.podium.persistence.db.DatabaseProfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP link between Podium and the real PostgreSQL that a test can cut: every connection is
 * dropped and new ones are refused, as when the database server stops, then restored on the same
 * port. Podium connects to {@link #profile()}.
 */
final class DatabaseLink implements AutoCloseable {
    private final DatabaseProfile target;
    private final String host;
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    private DatabaseLink(DatabaseProfile target) throws IOException {
        this.target = target;
        URI uri = URI.create(target.url().substring("jdbc:".length()));
        this.host = uri.getHost();
        this.targetPort = uri.getPort() < 0 ? 5432 : uri.getPort();
        this.port = ApiClient.freePort();
        listen();
    }

    static DatabaseLink to(DatabaseProfile target) throws IOException {
        return new DatabaseLink(target);
    }

    DatabaseProfile profile() {
        String url = target.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + port + "/");
        return new DatabaseProfile(target.kind(), url, target.user(), target.password());
    }

    /** Drops every connection and refuses new ones. */
    synchronized void cut() throws IOException {
        listener.close();
        for (Socket s : open) s.close();
        open.clear();
    }

    synchronized void restore() throws IOException {
        listen();
    }

    private void listen() throws IOException {
        ServerSocket server = new ServerSocket(port, 128, InetAddress.getLoopbackAddress());
        server.setReuseAddress(true);
        listener = server;
        Thread accept = new Thread(() -> accept(server), "database-link-accept");
        accept.setDaemon(true);
        accept.start();
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(host, targetPort);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // the listener was closed by cut() or close()
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) out.write(buf, 0, n);
            } catch (IOException e) {
                // the link was cut or one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "database-link-pump");
        t.setDaemon(true);
        t.start();
    }

    private void closeQuietly(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
