package dev.podium.http.security;

import dev.podium.http.security.pki.ApiTls;
import dev.podium.model.rbac.UserInfo;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * kube-apiserver's authenticators, in its order: a bearer token (static token file, service
 * account tokens) is checked first and, when present but unknown, fails the request (401);
 * else a client certificate the TLS handshake verified against the cluster CA names the user
 * (CN) and groups (O); else the request is {@code system:anonymous}.
 */
public final class Authenticator {
    public sealed interface Result permits Authenticated, Unauthorized {}

    public record Authenticated(UserInfo user) implements Result {}

    public record Unauthorized() implements Result {}

    private final List<Function<String, Optional<UserInfo>>> tokenAuthenticators;

    public Authenticator(List<Function<String, Optional<UserInfo>>> tokenAuthenticators) {
        this.tokenAuthenticators = List.copyOf(tokenAuthenticators);
    }

    public Result authenticate(HttpRequest request) {
        Optional<String> token = bearerToken(request);
        if (token.isPresent()) return tokenUser(token.get()).<Result>map(Authenticated::new).orElse(new Unauthorized());
        Optional<X509Certificate> cert = request.getAttribute(AttributeKeys.sslSession)
                .flatMap(info -> ApiTls.verifiedClient(info.getSession()));
        if (cert.isPresent()) return new Authenticated(fromCertificate(cert.get()));
        return new Authenticated(UserInfo.ANONYMOUS);
    }

    /** The user a bearer token stands for, if any authenticator knows it (also TokenReview's answer). */
    public Optional<UserInfo> tokenUser(String token) {
        for (var a : tokenAuthenticators) {
            Optional<UserInfo> user = a.apply(token);
            if (user.isPresent()) return user;
        }
        return Optional.empty();
    }

    static Optional<String> bearerToken(HttpRequest request) {
        return request.getHeader("Authorization").map(h -> h.value().strip())
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).strip())
                .filter(v -> !v.isEmpty());
    }

    /** CN is the user, each O a group: kube's x509 request authenticator. */
    public static UserInfo fromCertificate(X509Certificate cert) {
        X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        List<String> cn = values(subject, BCStyle.CN);
        return UserInfo.authenticated(cn.isEmpty() ? "" : cn.get(0), "", values(subject, BCStyle.O));
    }

    private static List<String> values(X500Name name, ASN1ObjectIdentifier type) {
        List<String> out = new ArrayList<>();
        for (RDN rdn : name.getRDNs(type)) out.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
        return out;
    }
}
