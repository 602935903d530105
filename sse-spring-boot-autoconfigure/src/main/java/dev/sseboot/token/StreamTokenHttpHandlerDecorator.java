package dev.sseboot.token;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Verifies the stream token of a WebFlux request and hides it from everything after it. It wraps
 * WebFlux's whole {@code HttpHandler}, because {@code HttpWebHandlerAdapter} logs the request line
 * at DEBUG before any {@code WebFilter} runs. A request with a token that is refused gets 401 and
 * goes no further; a request with a valid token goes on without the token in its URI, with the
 * verified {@link StreamToken} in the Reactor context under {@code StreamToken.class}. Requests
 * without a token pass untouched.
 */
public class StreamTokenHttpHandlerDecorator implements HttpHandlerDecoratorFactory {

    private static final Logger log = LoggerFactory.getLogger(StreamTokenHttpHandlerDecorator.class);
    private static final MediaType TEXT_PLAIN_UTF8 = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    private final SseTokens tokens;

    public StreamTokenHttpHandlerDecorator(SseTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public HttpHandler apply(HttpHandler handler) {
        return (request, response) -> {
            String rawQuery = request.getURI().getRawQuery();
            List<String> found = TokenQuery.tokens(rawQuery);
            if (found.isEmpty()) {
                return handler.handle(request, response);
            }
            StreamToken token;
            try {
                if (found.size() > 1) {
                    throw new InvalidStreamTokenException("A request may carry one stream token");
                }
                token = tokens.verify(found.get(0), request.getPath().pathWithinApplication().value());
            } catch (InvalidStreamTokenException e) {
                return refuse(response, e);
            }
            ServerHttpRequest withoutToken = request.mutate()
                    .uri(UriComponentsBuilder.fromUri(request.getURI()).replaceQuery(TokenQuery.without(rawQuery))
                            .build(true).toUri())
                    .build();
            return handler.handle(withoutToken, response).contextWrite(context -> context.put(StreamToken.class, token));
        };
    }

    private static Mono<Void> refuse(ServerHttpResponse response, InvalidStreamTokenException refusal) {
        log.debug("Refused stream token with 401: {}", refusal.getMessage());
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().setContentType(TEXT_PLAIN_UTF8);
        byte[] body = (refusal.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
