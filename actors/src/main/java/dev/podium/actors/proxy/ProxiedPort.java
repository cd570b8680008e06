package dev.podium.actors.proxy;

import java.util.List;

/**
 * One port of one Service as a node proxy programs it: the addresses it answers on and the
 * endpoints traffic may go to, already chosen for this node (traffic policies, ready endpoints
 * first, terminating ones only when nothing else serves).
 *
 * @param service          namespace/name
 * @param protocol         TCP, UDP or SCTP
 * @param clusterIPs       the Service's cluster IPs (empty for headless Services)
 * @param nodePort         0 when the Service has none
 * @param externalIPs      load-balancer ingress IPs and spec.externalIPs
 * @param affinitySeconds  ClientIP affinity timeout, 0 without affinity
 * @param clusterBackends  where traffic to a cluster IP goes
 * @param externalBackends where traffic to a node port or an external IP goes
 */
public record ProxiedPort(String service, String portName, String protocol, int port, List<String> clusterIPs, int nodePort,
                          List<String> externalIPs, int affinitySeconds, List<Backend> clusterBackends, List<Backend> externalBackends) {

    /** One endpoint address and port. */
    public record Backend(String ip, int port) {
        @Override
        public String toString() {
            return ip + ":" + port;
        }
    }

    /** A name unique to this Service port, stable while the Service exists: namespace/name/protocol/port. */
    public String id() {
        return service + "/" + protocol.toLowerCase(java.util.Locale.ROOT) + "/" + (portName.isEmpty() ? "p" + port : portName);
    }
}
