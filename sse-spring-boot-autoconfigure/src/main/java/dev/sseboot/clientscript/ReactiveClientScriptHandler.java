package dev.sseboot.clientscript;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Serves the {@link ClientScript} on WebFlux, or {@code 304} to a browser that has it. */
public final class ReactiveClientScriptHandler implements HandlerFunction<ServerResponse> {

    private final ClientScript script;

    public ReactiveClientScriptHandler(ClientScript script) {
        this.script = script;
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        if (script.isNotModified(request.headers().header(HttpHeaders.IF_NONE_MATCH))) {
            return ServerResponse.status(HttpStatus.NOT_MODIFIED).headers(headers -> script.writeValidators(headers::set))
                    .build();
        }
        return ServerResponse.ok().headers(headers -> script.writeHeaders(headers::set)).bodyValue(script.body());
    }
}
