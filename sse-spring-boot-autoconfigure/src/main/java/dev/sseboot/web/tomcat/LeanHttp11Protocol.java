package dev.sseboot.web.tomcat;

import org.apache.coyote.http11.Http11NioProtocol;

/**
 * Tomcat's HTTP/1.1 NIO protocol with a smaller response buffer. Tomcat sizes the buffer of every
 * response it creates (a byte buffer and a char buffer of that many bytes and chars, kept by each
 * connection's processor) by {@link #getDesiredBufferSize()}, 8 KB unless the protocol asks for
 * another size; a response may still ask for a larger one with {@code setBufferSize}. Tomcat
 * creates it by its class name, so it must stay public with a public constructor.
 */
public class LeanHttp11Protocol extends Http11NioProtocol {

    /** The response buffer in bytes (and chars) of every response on this connector. */
    public static final int RESPONSE_BUFFER_SIZE = 2048;

    @Override
    public int getDesiredBufferSize() {
        return RESPONSE_BUFFER_SIZE;
    }
}
