package chat.server.internal.relay;

import chat.protocol.Reply;
import chat.protocol.Request;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The table {@link RequestDispatcher} routes by: for each request class, what the request needs of
 * its connection ({@link Requirement}) and what handling it does. A class has at most one route.
 */
final class RequestTable {
  /** What a route does with a request whose requirement is met. */
  @FunctionalInterface
  interface Step<R extends Request> {
    void run(RequestDispatcher dispatcher, ClientConnection connection, R request);
  }

  /** Computes the reply to a request whose requirement is met. */
  @FunctionalInterface
  interface Answer<R extends Request> {
    Reply answer(RequestDispatcher dispatcher, ClientConnection connection, R request);
  }

  /**
   * The route of one request class: its requirement, whether the connection handles it in two parts
   * ({@link RequestDispatcher#pipelined}), and its handling.
   */
  record Route<R extends Request>(
      Class<R> kind, Requirement requirement, boolean pipelined, Step<R> step) {
    /** A route; every part must be given. */
    Route {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(requirement, "requirement");
      Objects.requireNonNull(step, "step");
    }

    /**
     * Checks the requirement, then handles {@code request}.
     *
     * @throws RelayException if the requirement is not met, or as the handling refuses
     */
    void run(RequestDispatcher dispatcher, ClientConnection connection, Request request) {
      requirement.check(connection.state());
      step.run(dispatcher, connection, kind.cast(request));
    }
  }

  private final Map<Class<? extends Request>, Route<?>> routes;

  private RequestTable(Map<Class<? extends Request>, Route<?>> routes) {
    this.routes = Collections.unmodifiableMap(new LinkedHashMap<>(routes));
  }

  /** An empty builder. */
  static Builder builder() {
    return new Builder();
  }

  /** The route of requests of class {@code kind}, if there is one. */
  Optional<Route<?>> route(Class<? extends Request> kind) {
    return Optional.ofNullable(routes.get(kind));
  }

  /** Every request class with a route, in the order they were added. */
  Set<Class<? extends Request>> kinds() {
    return routes.keySet();
  }

  /** Builds a table one route at a time; refuses a second route for a class. */
  static final class Builder {
    private final Map<Class<? extends Request>, Route<?>> routes = new LinkedHashMap<>();

    private Builder() {}

    /** Routes {@code kind} to a step that replies with {@code answer}. */
    <R extends Request> Builder reply(Class<R> kind, Requirement requirement, Answer<R> answer) {
      return reply(kind, requirement, answer, (dispatcher, connection, request) -> {});
    }

    /**
     * Routes {@code kind} to a step that replies with {@code answer}, then runs {@code after}
     * (which only runs if the answer succeeded).
     */
    <R extends Request> Builder reply(
        Class<R> kind, Requirement requirement, Answer<R> answer, Step<R> after) {
      Objects.requireNonNull(answer, "answer");
      Objects.requireNonNull(after, "after");
      return add(
          new Route<>(
              kind,
              requirement,
              false,
              (dispatcher, connection, request) -> {
                connection.reply(answer.answer(dispatcher, connection, request));
                after.run(dispatcher, connection, request);
              }));
    }

    /**
     * Routes {@code kind} as handled in two parts by the connection; {@code step} is both parts in
     * turn, for {@link RequestDispatcher#dispatch}.
     */
    <R extends Request> Builder pipelined(Class<R> kind, Requirement requirement, Step<R> step) {
      return add(new Route<>(kind, requirement, true, step));
    }

    private Builder add(Route<?> route) {
      if (routes.putIfAbsent(route.kind(), route) != null) {
        throw new IllegalArgumentException("a second route for " + route.kind().getSimpleName());
      }
      return this;
    }

    /** The table of the routes added. */
    RequestTable build() {
      return new RequestTable(routes);
    }
  }
}
