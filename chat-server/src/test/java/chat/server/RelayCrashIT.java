package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import chat.crypto.IdentityKeyPair;
import chat.crypto.RecipientEnvelope;
import chat.protocol.HistoryReply;
import chat.protocol.HistoryRequest;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.Reply;
import chat.protocol.SendReply;
import chat.protocol.SendRequest;
import chat.protocol.StoredMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the shaded jar as a child process: kill -9 mid-stream loses nothing acknowledged. */
class RelayCrashIT {
  private static final Pattern LISTENING = Pattern.compile("Relay listening on [^:]+:(\\d+)");

  @TempDir Path dataDir;

  private Process process;
  private int port;
  private String fingerprintLine;

  private void startRelay() throws Exception {
    String jar = System.getProperty("chat.server.jar");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    process =
        new ProcessBuilder(
                java.toString(),
                "-jar",
                jar,
                "--port",
                "0",
                "--data-dir",
                dataDir.toString(),
                "--bcrypt-cost",
                "4",
                "--requests-per-second",
                "10000",
                "--request-burst",
                "10000")
            .redirectErrorStream(true)
            .start();
    CompletableFuture<Integer> bound = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  if (line.contains("TLS certificate SHA-256 fingerprint: ")) {
                    fingerprintLine = line.substring(line.indexOf("TLS certificate"));
                  }
                  Matcher matcher = LISTENING.matcher(line);
                  if (matcher.find()) {
                    bound.complete(Integer.parseInt(matcher.group(1)));
                  }
                }
              } catch (Exception e) {
                bound.completeExceptionally(e);
              }
              bound.completeExceptionally(new IllegalStateException("relay exited"));
            });
    reader.setDaemon(true);
    reader.start();
    port = bound.get(60, TimeUnit.SECONDS);
  }

  private TestClient client() throws Exception {
    TestClient client = new TestClient(port, dataDir.resolve("tls.crt"));
    client.hello();
    return client;
  }

  @Test
  void killDashNine_midStream_keepsEveryAcknowledgedMessage() throws Exception {
    IdentityKeyPair alice = RelayFixture.identity("alice");
    startRelay();
    assertThat(fingerprintLine)
        .matches("TLS certificate SHA-256 fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}");
    Set<String> acked = ConcurrentHashMap.newKeySet();
    try (TestClient client = client()) {
      RelayFixture.register(client, alice);
      RelayFixture.login(client, "alice");
      client.ok(new JoinRequest("j", "#crash"), JoinReply.class);
      List<CompletableFuture<Reply>> inFlight = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        var envelope = RelayFixture.seal(alice, "#crash", List.of(), "message " + i);
        String messageId = envelope.header().messageIdHex();
        CompletableFuture<Reply> reply =
            client.sendAsync(new SendRequest("s" + i, "#crash", Bytes.of(envelope.encode())));
        reply.thenAccept(
            r -> {
              if (r instanceof SendReply ok && ok.messageId().equals(messageId)) {
                acked.add(messageId);
              }
            });
        inFlight.add(reply);
        if (i == 150) {
          process.destroyForcibly();
          break;
        }
      }
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acked).isNotEmpty();
    startRelay();
    Set<String> stored = new HashSet<>();
    try (TestClient client = client()) {
      RelayFixture.login(client, "alice");
      long before = 0;
      boolean more = true;
      while (more) {
        HistoryReply page =
            client.ok(
                new HistoryRequest(client.nextId(), "#crash", before, 500), HistoryReply.class);
        for (StoredMessage message : page.messages()) {
          stored.add(
              RecipientEnvelope.parse(message.envelope().toByteArray()).header().messageIdHex());
        }
        before = page.nextBefore();
        more = page.more();
      }
    } finally {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(stored).containsAll(acked);
  }
}
