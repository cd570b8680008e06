package dev.podium.runtime.process;

/** A container cannot be created as specified; the reason becomes its Waiting reason (e.g. CreateContainerConfigError). */
public final class PodConfigException extends Exception {
    public final String reason;
    /** Whether waiting may fix it (a ConfigMap or Secret that may appear later), as opposed to a bad spec. */
    public final boolean retryable;

    public PodConfigException(String reason, String message, boolean retryable) {
        super(message);
        this.reason = reason;
        this.retryable = retryable;
    }
}
