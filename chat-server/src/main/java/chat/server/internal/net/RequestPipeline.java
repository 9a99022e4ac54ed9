package chat.server.internal.net;

import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.Request;
import chat.server.internal.relay.ClientConnection;
import chat.server.internal.relay.RequestDispatcher;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

/**
 * The order of one connection's requests on its serial lane: each is handled in arrival order, a
 * send is checked and its write queued while the sends before it are still being made durable, and
 * every reply and event keeps the order of the requests. Errors decided on the event loop take
 * their turn too. Used by the connection's {@link RelaySessionHandler}; everything but {@link
 * #requestsFinished} runs on the lane or on the stages it chains.
 */
final class RequestPipeline {
  /**
   * Sends of one connection past their checks and not yet answered, at most: each holds its parsed
   * envelope and forms until then, so this bounds what one connection keeps beyond its waiting
   * requests ({@link InboundGate#HIGH}).
   */
  static final int MAX_SENDS_IN_FLIGHT = 8;

  private final ClientConnection connection;
  private final RequestDispatcher dispatcher;
  private final SerialExecutor lane;

  /**
   * Completes once every pipelined request taken so far is finished; set by lane tasks only, read
   * by the relay's shutdown too.
   */
  private volatile CompletableFuture<Void> pipelined = CompletableFuture.completedFuture(null);

  /**
   * The pipelined sends past their checks and not yet finished, oldest first (each one's stage of
   * {@link #pipelined}); used by lane tasks only.
   */
  private final ArrayDeque<CompletableFuture<Void>> sendsInFlight = new ArrayDeque<>();

  /**
   * What the send being finished still waits for ({@link #finishedWhen}); set and read by the one
   * stage that finishes it, on its thread.
   */
  private CompletionStage<?> finishing;

  /**
   * The pipeline of {@code connection}'s requests, handed to {@code dispatcher} on {@code lane}.
   */
  RequestPipeline(ClientConnection connection, RequestDispatcher dispatcher, SerialExecutor lane) {
    this.connection = connection;
    this.dispatcher = dispatcher;
    this.lane = lane;
  }

  /**
   * Takes a request read on the event loop; it counts as waiting at {@code current} until it is
   * finished ({@link #handle}).
   */
  void take(Request request, InboundGate current) {
    current.arrived();
    lane.submit(() -> handle(request, current));
  }

  /**
   * Sends an error decided here on the event loop (a frame that does not decode, a request over the
   * rate) in its turn on the lane, after the replies to every request before it, as the reply of a
   * request the lane handles would be. It counts as a waiting request at the gate until sent, so a
   * flood of such frames slows the reading as a flood of requests does.
   */
  void answerInTurn(ErrorReply error, InboundGate current) {
    current.arrived();
    Runnable answer =
        () -> {
          try {
            connection.reply(error);
          } finally {
            current.finished();
          }
        };
    lane.submit(() -> after(pipelined, answer, answer));
  }

  /**
   * Runs {@code last} once every request received before it is answered: an error that ends the
   * connection ({@code FRAME_TOO_LARGE}, or a frame the inbound budget had no room for) goes after
   * their replies, as every other refusal does. A lane whose pool no longer takes work (the relay
   * is stopping) runs nothing more: the stop closes the connection.
   */
  void lastInTurn(Runnable last) {
    lane.submit(() -> after(pipelined, last, last));
  }

  /** Tells the dispatcher the connection is gone, once every request taken before is finished. */
  void disconnected() {
    lane.submit(() -> after(pipelined, () -> dispatcher.disconnected(connection), () -> {}));
  }

  /**
   * Runs on the lane, one request at a time in arrival order. A send is checked and its write
   * queued, and the lane goes on to the next request at once: a client with several messages in
   * flight has them checked while the first is being made durable, and they share group commits.
   * Its reply and fan-out run once it is stored and every earlier send of this connection is
   * finished, so replies and events keep the order of the requests. Any other request first waits
   * for those, so it sees what they stored and is answered after them. At most {@link
   * #MAX_SENDS_IN_FLIGHT} sends are past their checks at a time (a further one waits for the
   * oldest), and the gate counts a send as waiting until it is finished.
   */
  private CompletionStage<?> handle(Request request, InboundGate current) {
    if (!RequestDispatcher.pipelined(request)) {
      return after(
          pipelined,
          () -> {
            try {
              dispatcher.dispatch(connection, request);
            } finally {
              current.finished();
            }
          },
          () -> refuseShuttingDown(request, current));
    }
    while (!sendsInFlight.isEmpty() && sendsInFlight.peekFirst().isDone()) {
      sendsInFlight.removeFirst();
    }
    if (sendsInFlight.size() < MAX_SENDS_IN_FLIGHT) {
      startSend(request, current);
      return null;
    }
    return after(
        sendsInFlight.peekFirst(),
        () -> startSend(request, current),
        () -> refuseShuttingDown(request, current));
  }

  /** Checks a send and queues its write; its rest is chained after the sends before it. */
  private void startSend(Request request, InboundGate current) {
    boolean chained = false;
    try {
      CompletableFuture<Runnable> rest = dispatcher.start(connection, request);
      pipelined =
          pipelined
              .exceptionally(ignored -> null)
              .thenCombineAsync(
                  rest,
                  (ignored, work) -> finish(request, work),
                  // Once the pool has stopped, on the committing thread: a reply and pushes only.
                  lane.continuations())
              // Answered once its fan-out has run too, which may wait for its turn in the room.
              .thenCompose(fannedOut -> fannedOut.thenApply(done -> (Void) null))
              .whenComplete((done, failed) -> current.finished());
      sendsInFlight.addLast(pipelined);
      chained = true;
    } finally {
      if (!chained) {
        current.finished();
      }
    }
  }

  /**
   * Runs the rest of a send ({@link RequestDispatcher#finish}); returns what it still waits for
   * (its fan-out's turn, {@link #finishedWhen}), or a completed stage.
   */
  private CompletionStage<?> finish(Request request, Runnable work) {
    finishing = null;
    dispatcher.finish(connection, request, work);
    CompletionStage<?> done = finishing;
    finishing = null;
    return done == null ? CompletableFuture.completedFuture(null) : done;
  }

  /** See {@link ClientConnection#finishedWhen}. */
  void finishedWhen(CompletionStage<?> done) {
    finishing = done;
  }

  /** See {@link ClientConnection#requestsFinished}. */
  CompletableFuture<Void> requestsFinished() {
    return pipelined.exceptionally(ignored -> null);
  }

  /** A request that will not be handled because the relay is shutting down. */
  private void refuseShuttingDown(Request request, InboundGate current) {
    try {
      connection.reply(ErrorReply.of(request.id(), ErrorCode.SHUTTING_DOWN));
    } finally {
      current.finished();
    }
  }

  /**
   * Runs {@code task} once {@code sends} (pipelined sends' stage) is complete; called on the lane,
   * which takes its next request after the returned stage. If the worker pool has stopped by then
   * (the relay is shutting down), {@code refused} runs instead, on the thread that finished the
   * send: never a request there, which could wait for a write only that thread (the storage writer)
   * would commit.
   */
  private CompletionStage<?> after(CompletableFuture<Void> sends, Runnable task, Runnable refused) {
    if (sends.isDone()) {
      task.run();
      return null;
    }
    CompletableFuture<Void> ran =
        sends.exceptionally(ignored -> null).thenRunAsync(task, lane.pool());
    ran.exceptionally(
        failure -> {
          Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
          if (cause instanceof RejectedExecutionException) {
            refused.run();
          }
          return null;
        });
    return ran;
  }
}
