package dev.sseboot.bench.run;

import dev.sseboot.bench.result.BenchPlan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The runner's command line:
 * <pre>
 * --mode=full|quick  --results=DIR  --pids=DIR  --server-cpu=N  --generator-cpu=N
 * --subject=NAME  --baseline=NAME  --ceiling=NAME  --command=TEXT  [--scenarios=s1,s2,s3,s4,s5,s6,s7]
 * [--budget-seconds=N]   (S1 tries no rate it expects to end past this; default: no limit)
 * --server NAME DESCRIPTION COMMAND   (once per server, in report order)
 * [--admission NAME DESCRIPTION COMMAND]   (S7's server: the subject on a small heap)
 * [--admission-endpoint=PATH]   (an ordinary endpoint of the admission server, asked during S7)
 * </pre>
 */
record RunnerArgs(BenchPlan plan, Path results, Path pids, int serverCpu, int generatorCpu, String subject,
        String baseline, String ceiling, String command, Set<String> scenarios, Duration budget,
        List<ServerSpec> servers, ServerSpec admission, String admissionEndpoint) {

    static RunnerArgs parse(String... args) {
        BenchPlan plan = BenchPlan.full();
        Path results = Path.of("sse-bench/results");
        Path pids = Path.of("sse-bench/target/bench-pids");
        int serverCpu = 0;
        int generatorCpu = 1;
        String subject = "starter";
        String baseline = "naive";
        String ceiling = "ceiling";
        String command = "";
        Set<String> scenarios = new LinkedHashSet<>(List.of("s1", "s2", "s3", "s4", "s5", "s6", "s7"));
        Duration budget = Duration.ofDays(1);
        List<ServerSpec> servers = new ArrayList<>();
        ServerSpec admission = null;
        String admissionEndpoint = "/";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--server") || arg.equals("--admission")) {
                if (i + 3 >= args.length) {
                    throw new IllegalArgumentException(arg + " takes NAME DESCRIPTION COMMAND");
                }
                ServerSpec spec = new ServerSpec(args[i + 1], args[i + 2], args[i + 3]);
                if (arg.equals("--server")) {
                    servers.add(spec);
                } else {
                    admission = spec;
                }
                i += 3;
                continue;
            }
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String value = arg.substring(equals + 1);
            switch (arg.substring(2, equals)) {
                case "mode" -> plan = switch (value) {
                    case "full" -> BenchPlan.full();
                    case "quick" -> BenchPlan.quick();
                    default -> throw new IllegalArgumentException("--mode is full or quick, not " + value);
                };
                case "results" -> results = Path.of(value);
                case "pids" -> pids = Path.of(value);
                case "server-cpu" -> serverCpu = Integer.parseInt(value);
                case "generator-cpu" -> generatorCpu = Integer.parseInt(value);
                case "subject" -> subject = value;
                case "baseline" -> baseline = value;
                case "ceiling" -> ceiling = value;
                case "command" -> command = value;
                case "scenarios" -> scenarios = new LinkedHashSet<>(List.of(value.split(",")));
                case "budget-seconds" -> budget = Duration.ofSeconds(Long.parseLong(value));
                case "admission-endpoint" -> admissionEndpoint = value;
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no --server given");
        }
        return new RunnerArgs(plan, results, pids, serverCpu, generatorCpu, subject, baseline, ceiling, command,
                scenarios, budget, servers, admission, admissionEndpoint);
    }
}
