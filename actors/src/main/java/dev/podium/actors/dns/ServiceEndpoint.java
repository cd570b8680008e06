package dev.podium.actors.dns;

/** An endpoint together with the Service it belongs to, as a reverse (PTR) lookup finds it. */
public record ServiceEndpoint(String namespace, String service, DnsEndpoint endpoint) {}
