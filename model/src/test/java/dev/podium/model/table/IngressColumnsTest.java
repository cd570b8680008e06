package dev.podium.model.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static dev.podium.model.table.TestJson.obj;
import static org.assertj.core.api.Assertions.assertThat;

class IngressColumnsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "[]                                                                          | *",
            "[{}]                                                                        | *",
            "[{'host':'a.com'}]                                                          | a.com",
            "[{'host':'a.com'},{},{'host':'b.com'}]                                      | a.com,b.com",
            "[{'host':'a.com'},{'host':'b.com'},{'host':'c.com'}]                        | a.com,b.com,c.com",
            "[{'host':'a.com'},{'host':'b.com'},{'host':'c.com'},{'host':'d.com'}]       | a.com,b.com,c.com + 1 more...",
            "[{},{'host':'a.com'},{'host':'b.com'},{'host':'c.com'},{}]                  | a.com,b.com,c.com + 2 more...",
    })
    void hostsShowThreeThenACountAsKubeDoes(String rules, String expected) {
        assertThat(IngressColumns.hosts(obj("{'spec':{'rules':" + rules + "}}"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{}                                                                               | \"\"",
            "{'loadBalancer':{'ingress':[{'ip':'10.0.0.2'},{'hostname':'lb.example.com'},{'ip':'10.0.0.1','hostname':'x'}]}} | 10.0.0.1,10.0.0.2,lb.example.com",
            "{'loadBalancer':{'ingress':[{'ip':'10.0.0.1'},{'ip':'10.0.0.1'}]}}                | 10.0.0.1",
    })
    void addressIsTheSortedLoadBalancerEntries(String status, String expected) {
        assertThat(IngressColumns.address(obj("{'status':" + status + "}"))).isEqualTo(expected);
    }

    @Test
    void cellsShowClassOrNoneAndTheTlsPort() {
        var plain = new IngressColumns().cells(obj("{'metadata':{'name':'web'},'spec':{'rules':[{'host':'foo.com'}]}}"), Instant.now());
        assertThat(plain.toString()).isEqualTo("[\"web\",\"<none>\",\"foo.com\",\"\",\"80\",\"<unknown>\"]");
        var tls = new IngressColumns().cells(obj("{'metadata':{'name':'web'},'spec':{'ingressClassName':'podium',"
                + "'tls':[{'hosts':['foo.com']}],'defaultBackend':{}}}"), Instant.now());
        assertThat(tls.toString()).isEqualTo("[\"web\",\"podium\",\"*\",\"\",\"80, 443\",\"<unknown>\"]");
        assertThat(new IngressColumns().columns()).extracting(Column::name).containsExactly("Name", "Class", "Hosts", "Address", "Ports", "Age");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{'spec':{'controller':'podium.dev/ingress'}}                                               | <none>",
            "{'spec':{'parameters':{'kind':'Config','name':'c','scope':'Cluster'}}}                      | Config/c",
            "{'spec':{'parameters':{'apiGroup':'k8s.example.com','kind':'Config','name':'c'}}}           | Config.k8s.example.com/c",
    })
    void ingressClassParametersAreKindGroupSlashName(String ingressClass, String expected) {
        assertThat(IngressClassColumns.parameters(obj(ingressClass))).isEqualTo(expected);
    }

    @Test
    void ingressClassCells() {
        var cells = new IngressClassColumns().cells(obj("{'metadata':{'name':'podium'},'spec':{'controller':'podium.dev/ingress'}}"), Instant.now());
        assertThat(cells.toString()).isEqualTo("[\"podium\",\"podium.dev/ingress\",\"<none>\",\"<unknown>\"]");
    }
}
