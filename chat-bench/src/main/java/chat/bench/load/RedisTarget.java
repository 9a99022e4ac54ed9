package chat.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The Redis pub/sub baseline: redis-server on loopback with a generated config (no persistence, no
 * protected mode). Each member subscribes to the room's channel; a sender publishes from a second
 * connection, since a subscribed RESP2 connection cannot publish, so its own subscription receives
 * its messages too. Plain TCP: no TLS, nothing stored.
 */
public final class RedisTarget extends BaselineTarget {
  /** A Redis target. */
  public RedisTarget(LoadSettings settings, NettyClients clients) {
    super(settings, clients, "redis");
  }

  @Override
  public String guarantees() {
    return "plain TCP (no TLS); pub/sub, nothing stored; PUBLISH answered after fan-out";
  }

  @Override
  List<String> command() throws IOException {
    Path config = home.resolve("redis.conf");
    Files.writeString(
        config,
        String.join(
            "\n",
            "bind 127.0.0.1",
            "port " + port,
            "protected-mode no",
            "daemonize no",
            "save \"\"",
            "appendonly no",
            "maxclients 50000",
            "dir " + home,
            "logfile \"\"",
            ""));
    return List.of(settings.redisServer(), config.toString());
  }

  /** The channel of a room: its name; {@code lobby} for the default room. */
  static String channel(String room) {
    return room == null ? "lobby" : room;
  }

  @Override
  public CompletableFuture<BenchClient> connect(
      int user, String room, int receiver, Deliveries sink) {
    return RedisClient.open(clients, port, receiver, sink)
        .thenCompose(
            client -> client.command("SUBSCRIBE", channel(room)).thenApply(reply -> client))
        .<BenchClient>thenApply(client -> client)
        .whenComplete((client, failure) -> clients.setupDone());
  }

  @Override
  public CompletableFuture<BenchClient> senderFor(int user, BenchClient member, Deliveries sink) {
    return RedisClient.open(clients, port, -1, sink)
        .<BenchClient>thenApply(client -> client)
        .whenComplete((client, failure) -> clients.setupDone());
  }

  @Override
  public byte[][] encodeMessages(String room, int members, int[] senders, String[] texts) {
    byte[][] out = new byte[texts.length][];
    for (int k = 0; k < texts.length; k++) {
      out[k] = RespDecoder.command("PUBLISH", channel(room), texts[k]);
    }
    return out;
  }

  @Override
  public int deliveriesPerMessage(int members) {
    return members;
  }

  /** Opens a plain command connection (for the history baseline). */
  public CompletableFuture<RedisClient> commandConnection(Deliveries sink) {
    return RedisClient.open(clients, port, -1, sink)
        .whenComplete((client, failure) -> clients.setupDone());
  }
}
