package dev.podium.actors.admission.webhooks;

import java.net.URI;

/**
 * Where one call goes: {@code address} is dialled, {@code shown} is the URL kube would name in
 * its messages (for a Service, {@code https://name.namespace.svc:port/path}), {@code serverName}
 * the name the serving certificate must carry (null: the address's host), {@code caBundle} the
 * base64 PEM bundle to trust ("" for the JVM's default trust).
 */
public record WebhookEndpoint(URI address, String shown, String serverName, String caBundle) {}
