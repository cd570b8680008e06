package dev.podium.model.rbac;

import java.util.List;

/** Who a request comes from, as authentication found it: user name, uid (may be empty) and groups. */
public record UserInfo(String name, String uid, List<String> groups) {
    public static final String MASTERS = "system:masters";
    public static final String AUTHENTICATED = "system:authenticated";
    public static final String UNAUTHENTICATED = "system:unauthenticated";
    public static final UserInfo ANONYMOUS = new UserInfo("system:anonymous", "", List.of(UNAUTHENTICATED));

    public UserInfo {
        groups = List.copyOf(groups);
    }

    /** An authenticated user: kube adds {@code system:authenticated} to every group list but the anonymous one. */
    public static UserInfo authenticated(String name, String uid, List<String> groups) {
        if (groups.contains(AUTHENTICATED)) return new UserInfo(name, uid, groups);
        java.util.ArrayList<String> all = new java.util.ArrayList<>(groups);
        all.add(AUTHENTICATED);
        return new UserInfo(name, uid, all);
    }

    public boolean isAnonymous() {
        return name.equals(ANONYMOUS.name());
    }
}
