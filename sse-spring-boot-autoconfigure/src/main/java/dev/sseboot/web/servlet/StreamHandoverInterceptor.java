package dev.sseboot.web.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.AsyncHandlerInterceptor;

/**
 * Starts the writes of a stream opened by {@link SseEmitters} once Spring MVC has started the async
 * request with its emitter, so that no frame is ever an early send flushed on the request thread.
 */
public final class StreamHandoverInterceptor implements AsyncHandlerInterceptor {

    @Override
    public void afterConcurrentHandlingStarted(HttpServletRequest request, HttpServletResponse response,
            Object handler) {
        SseEmitters.handedOver(request, response);
    }
}
