package dev.sseboot.token;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.tomcat.util.buf.MessageBytes;

import java.io.IOException;

/**
 * Cuts the stream token out of the query string that Tomcat's access log prints. The access log
 * reads Tomcat's own request, below every servlet request wrapper, and writes its line once the
 * request has completed; so once the request has passed the filters (where {@link StreamTokenFilter}
 * verified the token), this valve removes it from that request too.
 */
public class StreamTokenValve extends ValveBase {

    public StreamTokenValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        try {
            getNext().invoke(request, response);
        } finally {
            MessageBytes query = request.getCoyoteRequest().queryString();
            String rawQuery = query.toString();
            if (!TokenQuery.tokens(rawQuery).isEmpty()) {
                query.setString(TokenQuery.without(rawQuery));
            }
        }
    }
}
