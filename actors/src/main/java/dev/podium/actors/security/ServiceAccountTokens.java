package dev.podium.actors.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.podium.model.rbac.UserInfo;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * ServiceAccount tokens as kube-apiserver issues them: RS256 JWTs with kube's issuer, audiences
 * and {@code kubernetes.io} claims, signed with the cluster's service account key. A token names
 * the service account by uid and may be bound to a Pod or Secret; it authenticates only while it
 * is unexpired, meant for the API's audience, and everything it names still exists with the
 * same uid (a token of a deleted pod, or of a service account deleted and created again, is
 * refused).
 */
public final class ServiceAccountTokens {
    public static final String ISSUER = "https://kubernetes.default.svc.cluster.local";
    public static final String GROUP = "system:serviceaccounts";
    private static final Duration LEEWAY = Duration.ofSeconds(60);

    /** A Pod or Secret a token is bound to. */
    public record BoundObject(String kind, String name, String uid) {}

    public record Issued(String token, Instant expires) {}

    private final RSAKey key;
    private final JWSSigner signer;
    private final JWSVerifier verifier;
    private final WatchCache cache;
    private final Clock clock;

    public ServiceAccountTokens(KeyPair signingKey, WatchCache cache, Clock clock) {
        try {
            this.key = new RSAKey.Builder((RSAPublicKey) signingKey.getPublic()).privateKey((RSAPrivateKey) signingKey.getPrivate())
                    .keyIDFromThumbprint().build();
            this.signer = new RSASSASigner(key);
            this.verifier = new RSASSAVerifier(key.toRSAPublicKey());
        } catch (JOSEException | ClassCastException e) {
            throw new IllegalArgumentException("the service account signing key must be an RSA key pair: " + e.getMessage(), e);
        }
        this.cache = cache;
        this.clock = clock;
    }

    public Issued issue(String namespace, String serviceAccount, String serviceAccountUid, List<String> audiences, Duration lifetime,
                        BoundObject bound) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        Map<String, Object> kube = new LinkedHashMap<>();
        kube.put("namespace", namespace);
        kube.put("serviceaccount", Map.of("name", serviceAccount, "uid", serviceAccountUid));
        if (bound != null) kube.put(bound.kind().toLowerCase(java.util.Locale.ROOT), Map.of("name", bound.name(), "uid", bound.uid()));
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).subject(userName(namespace, serviceAccount)).audience(audiences)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString()).claim("kubernetes.io", kube).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a service account token: " + e.getMessage(), e);
        }
        return new Issued(jwt.serialize(), expires);
    }

    /** The service account a token stands for, when it is one this cluster issued and may still be used. */
    public Optional<UserInfo> authenticate(String token) {
        if (token.chars().filter(c -> c == '.').count() != 2) return Optional.empty();
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.verify(verifier)) return Optional.empty();
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (!ISSUER.equals(claims.getIssuer()) || !claims.getAudience().contains(ISSUER)) return Optional.empty();
            if (claims.getExpirationTime() == null || !now.isBefore(claims.getExpirationTime().toInstant().plus(LEEWAY))) return Optional.empty();
            if (claims.getNotBeforeTime() != null && now.plus(LEEWAY).isBefore(claims.getNotBeforeTime().toInstant())) return Optional.empty();
            Map<String, Object> kube = claims.getJSONObjectClaim("kubernetes.io");
            if (kube == null) return Optional.empty();
            String namespace = String.valueOf(kube.get("namespace"));
            Map<?, ?> sa = (Map<?, ?>) kube.get("serviceaccount");
            String uid = String.valueOf(sa.get("uid"));
            if (!exists("ServiceAccount", namespace, String.valueOf(sa.get("name")), uid)) return Optional.empty();
            for (String kind : List.of("Pod", "Secret")) {
                if (kube.get(kind.toLowerCase(java.util.Locale.ROOT)) instanceof Map<?, ?> bound
                        && !exists(kind, namespace, String.valueOf(bound.get("name")), String.valueOf(bound.get("uid")))) {
                    return Optional.empty();
                }
            }
            return Optional.of(UserInfo.authenticated(userName(namespace, String.valueOf(sa.get("name"))), uid,
                    List.of(GROUP, GROUP + ":" + namespace)));
        } catch (ParseException | JOSEException | ClassCastException | NullPointerException e) {
            return Optional.empty();
        }
    }

    public static String userName(String namespace, String serviceAccount) {
        return "system:serviceaccount:" + namespace + ":" + serviceAccount;
    }

    private boolean exists(String kind, String namespace, String name, String uid) {
        Optional<CachedObject> o = cache.get(kind, namespace + "/" + name);
        if (o.isEmpty()) return false;
        JsonNode meta = o.get().object().path("metadata");
        return meta.path("uid").asText().equals(uid) && !(kind.equals("Pod") && meta.has("deletionTimestamp") && podGone(o.get()));
    }

    /** A terminating pod's tokens stay valid through its grace period, as its containers may still need them. */
    private boolean podGone(CachedObject pod) {
        String deletion = pod.object().path("metadata").path("deletionTimestamp").asText();
        return !deletion.isEmpty() && clock.instant().isAfter(Instant.parse(deletion));
    }
}
