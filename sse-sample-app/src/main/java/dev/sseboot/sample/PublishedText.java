package dev.sseboot.sample;

/**
 * The data of the events this sample publishes, written as JSON. The page compares
 * {@code publishedAt} with the moment its stream re-opened to mark events that were replayed
 * from Last-Event-ID rather than delivered live.
 *
 * @param text what was published
 * @param publishedAt when the server published it, in epoch milliseconds
 */
public record PublishedText(String text, long publishedAt) {
}
