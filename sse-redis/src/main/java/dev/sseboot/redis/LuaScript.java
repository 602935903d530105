package dev.sseboot.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisScriptingCommands;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A Lua script run by its SHA-1, and loaded by sending it whole when Redis does not know it yet. */
record LuaScript(String source, String sha, ScriptOutputType output) {

    static LuaScript of(String source, ScriptOutputType output) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return new LuaScript(source, HexFormat.of().formatHex(digest), output);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-1", e);
        }
    }

    /** Runs the script on a connection whose cluster routing (if any) follows the first key. */
    <T> T run(RedisScriptingCommands<String, String> commands, String[] keys, String... args) {
        try {
            return commands.evalsha(sha, output, keys, args);
        } catch (RedisNoScriptException e) {
            // A restarted Redis, or a node that took over a shard, has an empty script cache.
            return commands.eval(source, output, keys, args);
        }
    }
}
