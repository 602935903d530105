package dev.sseboot.web.servlet;

import dev.sseboot.spring.SseChannelResolver;
import dev.sseboot.web.StreamChannels;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;

/**
 * The stream endpoint, {@code GET {sse.path}/{channel}}; the channel may contain {@code /}. At
 * {@code sse.path} itself, {@code GET {sse.path}?channel=a&channel=prices/*} multiplexes the
 * channels and patterns the {@code channel} query parameters name, in order, on one stream; the
 * channel resolver is asked for each of them as it is for the path's. Spring
 * MVC answers CORS preflights (per {@code sse.cors.*}), 406 to a client that does not accept
 * {@code text/event-stream} and 405 to other methods; HEAD is refused here because Spring would
 * otherwise run the GET handler and open a stream nobody reads.
 */
@Controller
public class SseStreamController {

    private final SseEmitters emitters;
    private final SseChannelResolver channelResolver;

    public SseStreamController(SseEmitters emitters, SseChannelResolver channelResolver) {
        this.emitters = emitters;
        this.channelResolver = channelResolver;
    }

    @GetMapping(path = "${sse.path:/events}/{*channel}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@PathVariable("channel") String channel, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        String pathChannel = channel.startsWith("/") ? channel.substring(1) : channel;
        return emitters.open(StreamChannels.requested(new ServletStreamRequest(request), pathChannel, channelResolver),
                request, response);
    }

    @RequestMapping(path = "${sse.path:/events}/{*channel}", method = RequestMethod.HEAD)
    public void head(HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.ALLOW, "GET, OPTIONS");
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }
}
