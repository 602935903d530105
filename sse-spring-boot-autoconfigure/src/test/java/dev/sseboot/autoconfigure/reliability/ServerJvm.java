package dev.sseboot.autoconfigure.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FloodServer} in a JVM of its own, on this test's classpath, so that its heap can be
 * bounded (with {@code -XX:+ExitOnOutOfMemoryError} running out of memory ends it) and so that it
 * can be killed. Its output goes
 * to a file under {@code target}, which stays for a look after a failure.
 */
final class ServerJvm implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(2);

    private final Process process;
    private final Path log;
    private final int port;

    private ServerJvm(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the server on a free loopback port and waits until it listens.
     *
     * @param name names the log file
     * @param maxHeap the JVM's {@code -Xmx}, such as {@code 256m}
     * @param arguments the application's arguments ({@code --property=value})
     */
    static ServerJvm start(String name, String maxHeap, List<String> arguments) throws IOException, InterruptedException {
        Path log = Files.createDirectories(Path.of("target")).resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"),
                FloodServer.class.getName(),
                "--server.port=0", "--server.address=127.0.0.1", "--server.shutdown=immediate"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        try {
            while (System.nanoTime() - deadline < 0) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    if (line.startsWith(FloodServer.PORT_LINE)) {
                        return new ServerJvm(process, log,
                                Integer.parseInt(line.substring(FloodServer.PORT_LINE.length()).trim()));
                    }
                }
                assertThat(process.isAlive()).as("the server started; its log: %s", log).isTrue();
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            stop(process);
            throw e;
        }
        stop(process);
        throw new AssertionError("The server did not start within " + STARTUP + "; its log: " + log);
    }

    int port() {
        return port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends the JVM SIGKILL, as a crash would: no shutdown hook runs, no stream is told. Does not wait. */
    void kill() {
        process.destroyForcibly();
    }

    /** Everything the server printed so far. */
    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        stop(process);
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
