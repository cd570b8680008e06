package dev.podium.model.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static dev.podium.model.table.TestJson.obj;
import static org.assertj.core.api.Assertions.assertThat;

class ServiceColumnsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{'spec':{'type':'ClusterIP'}}                                                                | <none>",
            "{'spec':{'type':'ClusterIP','externalIPs':['1.2.3.4','5.6.7.8']}}                           | 1.2.3.4,5.6.7.8",
            "{'spec':{'type':'NodePort'}}                                                                 | <none>",
            "{'spec':{'type':'LoadBalancer'}}                                                             | <pending>",
            "{'spec':{'type':'LoadBalancer'},'status':{'loadBalancer':{'ingress':[{'ip':'9.9.9.9'},{'hostname':'lb.example.com'}]}}} | 9.9.9.9,lb.example.com",
            "{'spec':{'type':'LoadBalancer','externalIPs':['1.2.3.4']},'status':{'loadBalancer':{'ingress':[{'ip':'9.9.9.9'}]}}}     | 9.9.9.9,1.2.3.4",
            "{'spec':{'type':'ExternalName','externalName':'db.example.com'}}                            | db.example.com",
            "{'spec':{}}                                                                                  | <unknown>",
    })
    void externalIp(String svc, String expected) {
        assertThat(ServiceColumns.externalIp(obj(svc))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{'spec':{'ports':[{'port':80,'protocol':'TCP'}]}}                                           | 80/TCP",
            "{'spec':{'ports':[{'port':80,'nodePort':30080,'protocol':'TCP'},{'port':53,'protocol':'UDP'}]}} | 80:30080/TCP,53/UDP",
            "{'spec':{}}                                                                                  | \"\"",
    })
    void ports(String svc, String expected) {
        assertThat(ServiceColumns.ports(obj(svc))).isEqualTo(expected);
    }

    @Test
    void selectorAndClusterIp() {
        assertThat(ServiceColumns.selector(obj("{'spec':{'selector':{'tier':'fe','app':'web'}}}"))).isEqualTo("app=web,tier=fe");
        assertThat(ServiceColumns.selector(obj("{'spec':{}}"))).isEqualTo("<none>");
        assertThat(ServiceColumns.clusterIp(obj("{'spec':{'clusterIP':'10.0.0.1','clusterIPs':['10.0.0.1','fd00::1']}}"))).isEqualTo("10.0.0.1");
        assertThat(ServiceColumns.clusterIp(obj("{'spec':{'clusterIP':'None'}}"))).isEqualTo("None");
        assertThat(ServiceColumns.clusterIp(obj("{'spec':{}}"))).isEqualTo("<none>");
    }

    @Test
    void cellsWithoutPorts() {
        var cells = new ServiceColumns().cells(obj("{'metadata':{'name':'web'},'spec':{'type':'ClusterIP','clusterIPs':['10.96.0.1']}}"), Instant.now());
        assertThat(cells.toString()).isEqualTo("[\"web\",\"ClusterIP\",\"10.96.0.1\",\"<none>\",\"<none>\",\"<unknown>\",\"<none>\"]");
    }
}
