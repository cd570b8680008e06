package dev.podium.model.api;

/** Carries an {@link ApiError} through code that can only throw; never crosses the network. */
public final class ApiException extends RuntimeException {
    private final ApiError error;

    public ApiException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
