package dev.sseboot.clientscript;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/** Serves the {@link ClientScript} on Spring MVC, or {@code 304} to a browser that has it. */
public final class ServletClientScriptHandler implements HandlerFunction<ServerResponse> {

    private final ClientScript script;

    public ServletClientScriptHandler(ClientScript script) {
        this.script = script;
    }

    @Override
    public ServerResponse handle(ServerRequest request) {
        if (script.isNotModified(request.headers().header(HttpHeaders.IF_NONE_MATCH))) {
            return ServerResponse.status(HttpStatus.NOT_MODIFIED).headers(headers -> script.writeValidators(headers::set))
                    .build();
        }
        return ServerResponse.ok().headers(headers -> script.writeHeaders(headers::set)).body(script.body());
    }
}
