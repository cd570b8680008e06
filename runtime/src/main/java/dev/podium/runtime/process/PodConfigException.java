package dev.podium.runtime.process;

/** A container cannot be created as specified; the reason becomes its Waiting reason (e.g. CreateContainerConfigError). */
final class PodConfigException extends Exception {
    final String reason;
    /** Whether waiting may fix it (a ConfigMap or Secret that may appear later), as opposed to a bad spec. */
    final boolean retryable;

    PodConfigException(String reason, String message, boolean retryable) {
        super(message);
        this.reason = reason;
        this.retryable = retryable;
    }
}
