package dev.podium.model.patch;

import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.api.Cause;

import java.util.List;

/** The errors a patch can end in, worded as kube-apiserver words them. */
final class PatchErrors {
    private PatchErrors() {}

    /** The patch document itself is malformed. */
    static ApiException badRequest(String message) {
        return new ApiException(ApiError.badRequest(message));
    }

    /**
     * A well-formed patch that does not apply to the object. kube-apiserver answers these with a
     * generic 422 whose cause carries the detail; the detail is repeated in the message so it shows.
     */
    static ApiException notApplicable(String detail) {
        String generic = "the server rejected our request due to an error in our request";
        return new ApiException(new ApiError(422, "Invalid", generic + ": " + detail,
                new ApiError.Details(null, null, null, List.of(new Cause("UnexpectedServerResponse", null, detail)))));
    }
}
