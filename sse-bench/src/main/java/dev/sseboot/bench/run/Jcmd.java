package dev.sseboot.bench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Asks a server's JVM with {@code jcmd}, the one beside the runner's own {@code java} when there is one. */
final class Jcmd {

    private static final long TIMEOUT_SECONDS = 120;

    private Jcmd() {
    }

    /** The command's output, or {@code null} (with the reason on standard error) when jcmd failed. */
    static String run(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(executable(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            jcmd.destroyForcibly();
            System.err.println(String.join(" ", line) + " failed: " + output);
            return null;
        }
        return output;
    }

    private static String executable() {
        Path besideJava = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return Files.isExecutable(besideJava) ? besideJava.toString() : "jcmd";
    }
}
