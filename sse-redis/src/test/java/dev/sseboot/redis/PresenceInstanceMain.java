package dev.sseboot.redis;

/**
 * An instance in a JVM of its own, for the test that kills one: joins the fleet's presence on the
 * Redis at {@code args[1]} (a cluster's nodes when {@code args[0]} is {@code cluster}, see
 * {@link RedisDeployment#connect}) under key prefix {@code args[2]}, opens a stream on channel
 * {@code args[3]} for each user in {@code args[4]} (comma-separated) and one anonymous one, prints
 * {@code READY <instance id>} and waits to be killed.
 */
public final class PresenceInstanceMain {

    private PresenceInstanceMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        PresenceNode node = new PresenceNode(RedisDeployment.connect(args[0].equals("cluster"), args[1]), args[2], 1000);
        for (String user : args[4].split(",")) {
            node.open(args[3], user);
        }
        node.open(args[3], null);
        System.out.println("READY " + node.id());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
