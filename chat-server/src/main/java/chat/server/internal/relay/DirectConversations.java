package chat.server.internal.relay;

import chat.protocol.ConversationIds;
import chat.protocol.ErrorCode;
import chat.protocol.JoinReply;
import chat.protocol.LeaveReply;
import chat.protocol.MembershipChange;
import chat.protocol.ProtocolVersions;
import chat.server.internal.storage.ConversationRepository;
import chat.server.internal.storage.MemberRepository;
import chat.server.internal.storage.UserRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Closing a direct conversation, and opening it again, for one of its parties (wire version 7). A
 * closed one stays on the relay with its messages, and its closer stays a party: it is only left
 * out of their login list and of the conversations counted against their limit. Nothing changes for
 * the other party, who is not told. A message from either party opens it again for both (the
 * message store does that); a {@code join} of it by its closer opens it again for them.
 */
public final class DirectConversations {
  private final Storage storage;
  private final ConversationRepository conversations;
  private final MemberRepository members;
  private final UserRepository users;
  private final Notifier notifier;
  private final RoomCapacity capacity;
  private final Clock clock;

  /** The closing and opening of direct conversations over these collaborators. */
  public DirectConversations(
      Storage storage,
      ConversationRepository conversations,
      MemberRepository members,
      UserRepository users,
      Notifier notifier,
      RoomCapacity capacity,
      Clock clock) {
    this.storage = storage;
    this.conversations = conversations;
    this.members = members;
    this.users = users;
    this.notifier = notifier;
    this.capacity = capacity;
    this.clock = clock;
  }

  /**
   * Closes {@code conversation} for the caller and tells their other connections ({@link
   * Notifier#direct}).
   *
   * @throws RelayException {@code NOT_MEMBER} if the caller is not a party or has it closed (or it
   *     never had a message), {@code BAD_FRAME} before wire version 7
   */
  public LeaveReply close(ClientConnection connection, String requestId, String conversation) {
    String key = requireParty(connection, conversation);
    String username = connection.state().requireUsername(); // before the change, not after
    boolean closed = storage.write(c -> members.close(c, conversation, key, clock.millis()));
    if (!closed) {
      throw new RelayException(ErrorCode.NOT_MEMBER);
    }
    notifier.direct(conversation, key, username, MembershipChange.LEFT, connection);
    return new LeaveReply(requestId, conversation);
  }

  /**
   * Opens {@code conversation} again for the caller if they closed it, within their conversations
   * limit, and then tells their other connections. One that is open, or never had a message, is
   * left as it is: the first message opens that one for both parties.
   *
   * @throws RelayException {@code NOT_MEMBER} if the caller is not a party, {@code NO_SUCH_USER} if
   *     the other party has no account, {@code LIMIT_REACHED} at the conversations limit, {@code
   *     BAD_FRAME} before wire version 7
   */
  public JoinReply open(ClientConnection connection, String requestId, String conversation) {
    String key = requireParty(connection, conversation);
    String username = connection.state().requireUsername(); // before the change, not after
    List<String> names = new ArrayList<>(2);
    for (String party : ConversationIds.parties(conversation)) {
      names.add(
          storage
              .read(c -> users.find(c, party))
              .orElseThrow(() -> RelayException.noSuchUser(party))
              .username());
    }
    boolean opened =
        storage.write(
            c -> {
              if (!members.isClosed(c, conversation, key)) {
                return false;
              }
              capacity.requireConversationSpace(c, key);
              return members.open(c, conversation, key, clock.millis());
            });
    if (opened) {
      notifier.direct(conversation, key, username, MembershipChange.JOINED, connection);
    }
    long lastSeq = storage.read(c -> conversations.lastSeq(c, conversation)).orElse(0);
    return new JoinReply(requestId, conversation, lastSeq, names);
  }

  /** The caller's key if they are a party of {@code conversation} on a version 7 connection. */
  private static String requireParty(ClientConnection connection, String conversation) {
    if (connection.state().version() < ProtocolVersions.CLOSE_DIRECT) {
      throw new RelayException(
          ErrorCode.BAD_FRAME,
          "closing or opening a direct conversation needs wire version "
              + ProtocolVersions.CLOSE_DIRECT);
    }
    String key = connection.state().requireUserKey();
    if (!ConversationIds.parties(conversation).contains(key)) {
      throw new RelayException(ErrorCode.NOT_MEMBER);
    }
    return key;
  }
}
