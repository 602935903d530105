package dev.sseboot.bench.result;

import dev.sseboot.bench.load.OpenResult;
import dev.sseboot.bench.load.WindowResult;

/**
 * S7: the subject on a small heap, asked for more streams than that heap holds.
 *
 * @param server the admission server's name; {@code command} is how it was started
 * @param requested streams asked for
 * @param admitted streams that opened (status 200)
 * @param refused streams answered 503
 * @param failed streams that got neither: another status, a reset, a time-out (reasons in {@code open})
 * @param admittedLatency a window over the admitted streams once all were asked for
 * @param endpoint an ordinary endpoint of the application, asked throughout
 * @param alive whether the process still ran at the end; {@code null} when the scenario stopped early
 * @param outOfMemoryErrors lines of its output that mention an {@code OutOfMemoryError}; {@code null}
 *     when the scenario stopped early
 * @param error why the scenario stopped early; {@code null} when it ran through
 */
public record AdmissionResult(String server, String command, int requested, int admitted, int refused, int failed,
        OpenResult open, WindowResult admittedLatency, ServerCpu cpu, EndpointAnswers endpoint, Boolean alive,
        Long outOfMemoryErrors, String error) {

    /**
     * How an ordinary endpoint answered while the streams were opened and measured, one request at
     * a time.
     *
     * @param ok answers with a 2xx status
     * @param failed other statuses, time-outs and refused connections
     * @param slowestMs the slowest answer, failures at their time-out
     */
    public record EndpointAnswers(String path, int requests, int ok, int failed, double slowestMs) {
    }
}
