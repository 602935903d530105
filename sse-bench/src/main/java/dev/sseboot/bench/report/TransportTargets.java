package dev.sseboot.bench.report;

import dev.sseboot.bench.result.AdmissionResult;
import dev.sseboot.bench.result.FanoutStep;

import java.util.List;
import java.util.Optional;

/**
 * The targets of the starter on each web server it runs on: memory per idle stream on Jetty and
 * Reactor Netty, Tomcat's lean connector against the floor of Tomcat's buffers, every stream open
 * and no gap at S6's highest rate, CPU at S6's lowest rate on the default transport, the connect
 * storm against the naive app, and no OutOfMemoryError in S7. A target whose inputs are missing
 * reads "n/a".
 */
final class TransportTargets {

    static final double IDLE_STREAM_BYTES = 16 * 1024;
    /** Tomcat's request and response buffers shrunk as far as Tomcat allows, measured on this machine before the lean connector existed. */
    static final double TOMCAT_FLOOR_BYTES = 78 * 1024;
    static final int FULL_DELIVERY_RATE = 20;
    static final List<String> STARTER_TRANSPORTS = List.of("starter", "starter-lean", "starter-jetty", "starter-webflux");

    private TransportTargets() {
    }

    static Table table(Results results) {
        // The subject is the starter on its default transport, Tomcat; the baseline the naive app.
        String subject = results.run().subject();
        String baseline = results.run().baseline();
        Table table = new Table("target", "measured", "result");
        idleStream(table, results, "starter-jetty", "Jetty 12");
        idleStream(table, results, "starter-webflux", "Reactor Netty");
        Double lean = heapAndNative(results, "starter-lean");
        table.row("Tomcat's lean connector ≤ " + Format.kib(TOMCAT_FLOOR_BYTES) + " per idle stream (the floor of "
                        + "Tomcat's shrunk buffers)",
                memory(results, "starter-lean") + "; default connector " + memory(results, subject),
                Format.check(lean == null ? null : lean <= TOMCAT_FLOOR_BYTES));
        for (String server : STARTER_TRANSPORTS) {
            Optional<FanoutStep> step = results.fixedStep(server, FULL_DELIVERY_RATE);
            table.row("`" + server + "`: every stream open, 0 gaps at " + results.run().plan().streams() + " × "
                            + FULL_DELIVERY_RATE + " events/s",
                    step.map(TransportTargets::delivery).orElse(Format.NONE),
                    Format.check(step.map(TransportTargets::deliveredInFull).orElse(null)));
        }
        Double cpu = results.fixedCpu(subject, Targets.CPU_TARGET_RATE);
        table.row("`" + subject + "` CPU at " + results.run().plan().streams() + " × " + Targets.CPU_TARGET_RATE
                        + " events/s ≤ " + Format.share(Targets.CPU_TARGET_SHARE) + " of a core",
                cpu == null ? Format.NONE : Format.share(cpu) + " of a core",
                Format.check(cpu == null ? null : cpu <= Targets.CPU_TARGET_SHARE));
        Double storm = results.connectSeconds(subject);
        Double baselineStorm = results.connectSeconds(baseline);
        table.row("`" + subject + "` connect storm ≤ `" + baseline + "`'s",
                seconds(storm) + ", " + baseline + " " + seconds(baselineStorm),
                Format.check(storm == null || baselineStorm == null ? null : storm <= baselineStorm));
        List<AdmissionResult> admission = results.admission();
        table.row("S7: no OutOfMemoryError, the excess refused with 503",
                admission.isEmpty() ? Format.NONE : admission.stream().map(TransportTargets::admission).toList().toString(),
                Format.check(admission.isEmpty() ? null : admission.stream().allMatch(TransportTargets::refusedCleanly)));
        return table;
    }

    private static void idleStream(Table table, Results results, String server, String container) {
        Double bytes = heapAndNative(results, server);
        table.row(container + " (`" + server + "`) ≤ " + Format.kib(IDLE_STREAM_BYTES) + " of heap + native per idle stream",
                memory(results, server), Format.check(bytes == null ? null : bytes <= IDLE_STREAM_BYTES));
    }

    private static Double heapAndNative(Results results, String server) {
        Double heap = results.heapPerStream(server);
        Double nativeBytes = results.nativePerStream(server);
        return heap == null || nativeBytes == null ? null : heap + nativeBytes;
    }

    private static String memory(Results results, String server) {
        Double heap = results.heapPerStream(server);
        Double nativeBytes = results.nativePerStream(server);
        if (heap == null || nativeBytes == null) {
            return Format.NONE;
        }
        return Format.kib(heap + nativeBytes) + " (heap " + Format.kib(heap) + " + native " + Format.kib(nativeBytes) + ")";
    }

    private static boolean deliveredInFull(FanoutStep step) {
        return step.open().failed() == 0 && step.window().gaps() == 0 && step.window().duplicates() == 0;
    }

    private static String delivery(FanoutStep step) {
        return step.open().opened() + " of " + step.open().requested() + " open, " + step.window().gaps() + " gaps, "
                + Format.percent(step.window().onTimeRatio()) + " on time";
    }

    private static String seconds(Double seconds) {
        return seconds == null ? Format.NONE : Format.seconds(seconds);
    }

    private static boolean refusedCleanly(AdmissionResult result) {
        return result.outOfMemoryErrors() != null && result.outOfMemoryErrors() == 0 && Boolean.TRUE.equals(result.alive())
                && result.refused() > 0;
    }

    private static String admission(AdmissionResult result) {
        return result.admitted() + " admitted, " + result.refused() + " refused with 503, " + result.outOfMemoryErrors()
                + " OutOfMemoryError lines";
    }
}
