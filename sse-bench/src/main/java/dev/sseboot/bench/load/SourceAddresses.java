package dev.sseboot.bench.load;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Local addresses 127.0.0.2, 127.0.0.3, … handed out in turn. Each socket binds to one before it
 * connects, so every address has its own ~28,000 ephemeral ports and a run never runs out of them.
 */
final class SourceAddresses {

    private final InetAddress[] addresses;
    private int next;

    SourceAddresses(int count) {
        if (count < 1 || count > 250) {
            throw new IllegalArgumentException("source address count must be 1-250: " + count);
        }
        addresses = new InetAddress[count];
        for (int i = 0; i < count; i++) {
            try {
                addresses[i] = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i)});
            } catch (UnknownHostException e) {
                throw new IllegalStateException("a literal address cannot be unknown", e);
            }
        }
    }

    InetAddress next() {
        InetAddress address = addresses[next];
        next = (next + 1) % addresses.length;
        return address;
    }
}
