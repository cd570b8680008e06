package dev.podium.model.kinds.rules;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CronJob schedule as kube reads it (robfig/cron's ParseStandard): five fields, or a descriptor
 * ({@code @hourly} ... {@code @yearly}, {@code @every <duration>}), optionally after a
 * {@code TZ=<zone>} or {@code CRON_TZ=<zone>} prefix. cron-utils parses the fields with its UNIX
 * definition; the descriptors, the prefix and the field count are handled here with robfig's
 * messages. Day of month and day of week, when both are restricted, match either (as robfig).
 *
 * <p>The CronJob controller runs {@code parse("TZ=" + timeZone + " " + schedule)} when the
 * CronJob names a time zone, and {@link #next} in UTC otherwise.
 */
public final class CronSchedule {
    /** What {@link #parse} returns: the schedule, or why it is not one. */
    public sealed interface Parse permits Parsed, Unparseable {}

    public record Parsed(CronSchedule schedule) implements Parse {}

    /** {@code error} is the text kube shows after {@code spec.schedule: Invalid value: "...": }. */
    public record Unparseable(String error) implements Parse {}

    private static final CronParser FIELDS = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final String CRON_UTILS_PREFIX = "Failed to parse cron expression. ";
    private static final Map<String, String> DESCRIPTORS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final String EVERY = "@every ";
    private static final int MAX_DAY_OF_WEEK = 6;

    private final Timing timing;
    private final ZoneId zone;

    private CronSchedule(Timing timing, ZoneId zone) {
        this.timing = timing;
        this.zone = zone;
    }

    public static Parse parse(String spec) {
        if (spec == null || spec.isEmpty()) return new Unparseable("empty spec string");
        ZoneId zone = null;
        String rest = spec;
        if (rest.startsWith("TZ=") || rest.startsWith("CRON_TZ=")) {
            int space = rest.indexOf(' ');
            String name = rest.substring(rest.indexOf('=') + 1, space < 0 ? rest.length() : space);
            Optional<ZoneId> loaded = loadLocation(name);
            if (loaded.isEmpty()) return new Unparseable("provided bad location " + name + ": " + unknownTimeZone(name));
            zone = loaded.get();
            rest = space < 0 ? "" : rest.substring(space).strip();
        }
        if (rest.startsWith("@")) return descriptor(rest, zone);
        return fields(rest, zone);
    }

    /** The zone of a {@code TZ=} prefix, if the schedule had one. */
    public Optional<ZoneId> zone() {
        return Optional.ofNullable(zone);
    }

    /**
     * The first run strictly after {@code after}: in the prefix's zone when there is one,
     * otherwise in {@code after}'s zone. Empty when the schedule never fires (0 0 30 2 *).
     */
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        return timing.next(zone == null ? after : after.withZoneSameInstant(zone));
    }

    /**
     * Go's time.LoadLocation for a name from the IANA database ("UTC" included); "Local" is the
     * JVM's zone. Java's own forms (offsets, "UTC+1") are not Go's and are refused.
     */
    static Optional<ZoneId> loadLocation(String name) {
        if (name.isEmpty() || name.equals("UTC")) return Optional.of(ZoneId.of("UTC"));
        if (name.equals("Local")) return Optional.of(ZoneId.systemDefault());
        return ZoneId.getAvailableZoneIds().contains(name) ? Optional.of(ZoneId.of(name)) : Optional.empty();
    }

    static String unknownTimeZone(String name) {
        return "unknown time zone " + name;
    }

    private static Parse descriptor(String spec, ZoneId zone) {
        if (spec.startsWith(EVERY)) {
            String text = spec.substring(EVERY.length());
            try {
                return new Parsed(new CronSchedule(new Every(GoDuration.parse(text)), zone));
            } catch (IllegalArgumentException e) {
                return new Unparseable("failed to parse duration " + spec + ": " + e.getMessage());
            }
        }
        String fields = DESCRIPTORS.get(spec);
        return fields == null ? new Unparseable("unrecognized descriptor: " + spec) : fields(fields, zone);
    }

    private static Parse fields(String spec, ZoneId zone) {
        List<String> fields = List.of(spec.strip().split("\\s+"));
        if (spec.isBlank()) fields = List.of();
        if (fields.size() != 5) {
            return new Unparseable("expected exactly 5 fields, found " + fields.size() + ": [" + String.join(" ", fields) + "]");
        }
        // robfig reads "?" as "*"; cron-utils's UNIX definition does not know it.
        List<String> normalized = fields.stream().map(f -> f.replace('?', '*')).toList();
        Optional<String> dayOfWeek = dayOfWeekAboveSix(normalized.get(4));
        if (dayOfWeek.isPresent()) return new Unparseable(dayOfWeek.get());
        try {
            var cron = FIELDS.parse(String.join(" ", normalized));
            cron.validate();
            return new Parsed(new CronSchedule(new Fields(ExecutionTime.forCron(cron)), zone));
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            return new Unparseable(message.startsWith(CRON_UTILS_PREFIX) ? message.substring(CRON_UTILS_PREFIX.length()) : message);
        }
    }

    /** robfig's day of week is 0-6; cron-utils also takes 7 for Sunday. robfig's message for the first bad element. */
    private static Optional<String> dayOfWeekAboveSix(String field) {
        for (String element : field.split(",")) {
            String[] rangeAndStep = element.split("/", -1);
            String[] bounds = rangeAndStep[0].split("-", -1);
            Integer start = integer(bounds[0]);
            if (start == null) continue;
            Integer end = bounds.length > 1 ? integer(bounds[bounds.length - 1]) : (rangeAndStep.length > 1 ? MAX_DAY_OF_WEEK : start);
            if (end == null) continue;
            if (end > MAX_DAY_OF_WEEK) {
                return Optional.of("end of range (" + end + ") above maximum (" + MAX_DAY_OF_WEEK + "): " + element);
            }
            if (start > end) return Optional.of("beginning of range (" + start + ") beyond end of range (" + end + "): " + element);
        }
        return Optional.empty();
    }

    private static Integer integer(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private sealed interface Timing permits Fields, Every {
        Optional<ZonedDateTime> next(ZonedDateTime after);
    }

    private record Fields(ExecutionTime execution) implements Timing {
        @Override
        public Optional<ZonedDateTime> next(ZonedDateTime after) {
            return execution.nextExecution(after);
        }
    }

    /** robfig's ConstantDelaySchedule: whole seconds, at least one, counted from the second of {@code after}. */
    private record Every(Duration delay) implements Timing {
        Every {
            delay = delay.truncatedTo(ChronoUnit.SECONDS);
            if (delay.compareTo(Duration.ofSeconds(1)) < 0) delay = Duration.ofSeconds(1);
        }

        @Override
        public Optional<ZonedDateTime> next(ZonedDateTime after) {
            return Optional.of(after.truncatedTo(ChronoUnit.SECONDS).plus(delay));
        }
    }

    /** Go's time.ParseDuration ("1h30m", "1.5s", "90s"), with its error texts. */
    static final class GoDuration {
        private static final Pattern PART = Pattern.compile("([0-9]*)(\\.[0-9]*)?([^0-9.]*)");
        private static final Map<String, Long> UNIT_NANOS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L,
                "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

        private GoDuration() {}

        static Duration parse(String text) {
            String s = text;
            boolean negative = false;
            if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
                negative = s.charAt(0) == '-';
                s = s.substring(1);
            }
            if (s.equals("0")) return Duration.ZERO;
            if (s.isEmpty()) throw invalid(text);
            BigDecimal nanos = BigDecimal.ZERO;
            while (!s.isEmpty()) {
                Matcher m = PART.matcher(s);
                if (!m.lookingAt() || (m.group(1).isEmpty() && (m.group(2) == null || m.group(2).length() < 2))) throw invalid(text);
                String unit = m.group(3);
                if (unit.isEmpty()) throw new IllegalArgumentException("time: missing unit in duration " + quote(text));
                Long perUnit = UNIT_NANOS.get(unit);
                if (perUnit == null) throw new IllegalArgumentException("time: unknown unit " + quote(unit) + " in duration " + quote(text));
                String number = (m.group(1).isEmpty() ? "0" : m.group(1)) + (m.group(2) == null || m.group(2).equals(".") ? "" : m.group(2));
                nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(perUnit)));
                s = s.substring(m.end());
            }
            Duration d = Duration.ofNanos(nanos.longValue());
            return negative ? d.negated() : d;
        }

        private static IllegalArgumentException invalid(String text) {
            return new IllegalArgumentException("time: invalid duration " + quote(text));
        }

        private static String quote(String s) {
            return "\"" + s + "\"";
        }
    }
}
