package dev.podium.http.security;

import dev.podium.actors.security.ServiceAccountTokens;
import dev.podium.http.security.pki.ApiTls;
import dev.podium.model.rbac.UserInfo;

/**
 * How an API server admits clients: over TLS with authentication and RBAC ({@link #secure}), or
 * plain HTTP where every request acts with full rights, like kube-apiserver's old insecure port
 * ({@link #insecure}; Podium binds it to loopback unless told otherwise).
 */
public record ApiSecurity(ApiTls tls, Authenticator authenticator, MemberLink members, ServiceAccountTokens tokens) {
    /** The user of every request on an insecure port. */
    public static final UserInfo UNSECURED = new UserInfo("system:unsecured", "", java.util.List.of(UserInfo.MASTERS, UserInfo.AUTHENTICATED));

    public static ApiSecurity secure(ApiTls tls, Authenticator authenticator, MemberLink members, ServiceAccountTokens tokens) {
        return new ApiSecurity(tls, authenticator, members, tokens);
    }

    /** No authentication on requests; service account tokens are still issued (and answered by TokenReview). */
    public static ApiSecurity insecure(ServiceAccountTokens tokens) {
        return new ApiSecurity(null, new Authenticator(java.util.List.of(tokens::authenticate)), MemberLink.PLAIN, tokens);
    }

    public boolean isSecure() {
        return tls != null;
    }
}
