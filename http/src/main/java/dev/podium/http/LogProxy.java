package dev.podium.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import org.apache.pekko.actor.typed.ActorSystem;
import dev.podium.http.security.MemberLink;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

import java.util.concurrent.CompletionStage;

/**
 * Pod logs of a node another member hosts: the request goes on to that member's API, as kube's
 * API server goes on to the node's kubelet. The Node's InternalIP and
 * {@code status.daemonEndpoints.kubeletEndpoint.Port} say where; the answer (streamed, so
 * {@code -f} works) comes back as it is. A marker header stops a request from going round.
 */
final class LogProxy {
    static final String FORWARDED = "X-Podium-Forwarded-Log";
    private final ActorSystem<?> system;
    private final MemberLink members;

    LogProxy(ActorSystem<?> system, MemberLink members) {
        this.system = system;
        this.members = members;
    }

    CompletionStage<HttpResponse> forward(ApiRequest req, JsonNode node, String podName) {
        String nodeName = node.path("metadata").path("name").asText();
        int port = node.path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port").asInt(0);
        String ip = internalIP(node);
        if (port == 0 || ip.isEmpty() || req.http().getHeader(FORWARDED).isPresent()) {
            throw new ApiException(new ApiError(503, "ServiceUnavailable", "the logs of pod " + podName + " are on node " + nodeName
                    + ", and no member serving its logs is known; is the Podium JVM hosting " + nodeName + " running?", null));
        }
        String target = members.url(ip + ":" + port, req.http().getUri().path() + req.http().getUri().rawQueryString().map(q -> "?" + q).orElse(""));
        return members.send(system, HttpRequest.GET(target).addHeader(RawHeader.create(FORWARDED, "1")))
                .exceptionally(e -> {
                    throw new ApiException(new ApiError(503, "ServiceUnavailable", "the logs of pod " + podName + " are on node " + nodeName
                            + ", served by the member at " + ip + ":" + port + ", which did not answer: " + e.getMessage(), null));
                });
    }

    /** Where the member hosting the node serves its API (host:port), empty when the Node does not say. */
    static String memberAddress(JsonNode node) {
        int port = node.path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port").asInt(0);
        String ip = internalIP(node);
        return port == 0 || ip.isEmpty() ? "" : ip + ":" + port;
    }

    private static String internalIP(JsonNode node) {
        for (JsonNode a : node.path("status").path("addresses")) {
            if (a.path("type").asText().equals("InternalIP")) return a.path("address").asText();
        }
        return "";
    }
}
