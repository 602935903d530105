package dev.sseboot.autoconfigure.reliability;

import java.util.List;

/** {@link ConnectionFloodTest} against Spring MVC on Tomcat. */
class ConnectionFloodMvcTest extends ConnectionFloodTest {

    @Override
    List<String> stackArguments() {
        return List.of("--spring.main.web-application-type=servlet");
    }

    @Override
    String stack() {
        return "tomcat";
    }
}
