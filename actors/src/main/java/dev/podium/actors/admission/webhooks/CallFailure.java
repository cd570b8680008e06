package dev.podium.actors.admission.webhooks;

/**
 * A webhook could not be called or answered nonsense (kube's ErrCallingWebhook): its
 * failurePolicy decides whether the request goes on. {@code reason} is kube's text after
 * {@code failed calling webhook "NAME": }.
 */
final class CallFailure extends RuntimeException {
    CallFailure(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
