package dev.sseboot.web;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import java.util.List;

/**
 * Whether a request's {@code Accept} lets it have {@code text/event-stream}. Spring's
 * {@code produces} matching ignores quality values, so {@code text/event-stream;q=0} (an explicit
 * "not this") would get a stream, and a user's own handler may declare no {@code produces} at all.
 * As RFC 9110 says, the most specific range that covers the type decides, and {@code q=0} refuses.
 */
final class EventStreamAcceptance {

    private EventStreamAcceptance() {
    }

    /**
     * @param accept the request's {@code Accept} values; none (or an empty header) accepts anything
     * @return false when no range covers {@code text/event-stream}, the most specific one that does
     *     has {@code q=0}, or the header cannot be parsed (as Spring's own negotiation answers 406)
     */
    static boolean accepts(List<String> accept) {
        List<MediaType> ranges;
        try {
            ranges = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        if (ranges.isEmpty()) {
            return true;
        }
        MediaType decisive = null;
        for (MediaType range : ranges) {
            if (range.includes(MediaType.TEXT_EVENT_STREAM) && (decisive == null || decides(range, decisive))) {
                decisive = range;
            }
        }
        return decisive != null && decisive.getQualityValue() > 0;
    }

    /** More specific, or as specific and preferred (a header that names one range twice gets the benefit of the doubt). */
    private static boolean decides(MediaType range, MediaType decisive) {
        int bySpecificity = Integer.compare(specificity(range), specificity(decisive));
        return bySpecificity > 0 || (bySpecificity == 0 && range.getQualityValue() > decisive.getQualityValue());
    }

    private static int specificity(MediaType range) {
        return range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
    }
}
