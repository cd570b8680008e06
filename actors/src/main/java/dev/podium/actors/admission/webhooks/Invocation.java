package dev.podium.actors.admission.webhooks;

import dev.podium.model.kinds.ResourceKind;

/** A webhook that applies to a request, and the kind it is called for: the request's, or an equivalent version under matchPolicy Equivalent. */
record Invocation(Webhook webhook, ResourceKind kind) {}
