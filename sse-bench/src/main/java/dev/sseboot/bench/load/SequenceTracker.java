package dev.sseboot.bench.load;

/**
 * Checks one stream's sequence numbers: after the first event each must be the previous plus one.
 * A jump forward counts the skipped numbers as gaps; a number not above the previous one counts as
 * a duplicate (TCP keeps order, so a repeat or a step back is the server's doing).
 */
final class SequenceTracker {

    private long first = -1;
    private long last = -1;
    private long received;
    private long gaps;
    private long duplicates;

    void accept(long sequence) {
        received++;
        if (first < 0) {
            first = sequence;
        } else if (sequence <= last) {
            duplicates++;
            return;
        } else {
            gaps += sequence - last - 1;
        }
        last = sequence;
    }

    long first() {
        return first;
    }

    long received() {
        return received;
    }

    long gaps() {
        return gaps;
    }

    long duplicates() {
        return duplicates;
    }
}
