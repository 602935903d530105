package dev.sseboot.bench.run;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Describes the machine for the report. Reads {@code /proc} rather than asking the JVM, which is
 * pinned to one CPU and would report one processor.
 */
final class MachineInfo {

    private MachineInfo() {
    }

    static String describe() throws IOException {
        List<String> cpuInfo = Files.readAllLines(Path.of("/proc/cpuinfo"));
        String model = cpuInfo.stream().filter(line -> line.startsWith("model name")).findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        long cpus = cpuInfo.stream().filter(line -> line.startsWith("processor")).count();
        String memTotal = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(line -> line.startsWith("MemTotal:")).findFirst()
                .map(line -> line.replaceAll("\\D+", "")).orElse("0");
        return String.format("%s, %d CPUs, %.1f GiB RAM", model, cpus, Long.parseLong(memTotal) / 1048576.0);
    }

    /**
     * The send buffer Linux gives a fresh loopback connection (autotuned from the loopback MTU):
     * how many unread bytes a stalled stream can hold before a server's write to it blocks.
     */
    @SuppressWarnings("try") // the client end only has to be open while the server end is asked
    static int loopbackSendBuffer() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                 SocketChannel accepted = server.accept()) {
                return accepted.getOption(StandardSocketOptions.SO_SNDBUF);
            }
        }
    }

    static String jdk() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
    }
}
