package chat.bench.load;

import chat.bench.BenchIdentities;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The IRC baseline: ngircd on loopback with a generated config (no DNS or ident lookups, no limit
 * on connections per address or channels per user, and {@code MaxPenaltyTime = 0} so that it does
 * not throttle fast senders). Plain TCP: no TLS, nothing stored, no acknowledgement.
 */
public final class IrcTarget extends BaselineTarget {
  /** An ngircd target. */
  public IrcTarget(LoadSettings settings, NettyClients clients) {
    super(settings, clients, "ngircd");
  }

  @Override
  public String guarantees() {
    return "plain TCP (no TLS); nothing stored, no acknowledgement";
  }

  @Override
  List<String> command() throws IOException {
    Files.createDirectories(home.resolve("conf.d"));
    Path config = home.resolve("ngircd.conf");
    Files.writeString(config, config());
    return List.of(settings.ngircd(), "--nodaemon", "--config", config.toString());
  }

  private String config() {
    return String.join(
        "\n",
        "[Global]",
        "  Name = bench.local",
        "  Info = chat load generator baseline",
        "  Listen = 127.0.0.1",
        "  Ports = " + port,
        "  MotdPhrase = bench",
        "[Limits]",
        "  MaxConnections = 0",
        "  MaxConnectionsIP = 0",
        "  MaxJoins = 0",
        "  MaxPenaltyTime = 0",
        "  PingTimeout = 3600",
        "  PongTimeout = 600",
        "[Options]",
        "  DNS = no",
        "  Ident = no",
        "  PAM = no",
        "  IncludeDir = " + home.resolve("conf.d"),
        "");
  }

  @Override
  public CompletableFuture<BenchClient> connect(
      int user, String room, int receiver, Deliveries sink) {
    return IrcClient.open(clients, port, BenchIdentities.userId(user), receiver, sink)
        .thenCompose(
            client -> client.join(room == null ? "#lobby" : room).thenApply(joined -> client))
        .<BenchClient>thenApply(client -> client)
        .whenComplete((client, failure) -> clients.setupDone());
  }

  @Override
  public CompletableFuture<BenchClient> senderFor(int user, BenchClient member, Deliveries sink) {
    return CompletableFuture.completedFuture(member);
  }

  @Override
  public byte[][] encodeMessages(String room, int members, int[] senders, String[] texts) {
    byte[][] out = new byte[texts.length][];
    for (int k = 0; k < texts.length; k++) {
      out[k] = TextPayload.ascii("PRIVMSG " + room + " :" + texts[k] + "\r\n");
    }
    return out;
  }

  @Override
  public int deliveriesPerMessage(int members) {
    return members - 1;
  }
}
