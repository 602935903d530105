package dev.sseboot.bench.run;

import java.util.ArrayList;
import java.util.List;

/**
 * A server under test as the runner knows it: a name, a line for the report, and a command line
 * with {@code {port}} and {@code {rate}} placeholders. The command is split on whitespace (no
 * shell, no quoting), so every argument must be free of spaces.
 */
record ServerSpec(String name, String description, String command) {

    ServerSpec {
        if (!command.contains("{port}") || !command.contains("{rate}")) {
            throw new IllegalArgumentException("server '" + name + "': the command needs {port} and {rate}: " + command);
        }
    }

    List<String> commandLine(int port, int rate) {
        List<String> arguments = new ArrayList<>();
        for (String token : command.trim().split("\\s+")) {
            arguments.add(token.replace("{port}", Integer.toString(port)).replace("{rate}", Integer.toString(rate)));
        }
        return arguments;
    }
}
