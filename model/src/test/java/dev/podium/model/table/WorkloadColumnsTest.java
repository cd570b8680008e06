package dev.podium.model.table;

import dev.podium.model.kinds.KindRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static dev.podium.model.table.TestJson.obj;
import static org.assertj.core.api.Assertions.assertThat;

/** Deployments, ReplicaSets, ReplicationControllers, StatefulSets, DaemonSets, Jobs, CronJobs and ControllerRevisions. */
class WorkloadColumnsTest {
    static final Instant NOW = Instant.parse("2024-01-01T01:00:00Z");
    static final String META = "'metadata':{'name':'web','creationTimestamp':'2024-01-01T00:55:00Z'}";
    static final String TEMPLATE = "'template':{'spec':{'containers':[{'name':'c','image':'nginx'},{'name':'proxy','image':'envoy:1.30'}]}}";

    static String cells(String kind, String object) {
        return TablePrinters.forKind(KindRegistry.get(kind)).cells(obj(object), NOW).toString().replace('"', '\'');
    }

    @Test
    void columnDefinitions() {
        assertThat(columns("Deployment.apps")).containsExactly("Name:0", "Ready:0", "Up-to-date:0", "Available:0", "Age:0", "Containers:1", "Images:1",
                "Selector:1");
        assertThat(columns("ReplicaSet.apps")).containsExactly("Name:0", "Desired:0", "Current:0", "Ready:0", "Age:0", "Containers:1", "Images:1",
                "Selector:1");
        assertThat(columns("ReplicationController")).isEqualTo(columns("ReplicaSet.apps"));
        assertThat(columns("StatefulSet.apps")).containsExactly("Name:0", "Ready:0", "Age:0", "Containers:1", "Images:1");
        assertThat(columns("DaemonSet.apps")).containsExactly("Name:0", "Desired:0", "Current:0", "Ready:0", "Up-to-date:0", "Available:0",
                "Node Selector:0", "Age:0", "Containers:1", "Images:1", "Selector:1");
        assertThat(columns("Job.batch")).containsExactly("Name:0", "Status:0", "Completions:0", "Duration:0", "Age:0", "Containers:1", "Images:1",
                "Selector:1");
        assertThat(columns("CronJob.batch")).containsExactly("Name:0", "Schedule:0", "Timezone:0", "Suspend:0", "Active:0", "Last Schedule:0",
                "Age:0", "Containers:1", "Images:1", "Selector:1");
        assertThat(columns("ControllerRevision.apps")).containsExactly("Name:0", "Controller:0", "Revision:0", "Age:0");
        assertThat(TablePrinters.forKind(KindRegistry.get("ReplicaSet.apps")).columns().get(1).type()).isEqualTo("integer");
    }

    @Test
    void deployment() {
        assertThat(cells("Deployment.apps", "{" + META + ",'spec':{'replicas':3,'selector':{'matchLabels':{'app':'web'},"
                + "'matchExpressions':[{'key':'tier','operator':'In','values':['fe','be']}]}," + TEMPLATE + "},"
                + "'status':{'readyReplicas':2,'updatedReplicas':3,'availableReplicas':2}}"))
                .isEqualTo("['web','2/3',3,2,'5m','c,proxy','nginx,envoy:1.30','app=web,tier in (be,fe)']");
        assertThat(cells("Deployment.apps", "{'metadata':{'name':'new'},'spec':{'replicas':1,'selector':{}}}"))
                .isEqualTo("['new','0/1',0,0,'<unknown>','','','<none>']");
        assertThat(cells("Deployment.apps", "{'metadata':{'name':'bad'},'spec':{'selector':{'matchExpressions':[{'key':'a','operator':'Near'}]}}}"))
                .endsWith(",'<invalid>']");
    }

    @Test
    void replicaSetsAndReplicationControllers() {
        assertThat(cells("ReplicaSet.apps", "{" + META + ",'spec':{'replicas':3,'selector':{'matchLabels':{'app':'web'}}," + TEMPLATE + "},"
                + "'status':{'replicas':3,'readyReplicas':1}}")).isEqualTo("['web',3,3,1,'5m','c,proxy','nginx,envoy:1.30','app=web']");
        assertThat(cells("ReplicationController", "{" + META + ",'spec':{'replicas':2,'selector':{'tier':'fe','app':'web'}}}"))
                .isEqualTo("['web',2,0,0,'5m','','','app=web,tier=fe']");
    }

    @Test
    void statefulSetAndDaemonSet() {
        assertThat(cells("StatefulSet.apps", "{" + META + ",'spec':{'replicas':3," + TEMPLATE + "},'status':{'readyReplicas':1}}"))
                .isEqualTo("['web','1/3','5m','c,proxy','nginx,envoy:1.30']");
        assertThat(cells("DaemonSet.apps", "{" + META + ",'spec':{'selector':{'matchLabels':{'app':'agent'}},'template':{'spec':{"
                + "'nodeSelector':{'kubernetes.io/os':'linux','disk':'ssd'},'containers':[{'name':'a','image':'agent:1'}]}}},"
                + "'status':{'desiredNumberScheduled':5,'currentNumberScheduled':4,'numberReady':3,'updatedNumberScheduled':2,'numberAvailable':1}}"))
                .isEqualTo("['web',5,4,3,2,1,'disk=ssd,kubernetes.io/os=linux','5m','a','agent:1','app=agent']");
        assertThat(cells("DaemonSet.apps", "{'metadata':{'name':'x'}}")).isEqualTo("['x',0,0,0,0,0,'<none>','<unknown>','','','<none>']");
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
            "{'status':{'conditions':[{'type':'Complete','status':'True'},{'type':'Failed','status':'True'}]}}          | Complete",
            "{'status':{'conditions':[{'type':'Complete','status':'False'},{'type':'Failed','status':'True'}]}}         | Failed",
            "{'metadata':{'deletionTimestamp':'2024-01-01T00:00:00Z'},'status':{'conditions':[{'type':'Suspended','status':'True'}]}} | Terminating",
            "{'status':{'conditions':[{'type':'Suspended','status':'True'}]}}                                          | Suspended",
            "{'status':{'conditions':[{'type':'FailureTarget','status':'True'}]}}                                      | FailureTarget",
            "{'status':{'conditions':[{'type':'Suspended','status':'False'}]}}                                         | Running",
            "{}                                                                                                         | Running",
    })
    void jobStatus(String job, String expected) {
        assertThat(JobColumns.status(obj(job))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "{'spec':{'completions':5,'parallelism':2},'status':{'succeeded':3}}   | 3/5",
            "{'spec':{'parallelism':4},'status':{'succeeded':1}}                   | 1/1 of 4",
            "{'spec':{'parallelism':1}}                                            | 0/1",
            "{'spec':{}}                                                           | 0/1",
    })
    void jobCompletions(String job, String expected) {
        assertThat(JobColumns.completions(obj(job))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "{'status':{}}                                                                          | ''",
            "{'status':{'startTime':'2024-01-01T00:58:00Z'}}                                        | 2m",
            "{'status':{'startTime':'2024-01-01T00:00:00Z','completionTime':'2024-01-01T00:00:45Z'}} | 45s",
    })
    void jobDuration(String job, String expected) {
        assertThat(JobColumns.duration(obj(job), NOW)).isEqualTo(expected);
    }

    @Test
    void jobCells() {
        assertThat(cells("Job.batch", "{" + META + ",'spec':{'completions':1,'selector':{'matchLabels':{'batch.kubernetes.io/controller-uid':'u1'}},"
                + TEMPLATE + "},'status':{'succeeded':1,'startTime':'2024-01-01T00:55:00Z','completionTime':'2024-01-01T00:56:30Z',"
                + "'conditions':[{'type':'Complete','status':'True'}]}}"))
                .isEqualTo("['web','Complete','1/1','90s','5m','c,proxy','nginx,envoy:1.30','batch.kubernetes.io/controller-uid=u1']");
    }

    @Test
    void cronJobCells() {
        assertThat(cells("CronJob.batch", "{" + META + ",'spec':{'schedule':'*/5 * * * *','suspend':false,'jobTemplate':{'spec':{" + TEMPLATE + "}}},"
                + "'status':{'active':[{'name':'web-1'},{'name':'web-2'}],'lastScheduleTime':'2024-01-01T00:50:00Z'}}"))
                .isEqualTo("['web','*/5 * * * *','<none>','False',2,'10m','5m','c,proxy','nginx,envoy:1.30','<none>']");
        assertThat(cells("CronJob.batch", "{'metadata':{'name':'tz'},'spec':{'schedule':'@daily','timeZone':'Europe/Paris','suspend':true}}"))
                .isEqualTo("['tz','@daily','Europe/Paris','True',0,'<none>','<unknown>','','','<none>']");
        assertThat(cells("CronJob.batch", "{'metadata':{'name':'old'},'spec':{'schedule':'@daily'}}")).contains("'<unset>'");
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
            "[{'apiVersion':'apps/v1','kind':'StatefulSet','name':'web','uid':'u','controller':true}]                    | statefulset.apps/web",
            "[{'apiVersion':'v1','kind':'Pod','name':'p','uid':'u'},{'apiVersion':'apps/v1','kind':'DaemonSet','name':'x','uid':'v','controller':true}] | daemonset.apps/x",
            "[{'apiVersion':'v1','kind':'ReplicationController','name':'rc','uid':'u','controller':true}]                | replicationcontroller/rc",
            "[{'apiVersion':'apps/v1','kind':'StatefulSet','name':'web','uid':'u'}]                                       | <none>",
    })
    void controllerRevisionController(String owners, String expected) {
        assertThat(ControllerRevisionColumns.controller(obj("{'metadata':{'ownerReferences':" + owners + "}}"))).isEqualTo(expected);
    }

    @Test
    void controllerRevisionCells() {
        assertThat(cells("ControllerRevision.apps", "{" + META + ",'revision':3}")).isEqualTo("['web','<none>',3,'5m']");
    }

    static List<String> columns(String kind) {
        return TablePrinters.forKind(KindRegistry.get(kind)).columns().stream().map(c -> c.name() + ":" + c.priority()).toList();
    }
}
