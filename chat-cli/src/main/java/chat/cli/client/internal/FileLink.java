package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.protocol.Reply;
import chat.protocol.Request;
import java.util.function.Function;

/**
 * What a file transfer needs of the relay connection: one request at a time on a connection that is
 * up, re-established first if it was lost. The seam that lets tests play the relay.
 */
interface FileLink {
  /**
   * Sends the request {@code build} makes from a fresh request id and returns the reply, an error
   * reply included.
   *
   * @throws chat.cli.CommandException.Network if the connection fails during the exchange or does
   *     not come back
   */
  Reply exchange(Function<String, Request> build);

  /**
   * An idempotent request (status, start or resume, finish, download): sent again on a fresh
   * connection after a network failure, up to {@link #TRIES} times in all.
   *
   * @throws chat.cli.CommandException the failure kind of an error reply, or the last network
   *     failure
   */
  default <T extends Reply> T call(Function<String, Request> build, Class<T> type) {
    for (int attempt = 1; ; attempt++) {
      try {
        return FileErrors.expect(exchange(build), type);
      } catch (CommandException.Network e) {
        if (attempt >= TRIES) {
          throw e;
        }
      }
    }
  }

  /** Sends of one idempotent request before giving up. */
  int TRIES = 3;
}
