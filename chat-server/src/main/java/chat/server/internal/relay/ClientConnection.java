package chat.server.internal.relay;

import chat.crypto.RecipientForms;
import chat.protocol.ErrorCode;
import chat.protocol.Event;
import chat.protocol.MessageEventHeader;
import chat.protocol.Reply;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** One client connection as the relay logic sees it, independent of the network layer. */
public interface ClientConnection {
  /** A short id for logs; never a user identifier. */
  String logId();

  /** The remote address without port, as logs and the audit log show it. */
  String remoteAddress();

  /**
   * The key the per-address limits on logins and registrations count this connection under: its
   * IPv4 address, or the /64 of its IPv6 address (e.g. {@code 2001:db8:1:2::/64}), since one host
   * is commonly given a whole /64 to pick addresses from.
   */
  String limitAddress();

  /** The connection's protocol and session state. */
  ConnectionState state();

  /** Sends the reply to one request. */
  void reply(Reply reply);

  /**
   * Pushes an event. Never blocks: if the client is too far behind, the connection is closed with
   * {@link ErrorCode#SLOW_CONSUMER} instead and the client catches up by sync.
   */
  void push(Event event);

  /**
   * Pushes the {@code event.message} made of {@code header} and form {@code index} of {@code
   * forms}, as {@link #push} does. A fan-out calls this once per member with one header and one set
   * of forms, so a connection may write the form straight into its write buffer instead of holding
   * a copy of it (see {@link MessageEventHeader}, {@link RecipientForms}).
   */
  default void pushMessage(MessageEventHeader header, RecipientForms forms, int index) {
    push(header.event(forms.form(index)));
  }

  /**
   * Sends an error with no request id and the code's default message, and closes the connection.
   */
  default void close(ErrorCode code) {
    close(code, code.defaultMessage());
  }

  /** Sends an error with no request id and {@code message}, and closes the connection. */
  void close(ErrorCode code, String message);

  /**
   * Called while a pipelined send is being finished, on the thread finishing it: the send counts as
   * not yet answered (for the order of this connection's later requests and its bound on sends in
   * flight) until {@code done} completes, as a fan-out waiting for its turn does.
   */
  default void finishedWhen(CompletionStage<?> done) {}

  /**
   * Completes once every request this connection sent so far whose handling goes on after the
   * request lane moved on (a pipelined send) has been answered; the relay waits for it on shutdown.
   */
  default CompletableFuture<Void> requestsFinished() {
    return CompletableFuture.completedFuture(null);
  }
}
