package dev.podium.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.kubelet.LocalNode;
import dev.podium.actors.kubelet.LocalNodes;
import dev.podium.http.security.MemberLink;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.json.Json;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import dev.podium.runtime.ExecRequest;
import dev.podium.runtime.ExecSession;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.StreamConverters;
import org.apache.pekko.util.ByteString;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * pods/exec and pods/attach over WebSocket, as kubectl 1.32 and the official clients speak them
 * ({@link StreamChannels}): the container's runtime runs the command (or follows the main
 * process) and its streams go to the client; the session ends with the Status carrying the exit
 * code. A pod on a node another member hosts is relayed to that member's API, as kube's API
 * server relays to the kubelet. Only WebSocket is served: a SPDY upgrade gets kube's
 * "Upgrade request required" (kubectl falls back to SPDY only after a failed WebSocket upgrade).
 */
final class ExecHandler {
    private static final String FORWARDED = "X-Podium-Forwarded-Exec";
    private final ActorSystem<?> system;
    private final WatchCache cache;
    private final LocalNodes nodes;
    private final MemberLink members;

    ExecHandler(ActorSystem<?> system, WatchCache cache, LocalNodes nodes, MemberLink members) {
        this.members = members;
        this.system = system;
        this.cache = cache;
        this.nodes = nodes;
    }

    HttpResponse handle(HttpRequest http, ApiPath path) {
        boolean attach = path.subresource().equals("attach");
        String podName = path.name();
        ObjectNode pod = cache.get("Pod", path.namespace() + "/" + podName).map(CachedObject::object)
                .orElseThrow(() -> new ApiException(ApiError.notFound("", "pods", podName)));
        var query = http.getUri().query();
        String container = LogHandler.container(pod, query.get("container").orElse(null));
        // Query.getAll lists repeated values last first; toList keeps the client's order
        List<String> command = attach ? List.of() : query.toList().stream().filter(p -> p.first().equals("command")).map(p -> p.second()).toList();
        if (!attach && command.isEmpty()) throw new ApiException(ApiError.badRequest("you must specify at least 1 command"));
        String phase = pod.path("status").path("phase").asText("");
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
            throw new ApiException(ApiError.badRequest("cannot " + (attach ? "attach to" : "exec into") + " a container in a completed pod; current phase is " + phase));
        }
        String nodeName = pod.path("spec").path("nodeName").asText("");
        if (nodeName.isEmpty()) throw new ApiException(ApiError.badRequest("pod " + podName + " does not have a host assigned"));
        WebSocketUpgrade upgrade = http.getAttribute(AttributeKeys.webSocketUpgrade)
                .orElseThrow(() -> new ApiException(ApiError.badRequest("Upgrade request required")));
        String protocol = StreamChannels.choose(upgrade.getRequestedProtocols()).orElseThrow(() -> new ApiException(ApiError.badRequest(
                "none of the requested WebSocket subprotocols is supported; use one of " + StreamChannels.PROTOCOLS)));
        Optional<LocalNode> local = nodes.get(nodeName);
        if (local.isEmpty()) return relay(http, upgrade, protocol, nodeName, podName);
        boolean stdin = query.get("stdin").map(QueryBool::parse).orElse(false);
        boolean tty = query.get("tty").map(QueryBool::parse).orElse(false);
        String uid = pod.path("metadata").path("annotations").path("kubernetes.io/config.mirror").asText(pod.path("metadata").path("uid").asText());
        ExecSession session;
        try {
            session = local.get().runtime().exec(new ExecRequest(uid, container, command, stdin, tty));
        } catch (IllegalStateException e) {
            throw new ApiException(ApiError.badRequest(e.getMessage()));
        } catch (IllegalArgumentException e) {
            // the session opened, then the command could not start: kube reports it on the error stream
            ObjectNode status = Json.object();
            status.putObject("metadata");
            status.put("status", "Failure").put("message", "error executing command in container: " + e.getMessage()).put("reason", "InternalError")
                    .put("code", 500);
            Source<Message, ?> only = Source.single(StreamChannels.frame(StreamChannels.ERROR, ByteString.fromArray(Json.bytes(status))));
            return upgrade.handleMessagesWith(Flow.fromSinkAndSourceCoupled(Sink.ignore(), only), protocol);
        }
        return upgrade.handleMessagesWith(streams(session, command, tty), protocol);
    }

    private Flow<Message, Message, ?> streams(ExecSession session, List<String> command, boolean tty) {
        Source<Message, ?> out = StreamConverters.fromInputStream(session::stdout).map(b -> StreamChannels.frame(StreamChannels.STDOUT, b));
        if (!tty) out = out.merge(StreamConverters.fromInputStream(session::stderr).map(b -> StreamChannels.frame(StreamChannels.STDERR, b)));
        Source<Message, ?> ending = Source.completionStage(session.exitCode().thenApply(code -> StreamChannels.frame(StreamChannels.ERROR,
                ByteString.fromArray(Json.bytes(StreamChannels.exitStatus(code, command))))));
        Source<Message, ?> outgoing = out.concat(ending).watchTermination((mat, done) -> {
            done.whenComplete((d, e) -> session.close());
            return mat;
        });
        Materializer mat = Materializer.matFromSystem(system);
        Sink<Message, ?> incoming = StreamChannels.bytes(mat).to(Sink.foreach(data -> toSession(session, data)));
        return Flow.fromSinkAndSourceCoupled(incoming, outgoing);
    }

    /** Client frames: stdin bytes, v5's close of stdin; resizes are not applied (the terminal keeps its size). */
    private static void toSession(ExecSession session, ByteString data) throws IOException {
        if (data.isEmpty()) return;
        int channel = data.apply(0) & 0xff;
        OutputStream stdin = session.stdin();
        if (stdin == null) return;
        if (channel == StreamChannels.STDIN) {
            stdin.write(data.drop(1).toArray());
            stdin.flush();
        } else if (channel == StreamChannels.CLOSE && data.size() > 1 && data.apply(1) == StreamChannels.STDIN) {
            stdin.close();
        }
    }

    /** The pod's node is another member's: the WebSocket goes on to that member's API. */
    HttpResponse relay(HttpRequest http, WebSocketUpgrade upgrade, String protocol, String nodeName, String podName) {
        JsonNode node = cache.get("Node", nodeName).map(c -> (JsonNode) c.object())
                .orElseThrow(() -> new ApiException(ApiError.notFound("", "nodes", nodeName)));
        String member = LogProxy.memberAddress(node);
        if (member.isEmpty() || http.getHeader(FORWARDED).isPresent()) {
            throw new ApiException(new ApiError(503, "ServiceUnavailable", "pod " + podName + " runs on node " + nodeName
                    + ", and no member serving it is known; is the Podium JVM hosting " + nodeName + " running?", null));
        }
        String target = members.webSocketUrl(member, http.getUri().path() + http.getUri().rawQueryString().map(q -> "?" + q).orElse(""));
        List<org.apache.pekko.http.javadsl.model.HttpHeader> headers = new ArrayList<>();
        headers.add(RawHeader.create(FORWARDED, "1"));
        http.getHeader("Authorization").ifPresent(headers::add);
        // a subprotocol that is no RFC 6455 token (kubectl port-forward's SPDY/3.1+portforward.k8s.io) goes as a plain header, which the other member reads itself
        boolean token = protocol.chars().allMatch(c -> Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
        WebSocketRequest request = token ? WebSocketRequest.create(target).requestSubprotocol(protocol) : WebSocketRequest.create(target);
        if (!token) headers.add(RawHeader.create("Sec-WebSocket-Protocol", protocol));
        for (var h : headers) request = request.addHeader(h);
        return StreamChannels.accept(upgrade, members.webSocket(system, request), protocol);
    }
}
