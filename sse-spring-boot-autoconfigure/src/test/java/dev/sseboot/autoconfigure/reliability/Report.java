package dev.sseboot.autoconfigure.reliability;

/** Prints a figure of a run on one greppable line, for docs/RELIABILITY.md. */
final class Report {

    private Report() {
    }

    static void record(String name, Object value) {
        System.out.println("RELIABILITY-FIGURE " + name + "=" + value);
    }
}
