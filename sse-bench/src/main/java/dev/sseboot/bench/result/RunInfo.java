package dev.sseboot.bench.result;

import java.util.List;

/**
 * How and where the bench ran, for the report's header.
 *
 * @param loopbackSendBuffer the send buffer of a fresh loopback socket, in bytes
 * @param subject the server the targets are about; {@code baseline} and {@code ceiling} are the references
 * @param admission S7's server, the subject on a small heap; {@code null} when none was given
 */
public record RunInfo(String date, String command, String machine, String jdk, String os, int loopbackSendBuffer,
        int serverCpu, int generatorCpu, String subject, String baseline, String ceiling, List<ServerInfo> servers,
        BenchPlan plan, ServerInfo admission) {

    /** A server under test, as started: its command has {@code {port}} and {@code {rate}} filled in per run. */
    public record ServerInfo(String name, String description, String command) {
    }
}
