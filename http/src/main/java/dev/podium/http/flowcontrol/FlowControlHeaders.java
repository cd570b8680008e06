package dev.podium.http.flowcontrol;

import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/** What kube-apiserver's flow control adds to answers: the UIDs of the schema and level, and its 429. */
public final class FlowControlHeaders {
    private FlowControlHeaders() {}

    public static HttpResponse add(HttpResponse response, Classified c) {
        return response.addHeader(RawHeader.create("X-Kubernetes-PF-FlowSchema-UID", c.schemaUid()))
                .addHeader(RawHeader.create("X-Kubernetes-PF-PriorityLevel-UID", c.levelUid()));
    }

    public static HttpResponse refused(TooManyRequests refused) {
        return add(tooManyRequests(refused.retryAfterSeconds()), refused.classified());
    }

    /** kube writes this one as plain text, not as a Status; clients wait Retry-After seconds and send again. */
    public static HttpResponse tooManyRequests(int retryAfterSeconds) {
        return HttpResponse.create().withStatus(StatusCodes.TOO_MANY_REQUESTS)
                .withEntity(ContentTypes.TEXT_PLAIN_UTF8, "Too many requests, please try again later.\n")
                .addHeader(RawHeader.create("Retry-After", Integer.toString(retryAfterSeconds)))
                .addHeader(RawHeader.create("X-Content-Type-Options", "nosniff"));
    }
}
