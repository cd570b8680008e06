package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.validation.Quantities;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongBinaryOperator;

/**
 * Amounts of resources as the scheduler's framework.Resource counts them: cpu in millicores,
 * memory and ephemeral-storage in bytes, pods as a count, every other resource (extended,
 * hugepages-*) by name in its integer value. Scalars are kept sorted by name.
 */
public record Resources(long milliCpu, long memory, long ephemeralStorage, long pods, Map<String, Long> scalars) {
    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String EPHEMERAL_STORAGE = "ephemeral-storage";
    public static final String PODS = "pods";
    public static final Resources ZERO = new Resources(0, 0, 0, 0, Map.of());

    public Resources {
        scalars = scalars.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(scalars));
    }

    public long scalar(String name) {
        return scalars.getOrDefault(name, 0L);
    }

    /** The amount of any resource by its API name. */
    public long get(String name) {
        if (name == CPU) return milliCpu;
        if (name == MEMORY) return memory;
        return switch (name) {
            case CPU -> milliCpu;
            case MEMORY -> memory;
            case EPHEMERAL_STORAGE -> ephemeralStorage;
            case PODS -> pods;
            default -> scalar(name);
        };
    }

    public Resources plus(Resources o) {
        return combine(o, Long::sum);
    }

    /** The per-resource maximum, as kube's maxResourceList. */
    public Resources max(Resources o) {
        return combine(o, Math::max);
    }

    public Resources withPods(long count) {
        return new Resources(milliCpu, memory, ephemeralStorage, count, scalars);
    }

    /** True when nothing but (possibly) the pod count is requested. */
    public boolean isEmpty() {
        if (milliCpu != 0 || memory != 0 || ephemeralStorage != 0) return false;
        for (long v : scalars.values()) if (v != 0) return false;
        return true;
    }

    private Resources combine(Resources o, LongBinaryOperator op) {
        Map<String, Long> s = scalars.isEmpty() && o.scalars.isEmpty() ? Map.of() : new TreeMap<>(scalars);
        o.scalars.forEach((k, v) -> s.merge(k, v, (a, b) -> op.applyAsLong(a, b)));
        return new Resources(op.applyAsLong(milliCpu, o.milliCpu), op.applyAsLong(memory, o.memory),
                op.applyAsLong(ephemeralStorage, o.ephemeralStorage), op.applyAsLong(pods, o.pods), s);
    }

    /** A core/v1 ResourceList ({@code {"cpu": "100m", ...}}); unparseable quantities count as 0. */
    public static Resources fromList(JsonNode list) {
        if (list == null || !list.isObject()) return ZERO;
        long cpu = 0, mem = 0, eph = 0, pods = 0;
        Map<String, Long> scalars = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = list.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            BigDecimal q = Quantities.parse(e.getValue());
            if (q == null) continue;
            switch (e.getKey()) {
                case CPU -> cpu = ceil(q.movePointRight(3));
                case MEMORY -> mem = ceil(q);
                case EPHEMERAL_STORAGE -> eph = ceil(q);
                case PODS -> pods = ceil(q);
                default -> scalars.put(e.getKey(), ceil(q));
            }
        }
        return new Resources(cpu, mem, eph, pods, scalars);
    }

    /** Quantity.Value()/MilliValue() round up. */
    private static long ceil(BigDecimal q) {
        try {
            return q.setScale(0, RoundingMode.CEILING).longValueExact();
        } catch (ArithmeticException e) {
            return q.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
