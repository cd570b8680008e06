package dev.podium.model.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static dev.podium.model.table.TestJson.obj;
import static org.assertj.core.api.Assertions.assertThat;

class IPAddressColumnsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{'spec':{'parentRef':{'group':'','resource':'services','namespace':'default','name':'web'}}}          | services/default/web",
            "{'spec':{'parentRef':{'group':'gateway.networking.k8s.io','resource':'Gateways','namespace':'ns','name':'gw'}}} | gateways.gateway.networking.k8s.io/ns/gw",
            "{'spec':{'parentRef':{'resource':'nodes','name':'n1'}}}                                               | nodes/n1",
            "{'spec':{}}                                                                                          | <none>",
    })
    void parentRef(String ip, String expected) {
        assertThat(IPAddressColumns.parentRef(obj(ip))).isEqualTo(expected);
    }

    @Test
    void cellsAreNameAndParentRef() {
        var cells = new IPAddressColumns().cells(obj("{'metadata':{'name':'10.96.0.10'},"
                + "'spec':{'parentRef':{'resource':'services','namespace':'kube-system','name':'kube-dns'}}}"), Instant.now());
        assertThat(cells.toString()).isEqualTo("[\"10.96.0.10\",\"services/kube-system/kube-dns\"]");
    }
}
