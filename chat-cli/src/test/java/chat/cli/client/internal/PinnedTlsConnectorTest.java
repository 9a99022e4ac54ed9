package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinnedTlsConnectorTest {
  @TempDir Path home;

  @Test
  void connect_ipv6AddressNotListening_namesItInBrackets() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    int closed = port;
    PinnedTlsConnector connector =
        new PinnedTlsConnector(
            "::1",
            closed,
            ServerPins.readOnly(home.resolve("known_servers")),
            new SecureRandom(),
            Duration.ofSeconds(5),
            pin -> {});

    assertThatThrownBy(connector::connect)
        .isInstanceOf(CommandException.Network.class)
        .hasMessageContaining("the relay at [::1]:" + closed);
  }

  @Test
  void aServerThatClosesBeforeTls_isReportedAsPossiblyTheConnectionLimit() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // closed at once, as the relay closes a connection past its per-address limit
      Thread closer = serveOnce(server, client -> {});
      assertThatThrownBy(connector(server)::connect)
          .isInstanceOf(CommandException.Network.class)
          .hasMessageContaining("closed the connection before TLS began")
          .hasMessageContaining("--max-connections-per-address");
      closer.join(10_000);
    }
  }

  @Test
  void aServerThatAnswersPlainText_isReportedAsPossiblyTheWrongPort() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread web =
          serveOnce(
              server,
              client -> {
                // a web server's answer to bytes it does not understand
                client
                    .getOutputStream()
                    .write(
                        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
                client.getInputStream().read(new byte[1024]);
              });
      assertThatThrownBy(connector(server)::connect)
          .isInstanceOf(CommandException.Network.class)
          .hasMessage(
              "127.0.0.1:"
                  + server.getLocalPort()
                  + " did not answer with TLS, as a relay does: is it the relay's port? (check"
                  + " --server or CHAT_SERVER)");
      web.join(10_000);
    }
  }

  @Test
  void aServerThatNeverAnswers_isReportedAsTakingTheConnection_notAsUnreachable() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // reads the TLS hello and all after it, answering nothing, until the client gives up
      Thread silent = serveOnce(server, client -> client.getInputStream().readAllBytes());
      PinnedTlsConnector connector =
          new PinnedTlsConnector(
              "127.0.0.1",
              server.getLocalPort(),
              new ServerPins(home.resolve("known_servers")),
              new SecureRandom(),
              Duration.ofSeconds(1),
              pin -> {});
      assertThatThrownBy(connector::connect)
          .isInstanceOf(CommandException.Network.class)
          .hasMessage(
              "127.0.0.1:"
                  + server.getLocalPort()
                  + " took the connection but did not answer TLS within 1 s: is it the relay's"
                  + " port? (check --server or CHAT_SERVER) Else the relay is overloaded: try"
                  + " again later");
      silent.join(10_000);
    }
  }

  /** What serves the one connection a test makes, then closes it. */
  private interface Answer {
    void serve(Socket client) throws Exception;
  }

  /** Accepts one connection on {@code server} on a thread of its own and serves it. */
  private static Thread serveOnce(ServerSocket server, Answer answer) {
    Thread thread =
        new Thread(
            () -> {
              try (Socket client = server.accept()) {
                answer.serve(client);
              } catch (Exception ignored) {
                // the test fails on the client side if this goes wrong
              }
            });
    thread.start();
    return thread;
  }

  private PinnedTlsConnector connector(ServerSocket server) {
    return new PinnedTlsConnector(
        "127.0.0.1",
        server.getLocalPort(),
        new ServerPins(home.resolve("known_servers")),
        new SecureRandom(),
        Duration.ofSeconds(10),
        pin -> {});
  }
}
