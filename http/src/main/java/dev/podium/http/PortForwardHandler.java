package dev.podium.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.kubelet.LocalNodes;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.StreamConverters;
import org.apache.pekko.util.ByteString;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * pods/portforward over WebSocket as the official clients speak it ({@code v4.channel.k8s.io},
 * {@code portforward.k8s.io}): the i-th requested port has data channel 2i and error channel
 * 2i+1, each opened by a frame carrying the port (two bytes, little-endian); bytes on a data
 * channel go to a TCP connection to the pod's IP at that port, and back. kubectl's SPDY streams
 * tunnelled in a WebSocket go to {@link SpdyPortForward}; a bare SPDY upgrade is not served.
 */
final class PortForwardHandler {
    static final List<String> PROTOCOLS = List.of(SpdyPortForward.TUNNEL_PROTOCOL, "v4.channel.k8s.io", "portforward.k8s.io");
    private static final String SPDY_NOT_SERVED = "port forwarding is served over WebSocket (" + String.join(", ", PROTOCOLS)
            + "), not over a SPDY upgrade; kubectl 1.30 and later use WebSocket unless KUBECTL_PORT_FORWARD_WEBSOCKETS=false";
    private final ActorSystem<?> system;
    private final WatchCache cache;
    private final LocalNodes nodes;
    private final ExecHandler relay;

    PortForwardHandler(ActorSystem<?> system, WatchCache cache, LocalNodes nodes, ExecHandler relay) {
        this.system = system;
        this.cache = cache;
        this.nodes = nodes;
        this.relay = relay;
    }

    HttpResponse handle(HttpRequest http, ApiPath path) {
        String podName = path.name();
        ObjectNode pod = cache.get("Pod", path.namespace() + "/" + podName).map(CachedObject::object)
                .orElseThrow(() -> new ApiException(ApiError.notFound("", "pods", podName)));
        boolean spdy = http.getHeader("Upgrade").map(h -> h.value().toUpperCase(java.util.Locale.ROOT).startsWith("SPDY")).orElse(false);
        WebSocketUpgrade upgrade = http.getAttribute(AttributeKeys.webSocketUpgrade)
                .orElseThrow(() -> new ApiException(ApiError.badRequest(spdy ? SPDY_NOT_SERVED : "Upgrade request required")));
        List<String> offered = offeredProtocols(http);
        String protocol = PROTOCOLS.stream().filter(offered::contains).findFirst().orElse(null);
        if (protocol == null) throw new ApiException(ApiError.badRequest(SPDY_NOT_SERVED));
        boolean tunnel = protocol.equals(SpdyPortForward.TUNNEL_PROTOCOL);
        List<Integer> ports = tunnel ? List.of() : ports(http);
        String nodeName = pod.path("spec").path("nodeName").asText("");
        String podIP = pod.path("status").path("podIP").asText("");
        if (nodeName.isEmpty() || podIP.isEmpty()) throw new ApiException(ApiError.badRequest("pod " + podName + " is not running: it has no IP yet"));
        if (nodes.get(nodeName).isEmpty()) return relay.relay(http, upgrade, protocol, nodeName, podName);
        if (nodes.get(nodeName).get().runtime().name().equals("simulated")) {
            throw new ApiException(ApiError.badRequest("pod " + podName + " runs on the simulated node " + nodeName + ", where nothing listens"));
        }
        Flow<Message, Message, ?> flow = tunnel ? SpdyPortForward.flow(system, podIP) : streams(podIP, ports);
        return StreamChannels.accept(upgrade, flow, protocol);
    }

    /** The subprotocols as the client wrote them (Pekko drops those that are not RFC 6455 tokens). */
    static List<String> offeredProtocols(HttpRequest http) {
        List<String> out = new ArrayList<>();
        for (var h : http.getHeaders()) {
            if (!h.lowercaseName().equals("sec-websocket-protocol")) continue;
            for (String p : h.value().split(",")) if (!p.isBlank()) out.add(p.trim());
        }
        return out;
    }

    /** {@code ports=8080&ports=9090} or {@code ports=8080,9090}, 1 to 65535 each. */
    private static List<Integer> ports(HttpRequest http) {
        List<Integer> ports = new ArrayList<>();
        for (var p : http.getUri().query().toList()) {
            if (!p.first().equals("ports")) continue;
            for (String part : p.second().split(",")) {
                try {
                    int port = Integer.parseInt(part.trim());
                    if (port < 1 || port > 65535) throw new NumberFormatException();
                    ports.add(port);
                } catch (NumberFormatException e) {
                    throw new ApiException(ApiError.badRequest("invalid port \"" + part.trim() + "\": must be between 1 and 65535"));
                }
            }
        }
        if (ports.isEmpty()) throw new ApiException(ApiError.badRequest("at least one port must be specified"));
        return ports;
    }

    private Flow<Message, Message, ?> streams(String podIP, List<Integer> ports) {
        List<Socket> sockets = new ArrayList<>();
        Source<Message, ?> outgoing = Source.empty();
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get(i);
            ByteString portBytes = ByteString.fromArray(new byte[] {(byte) (port & 0xff), (byte) (port >> 8)});
            Source<Message, ?> opening = Source.from(List.of(StreamChannels.frame(2 * i, portBytes), StreamChannels.frame(2 * i + 1, portBytes)));
            Socket socket = new Socket();
            sockets.add(socket);
            Source<Message, ?> data;
            try {
                socket.connect(new InetSocketAddress(podIP, port), 5_000);
                int channel = 2 * i;
                data = StreamConverters.fromInputStream(socket::getInputStream).map(b -> StreamChannels.frame(channel, b));
            } catch (IOException e) {
                data = Source.single(StreamChannels.frame(2 * i + 1, ByteString.fromString("error forwarding port " + port + " to pod: " + e.getMessage())));
            }
            outgoing = outgoing.merge(opening.concat(data));
        }
        Materializer mat = Materializer.matFromSystem(system);
        Sink<Message, ?> incoming = StreamChannels.bytes(mat).to(Sink.foreach(data -> {
                    if (data.size() < 2) return;
                    int channel = data.apply(0) & 0xff;
                    if (channel % 2 != 0 || channel / 2 >= sockets.size() || !sockets.get(channel / 2).isConnected()) return;
                    sockets.get(channel / 2).getOutputStream().write(data.drop(1).toArray());
                }));
        Source<Message, ?> closing = outgoing.watchTermination((m, done) -> {
            done.whenComplete((d, e) -> sockets.forEach(s -> {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }));
            return m;
        });
        return Flow.fromSinkAndSourceCoupled(incoming, closing);
    }
}
