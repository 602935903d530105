package dev.sseboot.bench.load;

import dev.sseboot.bench.protocol.BenchEvent;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits until a server speaks the protocol: a stream of the URL delivers one bench event. An open
 * port is not enough, since an application may accept connections before its publisher runs.
 */
public final class ReadinessProbe {

    private static final int ATTEMPT_TIMEOUT_MILLIS = 2000;
    private static final long RETRY_PAUSE_MILLIS = 200;

    private ReadinessProbe() {
    }

    /**
     * @param alive whether the server process still runs; the probe gives up as soon as it does not
     * @return the first event the server sent
     * @throws IllegalStateException when no event arrived within {@code timeout} or the server died
     */
    public static BenchEvent awaitFirstEvent(URI url, Duration timeout, BooleanSupplier alive)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastFailure = "no attempt";
        while (System.nanoTime() < deadline) {
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException("the server exited before it served " + url);
            }
            try {
                return firstEvent(url);
            } catch (IOException e) {
                lastFailure = e.toString();
            }
            Thread.sleep(RETRY_PAUSE_MILLIS);
        }
        throw new IllegalStateException("no event from " + url + " within " + timeout + "; last attempt: " + lastFailure);
    }

    private static BenchEvent firstEvent(URI url) throws IOException {
        BenchEvent[] first = new BenchEvent[1];
        StreamDecoder decoder = new StreamDecoder(event -> {
            if (first[0] == null) {
                first[0] = BenchEvent.parse(event.data());
            }
        });
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), ATTEMPT_TIMEOUT_MILLIS);
            socket.setSoTimeout(ATTEMPT_TIMEOUT_MILLIS);
            socket.getOutputStream().write(("GET " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":"
                    + url.getPort() + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            while (first[0] == null) {
                int count = in.read(buffer);
                if (count < 0) {
                    throw new IOException("the server closed the stream before its first event");
                }
                decoder.feed(buffer, 0, count);
            }
            return first[0];
        }
    }
}
