package dev.podium.runtime.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parts of a resolv.conf the kubelet keeps: nameservers, search domains and options ({@code name} or {@code name:value}). */
public record ResolvConf(List<String> nameservers, List<String> searches, List<String> options) {
    public ResolvConf {
        nameservers = List.copyOf(nameservers);
        searches = List.copyOf(searches);
        options = List.copyOf(options);
    }

    public static final ResolvConf EMPTY = new ResolvConf(List.of(), List.of(), List.of());

    /**
     * Reads resolv.conf text as the kubelet does: comment lines ({@code #}, {@code ;}) skipped, the
     * last {@code search} line wins with trailing dots dropped (so {@code a.} and {@code a} count
     * once), and {@code options} merged by name.
     */
    public static ResolvConf parse(String text) {
        List<String> nameservers = new ArrayList<>();
        List<String> searches = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (String line : (text == null ? "" : text).split("\n")) {
            if (line.startsWith("#") || line.startsWith(";")) continue;
            String[] fields = line.trim().split("\\s+");
            switch (fields[0]) {
                case "nameserver" -> {
                    if (fields.length >= 2) nameservers.add(fields[1]);
                }
                case "search" -> {
                    searches.clear();
                    for (int i = 1; i < fields.length; i++) {
                        if (!fields[i].equals(".")) searches.add(fields[i].endsWith(".") ? fields[i].substring(0, fields[i].length() - 1) : fields[i]);
                    }
                }
                case "options" -> options = mergeOptions(options, List.of(fields).subList(1, fields.length));
                default -> { }
            }
        }
        return new ResolvConf(nameservers, searches, options);
    }

    /** {@code later} options replace earlier ones of the same name, keeping the first one's place. */
    public static List<String> mergeOptions(List<String> earlier, List<String> later) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String option : earlier) byName.put(optionName(option), option);
        for (String option : later) byName.put(optionName(option), option);
        return new ArrayList<>(byName.values());
    }

    private static String optionName(String option) {
        int colon = option.indexOf(':');
        return colon < 0 ? option : option.substring(0, colon);
    }

    /** The file: a {@code nameserver} line each, then {@code search} and {@code options} when there are any. */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (String server : nameservers) out.append("nameserver ").append(server).append('\n');
        if (!searches.isEmpty()) out.append("search ").append(String.join(" ", searches)).append('\n');
        if (!options.isEmpty()) out.append("options ").append(String.join(" ", options)).append('\n');
        return out.toString();
    }
}
