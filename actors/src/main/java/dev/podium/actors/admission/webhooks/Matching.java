package dev.podium.actors.admission.webhooks;

import java.util.Optional;

/** Whether a webhook applies to a request as it stands (the namespaces' labels and equivalent kinds bound in). */
@FunctionalInterface
interface Matching {
    Optional<Invocation> match(Webhook hook, WebhookAttributes a);
}
