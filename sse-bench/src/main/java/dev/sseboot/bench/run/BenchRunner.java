package dev.sseboot.bench.run;

import dev.sseboot.bench.result.FixedLoadResult;
import dev.sseboot.bench.result.MemoryResult;
import dev.sseboot.bench.result.ResultsStore;
import dev.sseboot.bench.result.RunInfo;
import dev.sseboot.bench.result.StreamsResult;

import java.io.IOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs the scenarios against every server and writes the results directory (see
 * {@link ResultsStore}); {@code run.sh} starts it pinned to the generator CPU, with the servers'
 * command lines. Scenarios run server after server, the cheap ones first, so that an interrupted
 * run still holds a comparison of every server; S6's fixed rates come before S1, which counts them
 * as tried, and S1, the long one, comes last and keeps to the time budget
 * ({@code --budget-seconds}) by trying fewer rates.
 */
public final class BenchRunner {

    private BenchRunner() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        RunnerArgs arguments = RunnerArgs.parse(args);
        Instant deadline = Instant.now().plus(arguments.budget());
        ResultsStore store = new ResultsStore(arguments.results());
        List<RunInfo.ServerInfo> servers = arguments.servers().stream().map(BenchRunner::info).toList();
        store.write(ResultsStore.RUN, new RunInfo(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME),
                arguments.command(), MachineInfo.describe(), MachineInfo.jdk(), MachineInfo.os(),
                MachineInfo.loopbackSendBuffer(), arguments.serverCpu(), arguments.generatorCpu(), arguments.subject(), arguments.baseline(),
                arguments.ceiling(), servers, arguments.plan(),
                arguments.admission() == null ? null : info(arguments.admission())));
        ServerRuns runs = new ServerRuns(arguments.plan(), arguments.serverCpu(), arguments.results().resolve("logs"),
                arguments.pids());
        RateSteps rates = new RateSteps(runs);
        Set<String> scenarios = arguments.scenarios();
        Progress.say("sse-bench %s: %d servers, scenarios %s", arguments.plan().mode(), servers.size(), scenarios);

        if (scenarios.contains("s2") || scenarios.contains("s4") || scenarios.contains("s5")) {
            List<StreamsResult> results = new ArrayList<>();
            for (ServerSpec spec : arguments.servers()) {
                results.add(new StreamsScenario(runs).run(spec));
                store.write(ResultsStore.STREAMS, results);
                store.write(ResultsStore.JVMS, runs.jvms());
            }
        }
        if (scenarios.contains("s3")) {
            List<MemoryResult> results = new ArrayList<>();
            for (ServerSpec spec : arguments.servers()) {
                results.add(new MemoryScenario(runs).run(spec));
                store.write(ResultsStore.MEMORY, results);
                store.write(ResultsStore.JVMS, runs.jvms());
            }
        }
        if (scenarios.contains("s7") && arguments.admission() != null) {
            store.write(ResultsStore.ADMISSION,
                    List.of(new AdmissionScenario(runs).run(arguments.admission(), arguments.admissionEndpoint())));
            store.write(ResultsStore.JVMS, runs.jvms());
        }
        if (scenarios.contains("s6")) {
            List<FixedLoadResult> results = new ArrayList<>();
            for (ServerSpec spec : arguments.servers()) {
                results.add(new FixedLoadScenario(rates, arguments.plan()).run(spec));
                store.write(ResultsStore.FIXED, results);
                store.write(ResultsStore.JVMS, runs.jvms());
            }
        }
        if (scenarios.contains("s1")) {
            new FanoutScenario(rates, arguments.plan(), deadline).run(arguments.servers(), results -> {
                store.write(ResultsStore.FANOUT, results);
                store.write(ResultsStore.JVMS, runs.jvms());
            });
        }
        Progress.say("results in %s", arguments.results().toAbsolutePath());
    }

    private static RunInfo.ServerInfo info(ServerSpec spec) {
        return new RunInfo.ServerInfo(spec.name(), spec.description(), spec.command());
    }
}
