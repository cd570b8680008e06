package dev.podium.http;

import java.util.List;

/**
 * A parsed resource URL: {@code /api/v1/...} or {@code /apis/GROUP/VERSION/...}, then
 * {@code [namespaces/NS/]RESOURCE[/NAME[/SUBRESOURCE]]}.
 */
public record ApiPath(String group, String version, String namespace, String resource, String name, String subresource) {

    /** Returns null when the path is not a resource path under a group version. */
    public static ApiPath parse(List<String> segments) {
        int i;
        String group;
        String version;
        if (segments.size() >= 2 && segments.get(0).equals("api")) {
            group = "";
            version = segments.get(1);
            i = 2;
        } else if (segments.size() >= 3 && segments.get(0).equals("apis")) {
            group = segments.get(1);
            version = segments.get(2);
            i = 3;
        } else {
            return null;
        }
        List<String> rest = segments.subList(i, segments.size());
        if (rest.isEmpty()) return null;
        boolean namespaceSub = rest.size() == 3 && (rest.get(2).equals("status") || rest.get(2).equals("finalize"));
        if (rest.get(0).equals("namespaces") && rest.size() >= 3 && !namespaceSub) {
            return new ApiPath(group, version, rest.get(1), rest.get(2), at(rest, 3), at(rest, 4), rest.size() > 5);
        }
        return new ApiPath(group, version, null, rest.get(0), at(rest, 1), at(rest, 2), rest.size() > 3);
    }

    private ApiPath(String group, String version, String namespace, String resource, String name, String subresource, boolean tooLong) {
        this(group, version, namespace, resource, tooLong ? null : name, tooLong ? "\u0000" : subresource);
    }

    private static String at(List<String> l, int i) {
        return i < l.size() ? l.get(i) : null;
    }

    public boolean isCollection() {
        return name == null;
    }

    public boolean isMalformed() {
        return "\u0000".equals(subresource);
    }
}
