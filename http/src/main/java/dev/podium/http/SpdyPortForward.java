package dev.podium.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ws.BinaryMessage;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;
import org.apache.pekko.util.ByteString;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * kubectl port-forward's protocol: SPDY/3.1 streams ({@code portforward.k8s.io}), which kubectl
 * 1.32 tunnels through a WebSocket ({@code SPDY/3.1+portforward.k8s.io}). For each local
 * connection kubectl opens an error stream and a data stream (headers streamtype, port,
 * requestid); each gets a reply, the data stream is joined to a TCP connection to the pod's IP at
 * that port, and the error stream carries a failure to connect, then ends with the data stream.
 * Netty's SPDY codec reads and writes the frames (header compression included).
 */
final class SpdyPortForward {
    static final String TUNNEL_PROTOCOL = "SPDY/3.1+portforward.k8s.io";

    private final ActorSystem<?> system;
    private final String podIP;
    private final EmbeddedChannel codec = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
    private final Map<Integer, Socket> connections = new ConcurrentHashMap<>();
    private final Map<String, Integer> errorStreams = new ConcurrentHashMap<>();
    private SourceQueueWithComplete<Message> out;

    private SpdyPortForward(ActorSystem<?> system, String podIP) {
        this.system = system;
        this.podIP = podIP;
    }

    static Flow<Message, Message, ?> flow(ActorSystem<?> system, String podIP) {
        SpdyPortForward session = new SpdyPortForward(system, podIP);
        Materializer mat = Materializer.matFromSystem(system);
        var queued = Source.<Message>queue(256, OverflowStrategy.backpressure(), 64).preMaterialize(mat);
        session.out = queued.first();
        Sink<Message, ?> in = StreamChannels.bytes(mat).to(Sink.foreach(session::received));
        Source<Message, ?> outgoing = queued.second().watchTermination((m, done) -> {
            done.whenComplete((d, e) -> session.close());
            return m;
        });
        return Flow.fromSinkAndSourceCoupled(in, outgoing);
    }

    private void received(ByteString bytes) {
        java.util.List<SpdyFrame> frames = new java.util.ArrayList<>();
        synchronized (codec) {
            codec.writeInbound(Unpooled.wrappedBuffer(bytes.toArray()));
            for (Object f; (f = codec.readInbound()) != null; ) frames.add((SpdyFrame) f);
        }
        for (SpdyFrame frame : frames) handle(frame);
    }

    private void handle(SpdyFrame frame) {
        if (frame instanceof SpdySynStreamFrame syn) {
            opened(syn);
        } else if (frame instanceof SpdyDataFrame data) {
            Socket socket = connections.get(data.streamId());
            try {
                if (socket != null && data.content().isReadable()) {
                    byte[] chunk = new byte[data.content().readableBytes()];
                    data.content().readBytes(chunk);
                    socket.getOutputStream().write(chunk);
                }
                if (socket != null && data.isLast()) socket.shutdownOutput();
            } catch (IOException closed) {
                // the pod's side is gone already: the pump ends the streams; the session goes on for other connections
            } finally {
                data.release();
            }
        } else if (frame instanceof SpdyPingFrame ping) {
            send(new DefaultSpdyPingFrame(ping.id()));
        } else if (frame instanceof SpdyRstStreamFrame rst) {
            Socket socket = connections.remove(rst.streamId());
            try {
                if (socket != null) socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void opened(SpdySynStreamFrame syn) {
        String type = syn.headers().getAsString("streamtype");
        String requestId = syn.headers().getAsString("requestid");
        String portText = syn.headers().getAsString("port");
        // Netty writes no header block at all for an empty header set, which Go's SPDY framer cannot read: echo the stream type
        DefaultSpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(syn.streamId());
        reply.headers().set("streamtype", type == null ? "" : type);
        send(reply);
        if ("error".equals(type)) {
            errorStreams.put(requestId == null ? "" : requestId, syn.streamId());
            return;
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException | NullPointerException e) {
            fail(requestId, syn.streamId(), "invalid port \"" + portText + "\"");
            return;
        }
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(podIP, port), 5_000);
        } catch (IOException e) {
            fail(requestId, syn.streamId(), "error forwarding port " + port + " to pod: failed to connect to " + podIP + ":" + port + ": " + e.getMessage());
            return;
        }
        connections.put(syn.streamId(), socket);
        Thread pump = new Thread(() -> pump(requestId, syn.streamId(), socket), "port-forward-" + port);
        pump.setDaemon(true);
        pump.start();
    }

    /** The pod's bytes to the data stream; at the end, both streams of the request end. */
    private void pump(String requestId, int streamId, Socket socket) {
        byte[] buf = new byte[32 * 1024];
        try (InputStream in = socket.getInputStream()) {
            for (int n; (n = in.read(buf)) > 0; ) send(new DefaultSpdyDataFrame(streamId, Unpooled.copiedBuffer(buf, 0, n)));
        } catch (IOException closed) {
            // the client or the pod closed the connection
        }
        end(streamId);
        Integer error = errorStreams.remove(requestId == null ? "" : requestId);
        if (error != null) end(error);
        connections.remove(streamId);
    }

    private void fail(String requestId, int dataStream, String message) {
        Integer error = errorStreams.remove(requestId == null ? "" : requestId);
        if (error != null) {
            send(new DefaultSpdyDataFrame(error, Unpooled.copiedBuffer(message, StandardCharsets.UTF_8)));
            end(error);
        }
        end(dataStream);
    }

    private void end(int streamId) {
        DefaultSpdyDataFrame last = new DefaultSpdyDataFrame(streamId);
        last.setLast(true);
        send(last);
    }

    private void send(SpdyFrame frame) {
        ByteString bytes = ByteString.emptyByteString();
        synchronized (codec) {
            codec.writeOutbound(frame);
            for (Object o; (o = codec.readOutbound()) != null; ) {
                ByteBuf b = (ByteBuf) o;
                byte[] arr = new byte[b.readableBytes()];
                b.readBytes(arr);
                b.release();
                bytes = bytes.concat(ByteString.fromArray(arr));
            }
        }
        if (!bytes.isEmpty()) out.offer(BinaryMessage.create(bytes)).toCompletableFuture().join();
    }

    private void close() {
        connections.values().forEach(s -> {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        });
        synchronized (codec) {
            codec.finishAndReleaseAll();
        }
    }
}
