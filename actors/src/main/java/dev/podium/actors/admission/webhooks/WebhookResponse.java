package dev.podium.actors.admission.webhooks;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** A verified AdmissionReview response: {@code patch} is the base64 text, null without one; {@code status} may be null. */
record WebhookResponse(boolean allowed, String patch, String patchType, JsonNode status, List<String> warnings) {}
