package dev.podium.http;

import java.util.Optional;

/**
 * A boolean query parameter read as kube-apiserver reads it (apimachinery's
 * runtime.Convert_Slice_string_To_bool and Convert_Slice_string_To_Pointer_bool, used by the
 * parameter codec for ListOptions, DeleteOptions, PatchOptions, PodLogOptions...): only
 * {@code 0} and {@code false} in any case are false; every other value, the empty one and
 * {@code ?watch} without a value included, is true. No value is refused.
 */
final class QueryBool {
    private QueryBool() {}

    /** A bool parameter: absent is false. */
    static boolean parse(String value) {
        return value != null && !isFalse(value);
    }

    /** A *bool parameter (orphanDependents, force): absent stays unset. */
    static Optional<Boolean> parseOptional(String value) {
        return value == null ? Optional.empty() : Optional.of(!isFalse(value));
    }

    private static boolean isFalse(String value) {
        return value.equals("0") || value.equalsIgnoreCase("false");
    }
}
