package dev.podium.http.flowcontrol;

import java.util.List;

/** Who sent a request: the user and groups authentication found. */
public record RequestSubject(String user, List<String> groups) {
    /** A request without credentials, as kube-apiserver's anonymous authenticator names it. */
    public static final RequestSubject ANONYMOUS = new RequestSubject("system:anonymous", List.of("system:unauthenticated"));

    /** {@code system:serviceaccount:NS:NAME} users are service accounts. */
    boolean isServiceAccount(String namespace, String name) {
        String prefix = "system:serviceaccount:";
        if (!user.startsWith(prefix)) return false;
        String[] parts = user.substring(prefix.length()).split(":", 2);
        return parts.length == 2 && parts[0].equals(namespace) && (name.equals("*") || parts[1].equals(name));
    }
}
