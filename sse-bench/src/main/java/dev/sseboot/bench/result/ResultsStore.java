package dev.sseboot.bench.result;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The results directory: one JSON file per scenario (a list with one entry per server) and
 * {@code run.json}. The runner writes a file again after every server, so an interrupted run keeps
 * what it measured; the report reads them back.
 */
public final class ResultsStore {

    public static final String RUN = "run.json";
    public static final String FANOUT = "s1-fanout.json";
    public static final String MEMORY = "s3-memory.json";
    /** S2, S4 and S5 come from one server process per server, so they share a file. */
    public static final String STREAMS = "s2-s4-s5-streams.json";
    /** Bytes per broker instance from Redis, per routing (not a server scenario). */
    public static final String REDIS_ROUTING = "redis-routing.json";
    public static final String FIXED = "s6-fixed.json";
    public static final String ADMISSION = "s7-admission.json";
    /** How each server's JVM ran: its collector and heap. */
    public static final String JVMS = "jvms.json";

    private final Path directory;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public ResultsStore(Path directory) {
        this.directory = directory;
    }

    public void write(String file, Object value) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(file), json.writeValueAsString(value) + "\n");
    }

    public RunInfo run() throws IOException {
        return json.readValue(Files.readString(directory.resolve(RUN)), RunInfo.class);
    }

    public List<FanoutResult> fanout() throws IOException {
        return list(FANOUT, new TypeReference<>() { });
    }

    public List<MemoryResult> memory() throws IOException {
        return list(MEMORY, new TypeReference<>() { });
    }

    public List<StreamsResult> streams() throws IOException {
        return list(STREAMS, new TypeReference<>() { });
    }

    public Optional<RedisRoutingResult> redisRouting() throws IOException {
        Path path = directory.resolve(REDIS_ROUTING);
        return Files.exists(path) ? Optional.of(json.readValue(Files.readString(path), RedisRoutingResult.class))
                : Optional.empty();
    }

    public List<FixedLoadResult> fixed() throws IOException {
        return list(FIXED, new TypeReference<>() { });
    }

    public List<AdmissionResult> admission() throws IOException {
        return list(ADMISSION, new TypeReference<>() { });
    }

    public List<JvmInfo> jvms() throws IOException {
        return list(JVMS, new TypeReference<>() { });
    }

    /** A scenario that did not run has no file, and no results. */
    private <T> List<T> list(String file, TypeReference<List<T>> type) throws IOException {
        Path path = directory.resolve(file);
        return Files.exists(path) ? json.readValue(Files.readString(path), type) : List.of();
    }
}
