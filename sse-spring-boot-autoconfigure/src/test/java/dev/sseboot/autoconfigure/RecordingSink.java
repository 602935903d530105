package dev.sseboot.autoconfigure;

import dev.sseboot.core.hub.SseSink;
import dev.sseboot.core.wire.SseFrame;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink that keeps the frames it was given as text. */
class RecordingSink implements SseSink {

    final List<String> frames = new CopyOnWriteArrayList<>();

    @Override
    public void write(List<SseFrame> batch) {
        batch.forEach(frame -> frames.add(frame.toString()));
    }

    @Override
    public void close() {
    }
}
