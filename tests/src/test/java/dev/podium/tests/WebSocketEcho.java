package dev.podium.tests;

import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.stream.javadsl.Flow;

import java.util.concurrent.TimeUnit;

/** A WebSocket server on loopback that answers each text message with "echo: " and the message. */
final class WebSocketEcho implements AutoCloseable {
    private final ActorSystem system;
    private final ServerBinding binding;

    private WebSocketEcho(ActorSystem system, ServerBinding binding) {
        this.system = system;
        this.binding = binding;
    }

    static WebSocketEcho start() throws Exception {
        ActorSystem system = ActorSystem.create("websocket-echo");
        Flow<Message, Message, ?> echo = Flow.<Message>create().mapAsync(1, m -> m.asTextMessage().getStreamedText()
                .runFold("", String::concat, system).thenApply(text -> (Message) TextMessage.create("echo: " + text)));
        org.apache.pekko.japi.function.Function<HttpRequest, HttpResponse> handler = request -> request.getAttribute(AttributeKeys.webSocketUpgrade)
                .map(upgrade -> upgrade.handleMessagesWith(echo))
                .orElseGet(() -> HttpResponse.create().withStatus(StatusCodes.BAD_REQUEST).withEntity("not a WebSocket request"));
        ServerBinding binding = Http.get(system).newServerAt("127.0.0.1", 0).bindSync(handler).toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new WebSocketEcho(system, binding);
    }

    int port() {
        return binding.localAddress().getPort();
    }

    @Override
    public void close() throws Exception {
        binding.unbind().toCompletableFuture().get(5, TimeUnit.SECONDS);
        system.terminate();
    }
}
