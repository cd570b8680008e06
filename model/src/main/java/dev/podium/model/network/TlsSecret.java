package dev.podium.model.network;

/** The Secret holding the certificate to present for a TLS server name. */
public record TlsSecret(String namespace, String secretName) {
}
