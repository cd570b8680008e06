package dev.podium.actors.admission.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** Posts an AdmissionReview to a webhook. Fails with a {@link CallFailure} when there is no usable answer. */
public interface WebhookClient {
    CompletionStage<JsonNode> post(WebhookEndpoint endpoint, ObjectNode review, Duration timeout);
}
