package dev.sseboot.bench.run;

import dev.sseboot.bench.load.LoadGenerator;
import dev.sseboot.bench.load.ReadinessProbe;
import dev.sseboot.bench.result.BenchPlan;
import dev.sseboot.bench.result.JvmInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a piece of a scenario against a fresh server process: start it pinned to the server CPU,
 * wait until it streams, hand it and a new load generator to the task, then stop both, whatever
 * happened.
 */
final class ServerRuns {

    private final BenchPlan plan;
    private final int serverCpu;
    private final Path logDirectory;
    private final Path pidDirectory;
    /** Each server's JVM as its first process ran, in the order the servers first ran. */
    private final Map<String, JvmInfo> jvms = new LinkedHashMap<>();

    ServerRuns(BenchPlan plan, int serverCpu, Path logDirectory, Path pidDirectory) {
        this.plan = plan;
        this.serverCpu = serverCpu;
        this.logDirectory = logDirectory;
        this.pidDirectory = pidDirectory;
    }

    BenchPlan plan() {
        return plan;
    }

    /** @param label names the server's log file, e.g. {@code s1-40} */
    <T> T run(ServerSpec spec, int rate, String label, Task<T> task) throws IOException, InterruptedException {
        try (ServerProcess server = ServerProcess.start(spec, serverCpu, rate, logDirectory, pidDirectory, label)) {
            try {
                ReadinessProbe.awaitFirstEvent(server.streamUrl(), BenchPlan.seconds(plan.startTimeoutSeconds()),
                        server::alive);
            } catch (IllegalStateException notReady) {
                throw new IllegalStateException(notReady.getMessage() + " (server log: " + server.log() + ")", notReady);
            }
            if (!jvms.containsKey(spec.name())) {
                JvmInfo jvm = JvmFlags.of(spec.name(), server.pid());
                if (jvm != null) {
                    jvms.put(spec.name(), jvm);
                }
            }
            try (LoadGenerator generator = new LoadGenerator(server.streamUrl(), plan.sourceAddresses())) {
                return task.run(server, generator);
            }
        }
    }

    /** The JVM of every server that ran so far (its collector and heap). */
    List<JvmInfo> jvms() {
        return List.copyOf(jvms.values());
    }

    /** The part of a scenario that needs a running server. */
    @FunctionalInterface
    interface Task<T> {
        T run(ServerProcess server, LoadGenerator generator) throws IOException, InterruptedException;
    }
}
