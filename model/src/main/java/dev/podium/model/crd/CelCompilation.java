package dev.podium.model.crd;

import dev.cel.runtime.CelRuntime;

/** A rule or messageExpression compiled once: its program and whether it reads oldSelf, or kube's words for why it did not compile. */
record CelCompilation(CelRuntime.Program program, boolean usesOldSelf, String error) {
    static CelCompilation compiled(CelRuntime.Program program, boolean usesOldSelf) {
        return new CelCompilation(program, usesOldSelf, null);
    }

    static CelCompilation failed(String error) {
        return new CelCompilation(null, false, error);
    }

    boolean failed() {
        return error != null;
    }
}
