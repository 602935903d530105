package dev.sseboot.autoconfigure.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client on a bare socket, for what a well-behaved HTTP client cannot do: stop reading, read one
 * byte at a time, vanish with a reset, or send bytes an HTTP library would refuse. Every read is
 * bounded by a socket timeout.
 */
final class RawStream implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    private RawStream(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Connects and sends {@code GET path} for an event stream.
     *
     * @param receiveBuffer the socket's receive buffer in bytes (small: the server's writes stall
     *     soon once the client stops reading), or 0 for the system default
     */
    static RawStream get(int port, String path, int receiveBuffer, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: localhost\r\n")
                .append("Accept: text/event-stream\r\n");
        for (String header : headerLines) {
            request.append(header).append("\r\n");
        }
        return send(port, request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1), receiveBuffer);
    }

    /** Connects and sends the given bytes as they are (a request line and headers of the test's choosing). */
    static RawStream send(int port, byte[] request, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        try {
            if (receiveBuffer > 0) {
                // Before connect, so the window the server sees is small from the first segment.
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            RawStream stream = new RawStream(socket);
            stream.out.write(request);
            stream.out.flush();
            return stream;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * One connect-and-leave cycle of a churning client, in one of four ways by {@code way}: after
     * the stream opened or right after sending the request (racing the subscribe), with a reset or
     * a clean close.
     */
    static void openAndLeave(int port, String path, int way, Duration timeout) throws IOException {
        RawStream stream = get(port, path, 0);
        if ((way / 2) % 2 == 0) {
            stream.readUntil("retry:", timeout);
            if (stream.status() != 200) {
                throw new AssertionError("The stream opened with " + stream.status() + " instead of 200");
            }
        }
        if (way % 2 == 0) {
            stream.abort();
        } else {
            stream.close();
        }
    }

    /** Reads until what was received contains {@code marker}; fails after {@code timeout}. */
    String readUntil(String marker, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[8192];
        while (!text().contains(marker)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Waited " + timeout + " for '" + marker + "'; received: " + abbreviated());
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(left / 1_000_000, Integer.MAX_VALUE)));
            int read;
            try {
                read = in.read(buffer);
            } catch (SocketTimeoutException e) {
                continue;
            }
            if (read < 0) {
                throw new AssertionError("The server closed the connection before '" + marker + "'; received: "
                        + abbreviated());
            }
            received.write(buffer, 0, read);
        }
        return text();
    }

    /** Reads at most one byte, waiting at most {@code timeout}; {@code false} when none came or the stream ended. */
    boolean readOneByte(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        try {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            received.write(b);
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** The status code of the response, once its status line has been read. */
    int status() {
        String text = text();
        if (!text.startsWith("HTTP/1.1 ")) {
            throw new AssertionError("No status line in: " + abbreviated());
        }
        return Integer.parseInt(text.substring(9, 12));
    }

    String text() {
        return received.toString(StandardCharsets.UTF_8);
    }

    private String abbreviated() {
        String text = text();
        return text.length() <= 500 ? text : text.substring(0, 500) + "… (" + text.length() + " chars)";
    }

    /** Vanishes the way a crashed client or a dropped mobile link does: a reset, no FIN, nothing more to read. */
    void abort() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // Already closed: nothing left to reset.
        }
        close();
    }

    /** Ends the connection cleanly (FIN). */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort; the server notices on its next write either way.
        }
    }
}
