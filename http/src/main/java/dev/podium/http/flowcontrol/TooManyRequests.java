package dev.podium.http.flowcontrol;

/** A request refused by its priority level: the queue it would join is full, its wait ran out, or the level rejects. */
public final class TooManyRequests extends RuntimeException {
    private final int retryAfterSeconds;
    private final Classified classified;

    TooManyRequests(int retryAfterSeconds, Classified classified) {
        super("Too many requests, please try again later.", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
        this.classified = classified;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Classified classified() {
        return classified;
    }
}
