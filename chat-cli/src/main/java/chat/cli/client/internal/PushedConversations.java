package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.PushedNotice;
import chat.protocol.ConversationIds;
import chat.protocol.MemberInfo;
import chat.protocol.Usernames;

/**
 * Which conversations the relay's pushes put in this client's list. A relay can push messages and
 * events in conversations it invents; listing each would grow the list (the TUI's panes, {@code
 * /switch} and its completions) and the read positions of {@code state.json} without end. So a
 * conversation is listed only on the relay's word that this user is in it: its login or resume
 * list, a join event naming this user, the reply to this user's own command, and, for a message
 * pushed in a conversation not listed, a private conversation of this user's (the other party's
 * first message opens it, with no event) or a room whose member list from the relay names this user
 * (a group created on another device, which an older relay does not announce, or a join whose event
 * is still on its way). Past {@link PushedNotice#MAX_LISTED} none is added. What is refused is not
 * shown and keeps no read position; the person gets a notice, capped once for all conversations. On
 * the event thread.
 */
final class PushedConversations {
  private PushedConversations() {}

  /**
   * Whether the message the relay pushed in {@code conversation} is for this user: it is listed, or
   * is now. If not, the person is told, unless the relay could not be asked (the connection went, a
   * rate limit): then the conversation, if this user is in it, comes back in the next login's list.
   */
  static boolean admitMessage(Session session, Listeners listeners, String conversation) {
    if (session.lists(conversation)) {
      return true;
    }
    String self = session.username();
    String label = session.label(conversation);
    boolean in;
    try {
      in = isIn(session, conversation, self);
    } catch (CommandException.Network | CommandException.RateLimited e) {
      return false;
    }
    if (!in) {
      listeners.pushed(PushedNotice.notIn(label));
      return false;
    }
    if (!listJoined(session, listeners, conversation)) {
      session.members.left(conversation); // nor is the relay's list of it kept
      return false;
    }
    return true;
  }

  /**
   * Lists {@code conversation}, which the relay said this user is in; past {@link
   * PushedNotice#MAX_LISTED}, tells the person instead and returns false.
   */
  static boolean listJoined(Session session, Listeners listeners, String conversation) {
    if (session.listPushed(conversation)) {
      return true;
    }
    listeners.pushed(PushedNotice.pastLimit(session.label(conversation)));
    return false;
  }

  /**
   * Whether this user is in {@code conversation}, not listed: a party of a private one, or named by
   * the relay's member list of a room (which a relay answers with {@code NOT_MEMBER} otherwise). A
   * list that does not name this user is forgotten at once ({@link MemberCache#left}), so that it
   * takes no room either: a relay could otherwise answer for every conversation it invents.
   */
  private static boolean isIn(Session session, String conversation, String self) {
    String key = Usernames.key(self);
    if (ConversationIds.isDirect(conversation)) {
      return ConversationIds.parties(conversation).contains(key);
    }
    boolean named;
    try {
      named =
          session.members.refresh(conversation).stream()
              .map(MemberInfo::username)
              .anyMatch(name -> Usernames.key(name).equals(key));
    } catch (CommandException.Network | CommandException.RateLimited e) {
      throw e;
    } catch (CommandException e) {
      return false; // NOT_MEMBER, NO_SUCH_CONVERSATION: the relay's own answer
    }
    if (!named) {
      session.members.left(conversation);
    }
    return named;
  }
}
