package dev.sseboot.bench.run;

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

/**
 * Runs the scenarios against every server and writes the results directory (see
 * {@link ResultsStore}); {@code run.sh} starts it pinned to the generator CPU, with the servers'
 * command lines. Scenarios run server after server, the cheap ones first, so that an interrupted
 * run still holds a comparison of every server; S1, the long one, comes last and keeps to the time
 * budget ({@code --budget-seconds}) by trying fewer rates.
 */
public final class BenchRunner {

    private BenchRunner() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        RunnerArgs arguments = RunnerArgs.parse(args);
        Instant deadline = Instant.now().plus(arguments.budget());
        ResultsStore store = new ResultsStore(arguments.results());
        List<RunInfo.ServerInfo> servers = arguments.servers().stream()
                .map(spec -> new RunInfo.ServerInfo(spec.name(), spec.description(), spec.command())).toList();
        store.write(ResultsStore.RUN, new RunInfo(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME),
                arguments.command(), MachineInfo.describe(), MachineInfo.jdk(), MachineInfo.os(),
                MachineInfo.loopbackSendBuffer(), arguments.serverCpu(), arguments.generatorCpu(), arguments.subject(), arguments.baseline(),
                arguments.ceiling(), servers, arguments.plan()));
        ServerRuns runs = new ServerRuns(arguments.plan(), arguments.serverCpu(), arguments.results().resolve("logs"),
                arguments.pids());
        Progress.say("sse-bench %s: %d servers, scenarios %s", arguments.plan().mode(), servers.size(),
                arguments.scenarios());

        if (arguments.scenarios().contains("s2") || arguments.scenarios().contains("s4")
                || arguments.scenarios().contains("s5")) {
            List<StreamsResult> results = new ArrayList<>();
            for (ServerSpec spec : arguments.servers()) {
                results.add(new StreamsScenario(runs).run(spec));
                store.write(ResultsStore.STREAMS, results);
            }
        }
        if (arguments.scenarios().contains("s3")) {
            List<MemoryResult> results = new ArrayList<>();
            for (ServerSpec spec : arguments.servers()) {
                results.add(new MemoryScenario(runs).run(spec));
                store.write(ResultsStore.MEMORY, results);
            }
        }
        if (arguments.scenarios().contains("s1")) {
            new FanoutScenario(runs, deadline).run(arguments.servers(),
                    results -> store.write(ResultsStore.FANOUT, results));
        }
        Progress.say("results in %s", arguments.results().toAbsolutePath());
    }
}
