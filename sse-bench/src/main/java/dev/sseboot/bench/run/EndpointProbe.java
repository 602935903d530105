package dev.sseboot.bench.run;

import dev.sseboot.bench.result.AdmissionResult.EndpointAnswers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks one ordinary endpoint of a server, one request at a time with a pause between, on a thread
 * of its own, and counts how it answered: whether the application still serves its other requests
 * while streams crowd it.
 */
final class EndpointProbe implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration PAUSE = Duration.ofMillis(500);

    private final String path;
    private final URI url;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final Thread thread;
    private volatile boolean running = true;
    // Written by the probe's thread, read once it has stopped.
    private int requests;
    private int ok;
    private int failed;
    private double slowestMs;

    private EndpointProbe(String path, URI url) {
        this.path = path;
        this.url = url;
        this.thread = new Thread(this::loop, "endpoint-probe");
        thread.setDaemon(true);
    }

    static EndpointProbe start(ServerProcess server, String path) {
        EndpointProbe probe = new EndpointProbe(path, server.url(path));
        probe.thread.start();
        return probe;
    }

    private void loop() {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
        while (running) {
            long start = System.nanoTime();
            boolean answered;
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                answered = status >= 200 && status < 300;
            } catch (IOException e) {
                answered = false;
            } catch (InterruptedException e) {
                return;
            }
            requests++;
            if (answered) {
                ok++;
            } else {
                failed++;
            }
            slowestMs = Math.max(slowestMs, (System.nanoTime() - start) / 1e6);
            try {
                Thread.sleep(PAUSE.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops asking and says how the endpoint answered. */
    EndpointAnswers answers() throws InterruptedException {
        close();
        return new EndpointAnswers(path, requests, ok, failed, slowestMs);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(TIMEOUT.multipliedBy(2).toMillis());
    }
}
