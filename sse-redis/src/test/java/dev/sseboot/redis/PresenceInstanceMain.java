package dev.sseboot.redis;

/**
 * An instance in a JVM of its own, for the test that kills one: joins the fleet's presence on the
 * Redis at {@code args[0]} under key prefix {@code args[1]}, opens a stream on channel
 * {@code args[2]} for each user in {@code args[3]} (comma-separated) and one anonymous one, prints
 * {@code READY <instance id>} and waits to be killed.
 */
public final class PresenceInstanceMain {

    private PresenceInstanceMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        PresenceNode node = new PresenceNode(TestRedis.connectionFactory(Integer.parseInt(args[0]), null, null), args[1],
                1000);
        for (String user : args[3].split(",")) {
            node.open(args[2], user);
        }
        node.open(args[2], null);
        System.out.println("READY " + node.id());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
