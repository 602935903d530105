package dev.sseboot.core.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Collects everything a parser reports, in order. */
final class RecordingHandler implements SseParser.Handler {

    final List<SseEvent> events = new ArrayList<>();
    final List<Long> retries = new ArrayList<>();
    final List<String> comments = new ArrayList<>();
    /** Every callback in stream order, to compare two parses of the same bytes. */
    final List<String> log = new ArrayList<>();

    @Override
    public void onEvent(SseEvent event) {
        events.add(event);
        log.add("event " + event);
    }

    @Override
    public void onRetry(long millis) {
        retries.add(millis);
        log.add("retry " + millis);
    }

    @Override
    public void onComment(String text) {
        comments.add(text);
        log.add("comment " + text);
    }

    /** Parses {@code bytes} in one go on a fresh parser and ends the stream. */
    static RecordingHandler parse(byte[] bytes) {
        RecordingHandler handler = new RecordingHandler();
        SseParser parser = new SseParser(handler);
        parser.feed(bytes, 0, bytes.length);
        parser.end();
        return handler;
    }

    static RecordingHandler parse(String stream) {
        return parse(stream.getBytes(StandardCharsets.UTF_8));
    }
}
