package dev.podium.model.discovery;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kube's version ordering (version.CompareKubeAwareVersionStrings), highest first: GA before beta
 * before alpha, higher numbers first, then anything else alphabetically. The first is preferred.
 */
final class VersionPriority {
    private static final Pattern KUBE = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

    static final Comparator<String> HIGHEST_FIRST = VersionPriority::compare;

    private VersionPriority() {}

    private static int compare(String a, String b) {
        Matcher ma = KUBE.matcher(a);
        Matcher mb = KUBE.matcher(b);
        boolean ka = ma.matches();
        boolean kb = mb.matches();
        if (!ka || !kb) return ka == kb ? a.compareTo(b) : (ka ? -1 : 1);
        int rank = Integer.compare(stability(mb.group(2)), stability(ma.group(2)));
        if (rank != 0) return rank;
        int major = Long.compare(Long.parseLong(mb.group(1)), Long.parseLong(ma.group(1)));
        if (major != 0 || ma.group(3) == null) return major;
        return Long.compare(Long.parseLong(mb.group(3)), Long.parseLong(ma.group(3)));
    }

    private static int stability(String level) {
        if (level == null) return 2;
        return level.equals("beta") ? 1 : 0;
    }
}
