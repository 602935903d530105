package dev.sseboot.autoconfigure.reliability;

import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.tomcat.TomcatWebServer;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ConnectionChurnTest} on Spring MVC and Tomcat. */
class ConnectionChurnMvcTest extends ConnectionChurnTest {

    /**
     * The log of one container race: a write from a non-container thread fails (the client reset
     * its connection right after sending the request) while the request that started the async
     * processing has not left the container yet. Tomcat then ends the request in one of three ways:
     * it recycles it forcibly (INFO "Encountered a non-recycled request and recycled it forcedly",
     * with a stack trace), it finds its async state machine in MUST_ERROR (ERROR "Error reading
     * request, ignored"), or it includes its error page, whose JSON Spring MVC cannot write into the
     * committed event stream (two WARN lines of DefaultHandlerExceptionResolver). A plain Spring MVC
     * {@code SseEmitter} written from another thread at once shows the first for about 7% of such
     * clients. The starter showed it for about 15% of them, because it wrote before Spring MVC had
     * taken over the emitter; about 0.1% of them remain. The bound catches a return of the early
     * writes; see docs/RELIABILITY.md.
     */
    @Override
    boolean isContainerRace(LogEntries.Entry entry) {
        return entry.message().startsWith("Encountered a non-recycled request and recycled it forcedly")
                || (entry.message().startsWith("Error reading request, ignored")
                        && entry.rest().contains("is not valid for a request with Async state [MUST_ERROR]"))
                || (entry.logger().endsWith("DefaultHandlerExceptionResolver")
                        && entry.message().contains("HttpMessageNotWritableException: No converter for [class "
                                + "java.util.LinkedHashMap] with preset Content-Type 'text/event-stream"));
    }

    @Override
    void assertTheServerHoldsNoStream() {
        AbstractProtocol<?> tomcat = (AbstractProtocol<?>) ((TomcatWebServer) context.getWebServer()).getTomcat()
                .getConnector().getProtocolHandler();
        assertThat(tomcat.getWaitingProcessorCount()).as("async requests the container still holds").isZero();
    }
}
