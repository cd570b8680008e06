package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.podium.model.validation.Fixtures.render;
import static dev.podium.model.validation.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class CronJobRulesTest {
    static final KindFixtures CRON = KindFixtures.of("CronJob.batch");
    static final String JOB_TEMPLATE = "jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: c, image: busybox}]}}}}";

    static String cronJob(String fields) {
        return cronJob("nightly", fields);
    }

    static String cronJob(String name, String fields) {
        return "metadata: {name: " + name + ", namespace: d}\nspec: {" + fields + "}";
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "schedule: '@daily'                                   | /spec/concurrencyPolicy          | 'Allow'",
            "schedule: '@daily', concurrencyPolicy: Forbid        | /spec/concurrencyPolicy          | 'Forbid'",
            "schedule: '@daily'                                   | /spec/suspend                    | false",
            "schedule: '@daily'                                   | /spec/successfulJobsHistoryLimit | 3",
            "schedule: '@daily'                                   | /spec/failedJobsHistoryLimit     | 1",
            "schedule: '@daily', " + JOB_TEMPLATE + "             | /spec/jobTemplate/spec/template/spec/dnsPolicy | 'ClusterFirst'",
            "schedule: '@daily', " + JOB_TEMPLATE + "             | /spec/jobTemplate/spec/completions | ",
            "schedule: '@daily', " + JOB_TEMPLATE + "             | /spec/jobTemplate/spec/backoffLimit | ",
            "schedule: '@daily'                                   | /spec/timeZone                   | ",
    })
    void defaults(String fields, String pointer, String expected) {
        ObjectNode cj = CRON.defaulted(cronJob(fields));
        assertThat(cj.at(pointer).isMissingNode() ? "" : cj.at(pointer).toString()).isEqualTo(expected == null ? "" : expected.replace('\'', '"'));
    }

    static Stream<Arguments> creates() {
        String t = ", " + JOB_TEMPLATE;
        return Stream.of(
                Arguments.of("schedule: '*/5 * * * *'" + t, List.of()),
                Arguments.of("schedule: '@hourly', timeZone: America/New_York" + t, List.of()),
                Arguments.of(JOB_TEMPLATE, List.of("spec.schedule: Required value")),
                Arguments.of("schedule: '* * *'" + t, List.of("spec.schedule: Invalid value: \"* * *\": expected exactly 5 fields, found 3: [* * *]")),
                Arguments.of("schedule: '0 0 * * 7'" + t, List.of("spec.schedule: Invalid value: \"0 0 * * 7\": end of range (7) above maximum (6): 7")),
                Arguments.of("schedule: 'TZ=UTC 0 * * * *'" + t,
                        List.of("spec.schedule: Invalid value: \"TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead")),
                Arguments.of("schedule: '@daily', timeZone: ''" + t, List.of("spec.timeZone: Invalid value: \"\": timeZone must be nil or non-empty string")),
                Arguments.of("schedule: '@daily', timeZone: Local" + t, List.of("spec.timeZone: Invalid value: \"Local\": "
                        + "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones")),
                Arguments.of("schedule: '@daily', timeZone: local" + t, List.of(
                        "spec.timeZone: Invalid value: \"local\": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones",
                        "spec.timeZone: Invalid value: \"local\": unknown time zone local")),
                Arguments.of("schedule: '@daily', timeZone: Mars/Olympus_Mons" + t,
                        List.of("spec.timeZone: Invalid value: \"Mars/Olympus_Mons\": unknown time zone Mars/Olympus_Mons")),
                Arguments.of("schedule: '@daily', timeZone: '../etc/passwd'" + t,
                        List.of("spec.timeZone: Invalid value: \"../etc/passwd\": unknown time zone ../etc/passwd")),
                Arguments.of("schedule: '@daily', timeZone: UTC+1" + t, List.of("spec.timeZone: Invalid value: \"UTC+1\": unknown time zone UTC+1")),
                Arguments.of("schedule: '@daily', concurrencyPolicy: Sometimes" + t,
                        List.of("spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values: \"Allow\", \"Forbid\", \"Replace\"")),
                Arguments.of("schedule: '@daily', startingDeadlineSeconds: -1, successfulJobsHistoryLimit: -1, failedJobsHistoryLimit: -1" + t, List.of(
                        "spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0",
                        "spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
                        "spec.failedJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0")),
                Arguments.of("schedule: '@daily', jobTemplate: {spec: {template: {spec: {containers: [{name: c, image: busybox}]}}}}", List.of(
                        "spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"")),
                Arguments.of("schedule: '@daily', jobTemplate: {spec: {completions: -1, selector: {matchLabels: {app: x}}, manualSelector: true, "
                        + "template: {metadata: {labels: {app: x}}, spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}}}}", List.of(
                        "spec.jobTemplate.spec.completions: Invalid value: -1: must be greater than or equal to 0",
                        "spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"x\"}, "
                                + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated",
                        "spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: \"nil\", \"false\"")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("creates")
    void validation(String fields, List<String> expected) {
        assertThat(CRON.create(cronJob(fields))).containsExactlyElementsOf(expected);
    }

    @Test
    void namesLeaveRoomForTheJobSuffixOnCreateOnly() {
        String longName = "a".repeat(53);
        String fields = "schedule: '@daily', " + JOB_TEMPLATE;
        assertThat(CRON.create(cronJob("a".repeat(52), fields))).isEmpty();
        assertThat(CRON.create(cronJob(longName, fields)))
                .containsExactly("metadata.name: Invalid value: \"" + longName + "\": must be no more than 52 characters");
        assertThat(CRON.update(cronJob(longName, fields), cronJob(longName, "schedule: '@hourly', " + JOB_TEMPLATE))).isEmpty();
    }

    static Stream<Arguments> updates() {
        String t = ", " + JOB_TEMPLATE;
        return Stream.of(
                Arguments.of("schedule: 'TZ=UTC 0 * * * *'" + t, "schedule: 'TZ=UTC 30 * * * *'" + t, List.of()),
                Arguments.of("schedule: 'TZ=UTC 0 * * * *'" + t, "schedule: 'TZ=UTC 0 * * * *', timeZone: Europe/Paris" + t,
                        List.of("spec.schedule: Invalid value: \"TZ=UTC 0 * * * *\": cannot use both timeZone field and TZ or CRON_TZ in schedule")),
                Arguments.of("schedule: '0 * * * *'" + t, "schedule: 'TZ=UTC 0 * * * *'" + t,
                        List.of("spec.schedule: Invalid value: \"TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead")),
                // a time zone is only checked when it changes
                Arguments.of("schedule: '@daily', timeZone: Local" + t, "schedule: '@hourly', timeZone: Local" + t, List.of()),
                Arguments.of("schedule: '@daily', timeZone: Local" + t, "schedule: '@daily', timeZone: Atlantis" + t,
                        List.of("spec.timeZone: Invalid value: \"Atlantis\": unknown time zone Atlantis")));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("updates")
    void updateRules(String old, String updated, List<String> expected) {
        assertThat(CRON.update(cronJob(old), cronJob(updated))).containsExactlyElementsOf(expected);
    }

    @Test
    void aStoredScheduleWithTzStillParses() {
        ObjectNode cj = yaml(cronJob("schedule: 'CRON_TZ=Europe/Paris 0 6 * * *', " + JOB_TEMPLATE));
        assertThat(render(CRON.kind().rules().validate(CRON.defaulted(cj.toString())))).isEmpty();
    }
}
