package dev.podium.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import org.apache.pekko.http.javadsl.model.ws.BinaryMessage;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.util.ByteString;

import java.util.List;
import java.util.Optional;

/**
 * Kubernetes' channel protocol for exec and attach over WebSocket ({@code v4.channel.k8s.io},
 * {@code v5.channel.k8s.io}): each binary message starts with its stream's number (0 stdin,
 * 1 stdout, 2 stderr, 3 the final Status, 4 terminal resizes); v5 adds 255, by which the client
 * closes a stream (its stdin).
 */
final class StreamChannels {
    static final int STDIN = 0;
    static final int STDOUT = 1;
    static final int STDERR = 2;
    static final int ERROR = 3;
    static final int RESIZE = 4;
    static final int CLOSE = 255;
    static final List<String> PROTOCOLS = List.of("v5.channel.k8s.io", "v4.channel.k8s.io");

    private StreamChannels() {}

    /** The newest protocol both sides speak, as the client lists its own. */
    static Optional<String> choose(Iterable<String> offered) {
        for (String ours : PROTOCOLS) {
            for (String theirs : offered) if (theirs.trim().equals(ours)) return Optional.of(ours);
        }
        return Optional.empty();
    }

    /** Each client message as its bytes (text or binary, however the client streamed it). */
    static org.apache.pekko.stream.javadsl.Flow<Message, ByteString, org.apache.pekko.NotUsed> bytes(org.apache.pekko.stream.Materializer mat) {
        return org.apache.pekko.stream.javadsl.Flow.<Message>create()
                .mapAsync(1, m -> m.isText() ? m.asTextMessage().toStrict(5_000, mat).thenApply(t -> ByteString.fromString(t.getStrictText()))
                        : m.asBinaryMessage().toStrict(5_000, mat).thenApply(b -> b.getStrictData()));
    }

    /**
     * Accepts the WebSocket with {@code protocol}; one that is no RFC 6455 token (kubectl
     * port-forward's SPDY/3.1+portforward.k8s.io) Pekko does not list as requested, so the answer
     * names it in a header of its own.
     */
    static org.apache.pekko.http.javadsl.model.HttpResponse accept(org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade upgrade,
                                                                 org.apache.pekko.stream.javadsl.Flow<Message, Message, ?> flow, String protocol) {
        for (String parsed : upgrade.getRequestedProtocols()) if (parsed.equals(protocol)) return upgrade.handleMessagesWith(flow, protocol);
        return upgrade.handleMessagesWith(flow).addHeader(org.apache.pekko.http.javadsl.model.headers.RawHeader.create("Sec-WebSocket-Protocol", protocol));
    }

    static Message frame(int channel, ByteString data) {
        return BinaryMessage.create(ByteString.fromArray(new byte[] {(byte) channel}).concat(data));
    }

    /** The Status that ends a session: Success, or kube's NonZeroExitCode with the exit code as a cause. */
    static ObjectNode exitStatus(int exitCode, List<String> command) {
        ObjectNode status = Json.object();
        status.putObject("metadata");
        if (exitCode == 0) return status.put("status", "Success");
        status.put("status", "Failure").put("message", "command terminated with non-zero exit code: error executing command "
                + command + ", exit code " + exitCode).put("reason", "NonZeroExitCode");
        status.putObject("details").putArray("causes").addObject().put("reason", "ExitCode").put("message", Integer.toString(exitCode));
        return status;
    }
}
