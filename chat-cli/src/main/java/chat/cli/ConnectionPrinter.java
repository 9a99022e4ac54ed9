package chat.cli;

import chat.cli.client.ClientListener;
import chat.cli.client.ConnectionState;
import chat.cli.command.ConnectionLines;
import java.util.Optional;

/**
 * Prints on stderr, for a one-shot scripting command, that the connection a request waits for was
 * lost and that it is back: {@code chat: connection lost, reconnecting (...)}, {@code chat:
 * reconnected to HOST:PORT} (with {@code --json}, {@code {"type":"connection",...}}), so that a
 * script waiting for the relay says why. Stdout stays for the result.
 */
final class ConnectionPrinter implements ClientListener {
  private final RelayCommandSupport support;

  /** What to say of the connection: lost while a request waits for it, back again. */
  private final ConnectionLines lines = new ConnectionLines();

  ConnectionPrinter(RelayCommandSupport support) {
    this.support = support;
  }

  @Override
  public synchronized void onConnection(ConnectionState state, String detail) {
    if (state == ConnectionState.OFFLINE) {
      // A one-shot client's connection going down, said as the loss it waits out (RECONNECTING)
      // however the two are ordered: it must not read as a second loss. A failure says itself.
      return;
    }
    String server = support.options().clientOptions(support.context(), false).server();
    Optional<String> line = lines.line(state, detail, server);
    if (line.isEmpty()) {
      return;
    }
    if (support.options().json()) {
      support
          .err()
          .println(
              JsonLines.line(
                  JsonLines.object("connection").put("state", state.name()).put("detail", detail)));
    } else {
      support.err().println("chat: " + line.get());
    }
    support.err().flush();
  }
}
