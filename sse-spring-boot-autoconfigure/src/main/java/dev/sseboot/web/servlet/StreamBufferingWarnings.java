package dev.sseboot.web.servlet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Warns at start-up about what would hold events back in a buffer: response compression that
 * covers {@code text/event-stream}, and a {@link ShallowEtagHeaderFilter}, which buffers whole
 * responses to hash them.
 */
public class StreamBufferingWarnings implements SmartInitializingSingleton, BeanFactoryAware {

    private static final Logger log = LoggerFactory.getLogger(StreamBufferingWarnings.class);

    private final Environment environment;
    private ListableBeanFactory beanFactory;

    public StreamBufferingWarnings(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        this.beanFactory = (ListableBeanFactory) beanFactory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        problems().forEach(problem -> log.warn("Server-Sent Events streams may be delayed: {}", problem));
    }

    /** What buffers streams in this application, one sentence each. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        // Bound, not read as strings: YAML gives a list as mime-types[0], mime-types[1], ...
        Binder binder = Binder.get(environment);
        if (binder.bind("server.compression.enabled", Boolean.class).orElse(false)) {
            Bindable<List<String>> types = Bindable.listOf(String.class);
            boolean coversStreams = Stream.of("server.compression.mime-types",
                            "server.compression.additional-mime-types")
                    .flatMap(property -> binder.bind(property, types).orElse(List.of()).stream())
                    .map(String::trim)
                    .anyMatch(type -> type.equalsIgnoreCase("text/event-stream") || type.equals("*/*"));
            if (coversStreams) {
                problems.add("server.compression covers text/event-stream, so events may wait in the compressor; "
                        + "leave text/event-stream out of the compressed types");
            }
        }
        boolean etagFilter = beanFactory.getBeanNamesForType(ShallowEtagHeaderFilter.class, true, false).length > 0
                || Arrays.stream(beanFactory.getBeanNamesForType(FilterRegistrationBean.class, true, false))
                        .map(name -> beanFactory.getBean(name, FilterRegistrationBean.class).getFilter())
                        .anyMatch(ShallowEtagHeaderFilter.class::isInstance);
        if (etagFilter) {
            problems.add("a ShallowEtagHeaderFilter is registered; it buffers responses to compute ETags and ignores "
                    + "flushes, so streams behind it deliver nothing; keep it away from the stream path");
        }
        return problems;
    }
}
