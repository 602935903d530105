package dev.sseboot.bench.run;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One server under test, started from its command line pinned to a CPU with {@code taskset}
 * ({@code taskset} execs the command, so the process id is the server's own). Its output goes to
 * a log file. Each live server has a file named after its pid in the pid directory, which
 * {@code run.sh} reads to kill whatever a crashed runner left behind; a shutdown hook stops the
 * servers when the runner itself is told to stop.
 */
final class ServerProcess implements AutoCloseable {

    private static final long STOP_GRACE_SECONDS = 10;
    private static final Set<ServerProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ServerProcess::kill), "stop-servers"));
    }

    private final Process process;
    private final Path pidFile;
    private final Path log;
    private final URI base;

    private ServerProcess(Process process, Path pidFile, Path log, URI base) {
        this.process = process;
        this.pidFile = pidFile;
        this.log = log;
        this.base = base;
    }

    static ServerProcess start(ServerSpec spec, int cpu, int rate, Path logDirectory, Path pidDirectory, String label)
            throws IOException {
        int port = freeLoopbackPort();
        List<String> command = new ArrayList<>(List.of("taskset", "-c", Integer.toString(cpu)));
        command.addAll(spec.commandLine(port, rate));
        Files.createDirectories(logDirectory);
        Files.createDirectories(pidDirectory);
        Path log = logDirectory.resolve(spec.name() + "-" + label + ".log");
        Files.writeString(log, String.join(" ", command) + System.lineSeparator());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Path pidFile = pidDirectory.resolve(Long.toString(process.pid()));
        Files.writeString(pidFile, spec.name());
        ServerProcess server = new ServerProcess(process, pidFile, log, URI.create("http://127.0.0.1:" + port + "/"));
        LIVE.add(server);
        return server;
    }

    Path log() {
        return log;
    }

    URI streamUrl() {
        return url("/events/bench");
    }

    /** A URL of this server, for a path such as {@code /api/channels}. */
    URI url(String path) {
        return base.resolve(path);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Why the server is gone, for a result's error field; {@code null} while it runs. */
    String exitDescription() {
        return process.isAlive() ? null : "the server exited with code " + process.exitValue() + " (see " + log + ")";
    }

    /** Asks the server to stop (SIGTERM), and kills it when it has not stopped within 10 s. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
            kill();
        }
        LIVE.remove(this);
        Files.deleteIfExists(pidFile);
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** A port that was free a moment ago; the server binds it right after. */
    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
