package chat.cli.client.internal;

import chat.cli.CommandException;
import java.util.function.Supplier;

/** A request for one conversation whose refusal names it. */
final class ConversationNaming {
  private ConversationNaming() {}

  /**
   * Runs {@code request} for {@code conversation}; the relay's {@code NOT_MEMBER} then names it
   * ({@code you are not in #ops}) instead of "this conversation".
   */
  static <T> T naming(SessionManager sessions, String conversation, Supplier<T> request) {
    try {
      return request.get();
    } catch (CommandException.NotMember e) {
      throw CommandException.NotMember.naming(label(sessions, conversation));
    }
  }

  /** How the current session names {@code conversation} ({@code #ops}, {@code @bob}). */
  static String label(SessionManager sessions, String conversation) {
    return sessions.current().map(session -> session.label(conversation)).orElse(conversation);
  }

  /** {@link #naming(SessionManager, String, Supplier)} for a request that returns nothing. */
  static void naming(SessionManager sessions, String conversation, Runnable request) {
    naming(
        sessions,
        conversation,
        () -> {
          request.run();
          return null;
        });
  }
}
