package dev.podium.model.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.stream.Stream;

import static dev.podium.model.table.TestJson.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class PodStatusColumnTest {
    private static final String ONE = "'spec':{'containers':[{'name':'a'}]}";
    private static final String TWO = "'spec':{'containers':[{'name':'a'},{'name':'b'}]}";
    private static final String WITH_INIT = "'spec':{'initContainers':[{'name':'i'}],'containers':[{'name':'a'}]}";

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("Pending", "{" + ONE + ",'status':{'phase':'Pending'}}", "Pending", "0/1"),
                arguments("ContainerCreating", "{" + ONE + ",'status':{'phase':'Pending','containerStatuses':[{'name':'a','state':{'waiting':{'reason':'ContainerCreating'}}}]}}",
                        "ContainerCreating", "0/1"),
                arguments("Running", "{" + ONE + ",'status':{'phase':'Running','conditions':[{'type':'Ready','status':'True'}],"
                        + "'containerStatuses':[{'name':'a','ready':true,'state':{'running':{'startedAt':'2024-01-01T00:00:00Z'}}}]}}", "Running", "1/1"),
                arguments("Completed", "{" + ONE + ",'status':{'phase':'Succeeded','containerStatuses':[{'name':'a','state':{'terminated':{'exitCode':0,'reason':'Completed'}}}]}}",
                        "Completed", "0/1"),
                arguments("Error", "{" + ONE + ",'status':{'phase':'Failed','containerStatuses':[{'name':'a','state':{'terminated':{'exitCode':1,'reason':'Error'}}}]}}",
                        "Error", "0/1"),
                arguments("OOMKilled", "{" + ONE + ",'status':{'phase':'Running','containerStatuses':[{'name':'a','state':{'terminated':{'exitCode':137,'reason':'OOMKilled'}}}]}}",
                        "OOMKilled", "0/1"),
                arguments("CrashLoopBackOff", "{" + ONE + ",'status':{'phase':'Running','containerStatuses':[{'name':'a','restartCount':4,'state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}}",
                        "CrashLoopBackOff", "0/1"),
                arguments("ErrImagePull", "{" + ONE + ",'status':{'phase':'Pending','containerStatuses':[{'name':'a','state':{'waiting':{'reason':'ErrImagePull'}}}]}}",
                        "ErrImagePull", "0/1"),
                arguments("Signal", "{" + ONE + ",'status':{'phase':'Running','containerStatuses':[{'name':'a','state':{'terminated':{'exitCode':0,'signal':9}}}]}}",
                        "Signal:9", "0/1"),
                arguments("ExitCode", "{" + ONE + ",'status':{'phase':'Running','containerStatuses':[{'name':'a','state':{'terminated':{'exitCode':3}}}]}}",
                        "ExitCode:3", "0/1"),
                arguments("status.reason wins over phase", "{" + ONE + ",'status':{'phase':'Failed','reason':'Evicted'}}", "Evicted", "0/1"),
                arguments("SchedulingGated", "{" + ONE + ",'status':{'phase':'Pending','conditions':[{'type':'PodScheduled','status':'False','reason':'SchedulingGated'}]}}",
                        "SchedulingGated", "0/1"),
                arguments("Init:0/1", "{" + WITH_INIT + ",'status':{'phase':'Pending','initContainerStatuses':[{'name':'i','state':{'waiting':{'reason':'PodInitializing'}}}]}}",
                        "Init:0/1", "0/1"),
                arguments("Init running", "{" + WITH_INIT + ",'status':{'phase':'Pending','initContainerStatuses':[{'name':'i','state':{'running':{}}}],"
                        + "'containerStatuses':[{'name':'a','state':{'waiting':{'reason':'PodInitializing'}}}]}}", "Init:0/1", "0/1"),
                arguments("Init:Error", "{" + WITH_INIT + ",'status':{'phase':'Pending','initContainerStatuses':[{'name':'i','state':{'terminated':{'exitCode':1,'reason':'Error'}}}]}}",
                        "Init:Error", "0/1"),
                arguments("Init:ExitCode", "{" + WITH_INIT + ",'status':{'phase':'Pending','initContainerStatuses':[{'name':'i','state':{'terminated':{'exitCode':2}}}]}}",
                        "Init:ExitCode:2", "0/1"),
                arguments("Init:CrashLoopBackOff", "{" + WITH_INIT + ",'status':{'phase':'Pending','initContainerStatuses':[{'name':'i','restartCount':3,'state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}}",
                        "Init:CrashLoopBackOff", "0/1"),
                arguments("init done, main running", "{" + WITH_INIT + ",'status':{'phase':'Running','conditions':[{'type':'Initialized','status':'True'},{'type':'Ready','status':'True'}],"
                        + "'initContainerStatuses':[{'name':'i','state':{'terminated':{'exitCode':0,'reason':'Completed'}}}],"
                        + "'containerStatuses':[{'name':'a','ready':true,'state':{'running':{}}}]}}", "Running", "1/1"),
                arguments("Terminating", "{'metadata':{'deletionTimestamp':'2024-01-01T00:00:00Z'}," + ONE
                        + ",'status':{'phase':'Running','containerStatuses':[{'name':'a','ready':true,'state':{'running':{}}}]}}", "Terminating", "1/1"),
                arguments("deleted but already Succeeded", "{'metadata':{'deletionTimestamp':'2024-01-01T00:00:00Z'}," + ONE
                        + ",'status':{'phase':'Succeeded','containerStatuses':[{'name':'a','state':{'terminated':{'exitCode':0,'reason':'Completed'}}}]}}", "Completed", "0/1"),
                arguments("NodeLost", "{'metadata':{'deletionTimestamp':'2024-01-01T00:00:00Z'}," + ONE + ",'status':{'phase':'Running','reason':'NodeLost'}}",
                        "Unknown", "0/1"),
                arguments("NotReady: one completed, one running, pod not Ready", "{" + TWO + ",'status':{'phase':'Running','conditions':[{'type':'Ready','status':'False'}],"
                        + "'containerStatuses':[{'name':'a','state':{'terminated':{'exitCode':0,'reason':'Completed'}}},{'name':'b','ready':true,'state':{'running':{}}}]}}",
                        "NotReady", "1/2"),
                arguments("Running: one completed, one running, pod Ready", "{" + TWO + ",'status':{'phase':'Running','conditions':[{'type':'Ready','status':'True'}],"
                        + "'containerStatuses':[{'name':'a','state':{'terminated':{'exitCode':0,'reason':'Completed'}}},{'name':'b','ready':true,'state':{'running':{}}}]}}",
                        "Running", "1/2"),
                arguments("sidecar started counts as ready and total", "{'spec':{'initContainers':[{'name':'s','restartPolicy':'Always'}],'containers':[{'name':'a'}]},"
                        + "'status':{'phase':'Running','conditions':[{'type':'Initialized','status':'True'}],'initContainerStatuses':[{'name':'s','started':true,'ready':true,'state':{'running':{}}}],"
                        + "'containerStatuses':[{'name':'a','ready':true,'state':{'running':{}}}]}}", "Running", "2/2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void statusAndReady(String name, String pod, String status, String ready) {
        PodStatusColumn.Summary s = PodStatusColumn.summarize(obj(pod));
        assertThat(s.status()).isEqualTo(status);
        assertThat(s.ready()).isEqualTo(ready);
    }

    @Test
    void restartsShowWhenTheLastOneEnded() {
        Instant now = Instant.parse("2024-01-01T01:00:00Z");
        PodStatusColumn.Summary s = PodStatusColumn.summarize(obj("{" + TWO + ",'status':{'phase':'Running','containerStatuses':["
                + "{'name':'a','restartCount':1,'state':{'running':{}},'lastState':{'terminated':{'exitCode':1,'finishedAt':'2024-01-01T00:50:00Z'}}},"
                + "{'name':'b','restartCount':1,'state':{'running':{}},'lastState':{'terminated':{'exitCode':1,'finishedAt':'2024-01-01T00:55:00Z'}}}]}}"));
        assertThat(s.restarts()).isEqualTo(2);
        assertThat(s.restartsCell(now)).isEqualTo("2 (5m ago)");
    }

    @Test
    void restartsWithoutAnEndTimeAreJustACount() {
        PodStatusColumn.Summary s = PodStatusColumn.summarize(obj("{" + ONE + ",'status':{'phase':'Running','containerStatuses':[{'name':'a','restartCount':3,'state':{'running':{}}}]}}"));
        assertThat(s.restartsCell(Instant.now())).isEqualTo("3");
        assertThat(PodStatusColumn.summarize(obj("{" + ONE + "}")).restartsCell(Instant.now())).isEqualTo("0");
    }

    @Test
    void initContainerRestartsCountWhileInitializing() {
        PodStatusColumn.Summary s = PodStatusColumn.summarize(obj("{" + WITH_INIT + ",'status':{'phase':'Pending','initContainerStatuses':"
                + "[{'name':'i','restartCount':3,'state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}}"));
        assertThat(s.restarts()).isEqualTo(3);
    }
}
