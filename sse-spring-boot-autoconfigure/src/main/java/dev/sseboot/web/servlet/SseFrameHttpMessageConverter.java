package dev.sseboot.web.servlet;

import dev.sseboot.core.wire.SseFrame;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

import java.io.IOException;
import java.util.List;

/**
 * Writes a pre-encoded frame's bytes as they are: the frame is shared by every subscriber, so
 * nothing is copied or re-encoded per client.
 */
public final class SseFrameHttpMessageConverter implements HttpMessageConverter<SseFrame> {

    @Override
    public boolean canRead(Class<?> clazz, MediaType mediaType) {
        return false;
    }

    @Override
    public boolean canWrite(Class<?> clazz, MediaType mediaType) {
        return SseFrame.class.isAssignableFrom(clazz);
    }

    @Override
    public List<MediaType> getSupportedMediaTypes() {
        return List.of(MediaType.TEXT_EVENT_STREAM);
    }

    @Override
    public SseFrame read(Class<? extends SseFrame> clazz, HttpInputMessage inputMessage) {
        throw new HttpMessageNotReadableException("SSE frames are written, never read", inputMessage);
    }

    @Override
    public void write(SseFrame frame, MediaType contentType, HttpOutputMessage outputMessage) throws IOException {
        frame.writeTo(outputMessage.getBody());
    }
}
