package dev.podium.model.network;

/**
 * Where a request goes: a Service port, named ({@code portNumber} 0) or numbered ({@code portName}
 * empty), with the Ingress it came from and that Ingress' session affinity.
 */
public record IngressBackend(String namespace, String ingressName, String serviceName, String portName, int portNumber, Affinity affinity) {
}
