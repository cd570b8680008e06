package dev.podium.http.security;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.HttpsConnectionContext;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgradeResponse;
import org.apache.pekko.http.javadsl.settings.ClientConnectionSettings;
import org.apache.pekko.stream.javadsl.Flow;

import javax.net.ssl.SSLContext;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * How a member reaches another member's API to relay a request it has already authorized (logs,
 * exec, attach, port-forward of a pod on the other member's node), as kube-apiserver reaches a
 * kubelet: over TLS with a client certificate of its own, or plain HTTP between insecure members.
 */
public record MemberLink(HttpsConnectionContext tls) {
    public static final MemberLink PLAIN = new MemberLink(null);

    public static MemberLink over(SSLContext context) {
        return new MemberLink(ConnectionContext.httpsClient(context));
    }

    public String url(String hostPort, String pathAndQuery) {
        return (tls == null ? "http://" : "https://") + hostPort + pathAndQuery;
    }

    public String webSocketUrl(String hostPort, String pathAndQuery) {
        return (tls == null ? "ws://" : "wss://") + hostPort + pathAndQuery;
    }

    public CompletionStage<HttpResponse> send(ActorSystem<?> system, HttpRequest request) {
        return tls == null ? Http.get(system).singleRequest(request) : Http.get(system).singleRequest(request, tls);
    }

    public Flow<Message, Message, CompletionStage<WebSocketUpgradeResponse>> webSocket(ActorSystem<?> system, WebSocketRequest request) {
        Http http = Http.get(system);
        if (tls == null) return http.webSocketClientFlow(request);
        return http.webSocketClientFlow(request, tls, Optional.empty(), ClientConnectionSettings.create(system.classicSystem()), system.classicSystem().log());
    }
}
