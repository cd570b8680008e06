package dev.podium.actors.scheduler;

import java.util.List;

/**
 * The outcome of one filter on one node, as kube's framework.Status: success, or unschedulable
 * with reasons as kube prints them. {@code UNRESOLVABLE} (kube's UnschedulableAndUnresolvable)
 * marks failures that evicting pods cannot fix, so preemption skips those nodes.
 */
public record FilterResult(Code code, List<String> reasons) {
    public enum Code { SUCCESS, UNSCHEDULABLE, UNRESOLVABLE }

    private static final FilterResult SUCCESS = new FilterResult(Code.SUCCESS, List.of());

    public FilterResult {
        reasons = List.copyOf(reasons);
    }

    public static FilterResult success() {
        return SUCCESS;
    }

    public static FilterResult unschedulable(String... reasons) {
        return new FilterResult(Code.UNSCHEDULABLE, List.of(reasons));
    }

    public static FilterResult unresolvable(String... reasons) {
        return new FilterResult(Code.UNRESOLVABLE, List.of(reasons));
    }

    public boolean isSuccess() {
        return code == Code.SUCCESS;
    }
}
