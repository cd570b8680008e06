package dev.podium.model.crd;

import dev.podium.model.api.Cause;

import java.util.ArrayList;
import java.util.List;

/**
 * The errors of validating one value, and how many checks passed on the way: kube-openapi reports
 * the failures of the anyOf/oneOf branch that matched most when no branch fits.
 */
final class ValidationResult {
    private final List<Cause> errors = new ArrayList<>();
    private int matches;

    static ValidationResult of(Cause error) {
        ValidationResult r = new ValidationResult();
        r.add(error);
        return r;
    }

    static ValidationResult passed() {
        ValidationResult r = new ValidationResult();
        r.matched();
        return r;
    }

    /** Adds an error unless the same one is already reported, as kube-openapi does. */
    void add(Cause error) {
        if (!errors.contains(error)) errors.add(error);
    }

    void merge(ValidationResult other) {
        if (other == null) return;
        other.errors.forEach(this::add);
        matches += other.matches;
    }

    void matched() {
        matches++;
    }

    int matches() {
        return matches;
    }

    boolean valid() {
        return errors.isEmpty();
    }

    List<Cause> errors() {
        return errors;
    }

    /** The same result with its errors dropped (ratcheting: an unchanged value keeps its old errors quiet). */
    ValidationResult withoutErrors() {
        ValidationResult r = new ValidationResult();
        r.matches = matches;
        return r;
    }
}
