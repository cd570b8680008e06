package dev.podium.actors.proxy;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Tcp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** One userspace listener for a TCP Service address: each connection is joined to an endpoint the balancer picks. */
final class TcpListener implements UserspaceListener {
    private static final Logger log = LoggerFactory.getLogger(TcpListener.class);
    private final CompletionStage<Tcp.ServerBinding> binding;

    TcpListener(ActorSystem<?> system, String ip, int port, Balancer balancer) {
        Tcp tcp = Tcp.get(system);
        binding = tcp.bind(ip, port).to(Sink.foreach(conn -> {
            ProxiedPort.Backend b = balancer.pick(conn.remoteAddress().getAddress().getHostAddress());
            if (b == null) {
                conn.handleWith(org.apache.pekko.stream.javadsl.Flow.<org.apache.pekko.util.ByteString>create().take(0), system);
            } else {
                conn.handleWith(tcp.outgoingConnection(b.ip(), b.port()), system);
            }
        })).run(system);
        binding.whenComplete((b, e) -> {
            if (e != null) log.warn("userspace proxy cannot listen on {}:{}/TCP: {}", ip, port, e.getMessage());
        });
    }

    @Override
    public void close() {
        try {
            binding.toCompletableFuture().get(5, TimeUnit.SECONDS).unbind().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // never bound, or already gone
        }
    }
}
