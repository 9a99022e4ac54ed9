package chat.server.internal.relay;

import chat.crypto.Bytes;
import chat.crypto.MalformedDataException;
import chat.crypto.ReceivedEnvelope;
import chat.protocol.ConversationIds;
import chat.protocol.DeleteMessagesRequest;
import chat.protocol.DeletedEvent;
import chat.protocol.DeletedReply;
import chat.protocol.ErrorCode;
import chat.protocol.GroupRole;
import chat.protocol.MessageIds;
import chat.protocol.ProtocolVersions;
import chat.protocol.Usernames;
import chat.server.internal.audit.AuditLog;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.GroupTables;
import chat.server.internal.storage.MemberRepository;
import chat.server.internal.storage.MessageRepository;
import chat.server.internal.storage.UserRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes stored messages (wire version 13): a sender's own in any conversation they are in, and in
 * a group those of the members the caller outranks (the owner anyone's, an admin a plain member's
 * or a former member's). The relay cannot read a message, but it knows whose it is: the store
 * records the sender with each message, as the envelope's signed header names it (checked at the
 * send); for a message stored before it did, the relay opens its at-rest layer and reads that
 * header. The messages are found first; then one transaction checks again that the caller may
 * delete them (membership and roles as they are then) and deletes them: each row stays as a
 * tombstone (number, id, store time), and the envelope log erases their envelopes after it commits.
 * The conversation's members hear {@link DeletedEvent}, and a deletion of someone else's messages
 * is audited.
 */
public final class DeleteService {
  private static final Logger LOG = LoggerFactory.getLogger(DeleteService.class);

  private final Storage storage;
  private final MessageStore store;
  private final MessageRepository messages;
  private final MemberRepository members;
  private final UserRepository users;
  private final GroupTables tables;
  private final KeptForms keptForms;
  private final ConversationService conversations;
  private final Notifier notifier;
  private final AuditLog audit;
  private final LogIds logIds;
  private final Clock clock;

  /** A service over the relay's storage, recording deletions at {@code clock}'s time. */
  public DeleteService(
      Storage storage,
      MessageStore store,
      MessageRepository messages,
      MemberRepository members,
      UserRepository users,
      GroupTables tables,
      KeptForms keptForms,
      ConversationService conversations,
      Notifier notifier,
      AuditLog audit,
      LogIds logIds,
      Clock clock) {
    this.clock = clock;
    this.storage = storage;
    this.store = store;
    this.messages = messages;
    this.members = members;
    this.users = users;
    this.tables = tables;
    this.keptForms = keptForms;
    this.conversations = conversations;
    this.notifier = notifier;
    this.audit = audit;
    this.logIds = logIds;
  }

  /** A stored message to delete: its row and its sender's registered username. */
  private record Found(MessageStore.Row row, String sender) {}

  /**
   * Deletes what {@code request} names, if the caller may: its reply lists what was deleted, newest
   * first.
   *
   * @throws RelayException {@code BAD_FRAME} on a connection older than version 13; {@code
   *     NOT_MEMBER} if the caller cannot read the conversation; {@code NO_SUCH_MESSAGE} for a named
   *     message not stored there; {@code NO_SUCH_USER} for a {@code sender} with no account; {@code
   *     INVALID_TARGET} for named messages of several senders; {@code NOT_YOUR_MESSAGE} for
   *     messages the caller may not delete
   */
  public DeletedReply delete(ClientConnection connection, DeleteMessagesRequest request) {
    Requirement.requireVersion(connection.state(), ProtocolVersions.DELETE);
    String actorKey = connection.state().requireUserKey();
    String actor = connection.state().requireUsername();
    String conversation = request.conversation();
    storage.read(
        c -> {
          conversations.requireMember(c, conversation, actorKey);
          requireOtherParty(c, conversation, actorKey);
          return null;
        });
    String sender;
    List<Found> found;
    if (request.messageIds() != null) {
      found = named(conversation, request.messageIds());
      sender = found.get(0).sender();
      storage.read(c -> permit(c, conversation, actorKey, sender));
    } else {
      String senderKey = Usernames.key(request.sender());
      sender =
          storage
              .read(c -> users.find(c, senderKey))
              .map(UserRepository.UserRow::username)
              .orElseThrow(() -> RelayException.noSuchUser(request.sender()));
      // Refused before the search, which may read envelopes.
      storage.read(c -> permit(c, conversation, actorKey, sender));
      found = newest(conversation, senderKey, sender, request.count());
    }
    List<Found> deleted =
        storage.write(
            c -> {
              // Again, as things stand now: the caller may have been removed or demoted since.
              conversations.requireMember(c, conversation, actorKey);
              permit(c, conversation, actorKey, sender);
              long now = clock.millis();
              List<Found> gone = new ArrayList<>();
              for (Found message : found) {
                if (messages.delete(c, conversation, message.row().messageId(), now)) {
                  gone.add(message);
                }
              }
              return gone;
            });
    if (deleted.isEmpty() && request.messageIds() != null) {
      throw noSuchMessage(request.messageIds().get(0), conversation); // deleted meanwhile
    }
    List<String> ids = deleted.stream().map(f -> f.row().messageId().hex()).toList();
    if (!deleted.isEmpty()) {
      keptForms.forget(conversation, deleted.stream().map(f -> f.row().seq()).toList());
      LOG.debug(
          "{} message{} deleted in {} by {}",
          deleted.size(),
          deleted.size() == 1 ? "" : "s",
          logIds.conversation(conversation),
          logIds.user(actorKey));
      if (!Usernames.key(sender).equals(actorKey)) {
        audit.record(
            connection,
            AuditType.ADMIN,
            actor,
            "delete_messages "
                + sender
                + " in "
                + conversation
                + " ("
                + deleted.size()
                + (deleted.size() == 1 ? " message)" : " messages)"));
      }
      notifier.deleted(
          new DeletedEvent(conversation, actor, sender, ids),
          storage.read(c -> members.keys(c, conversation)));
    }
    return new DeletedReply(request.id(), conversation, sender, ids);
  }

  /**
   * The named messages, newest first, each with its sender.
   *
   * @throws RelayException {@code NO_SUCH_MESSAGE} for one not stored in {@code conversation},
   *     {@code INVALID_TARGET} if they are of several senders
   */
  private List<Found> named(String conversation, List<String> messageIds) {
    List<Found> found = new ArrayList<>();
    for (String id : messageIds) {
      MessageStore.Row row =
          store
              .find(MessageIds.bytes(id))
              .filter(r -> r.conversation().equals(conversation) && !r.deleted())
              .orElseThrow(() -> noSuchMessage(id, conversation));
      String sender = nameOf(row).orElseThrow(() -> noSuchMessage(id, conversation));
      if (!found.isEmpty() && !Usernames.key(sender).equals(Usernames.key(found.get(0).sender))) {
        throw new RelayException(
            ErrorCode.INVALID_TARGET,
            "these messages are of several senders: delete one sender's at a time");
      }
      found.add(new Found(row, sender));
    }
    found.sort(Comparator.comparingLong((Found f) -> f.row().seq()).reversed());
    return found;
  }

  /**
   * The newest {@code count} messages of {@code senderKey} among the conversation's last {@link
   * DeleteMessagesRequest#WINDOW}, newest first, named {@code sender}: by the senders the store
   * recorded, the envelopes of messages stored without one read for it.
   */
  private List<Found> newest(String conversation, String senderKey, String sender, int count) {
    List<Found> found = new ArrayList<>();
    for (MessageStore.Row row :
        store.before(conversation, Long.MAX_VALUE, DeleteMessagesRequest.WINDOW)) {
      if (row.deleted()) {
        continue;
      }
      String key =
          row.senderKey() != null
              ? row.senderKey()
              : headerSender(row).map(Usernames::key).orElse(null);
      if (senderKey.equals(key)) {
        found.add(new Found(row, sender));
        if (found.size() == count) {
          break;
        }
      }
    }
    return found;
  }

  /**
   * The registered name of the sender of {@code row}: of the user key the store recorded, else the
   * one its envelope's header names; empty if neither can be read.
   */
  private Optional<String> nameOf(MessageStore.Row row) {
    if (row.senderKey() != null) {
      return storage
          .read(c -> users.find(c, row.senderKey()))
          .map(UserRepository.UserRow::username);
    }
    return headerSender(row);
  }

  /**
   * The sender the envelope of {@code row} names in its signed header, which the relay checked
   * against the uploading account when it stored it; empty if it cannot be read (deleted meanwhile,
   * or damaged, which is logged).
   */
  private static Optional<String> headerSender(MessageStore.Row row) {
    Optional<Bytes> envelope = row.envelope();
    if (envelope.isEmpty()) {
      return Optional.empty(); // the store said why
    }
    try {
      return Optional.of(ReceivedEnvelope.parse(envelope.get()).header().senderId());
    } catch (MalformedDataException e) {
      LOG.error("stored envelope seq {} does not parse", row.seq());
      return Optional.empty();
    }
  }

  /**
   * Throws {@code NO_SUCH_USER} if {@code conversation} is a direct one whose other party has no
   * account: nothing was ever sent there, and "nothing to delete" would hide a mistyped name.
   */
  private void requireOtherParty(Connection c, String conversation, String userKey)
      throws SQLException {
    if (ConversationIds.isDirect(conversation)) {
      String other = ConversationIds.otherParty(conversation, userKey);
      if (users.find(c, other).isEmpty()) {
        throw RelayException.noSuchUser(other);
      }
    }
  }

  /**
   * Throws {@code NOT_YOUR_MESSAGE} unless the caller ({@code actorKey}) may delete messages of
   * {@code sender} in {@code conversation}: their own always; in a group, the owner anyone's, an
   * admin anyone's but the owner's and the other admins'. Returns null, for {@link Storage#read}.
   */
  private Void permit(Connection c, String conversation, String actorKey, String sender)
      throws SQLException {
    String senderKey = Usernames.key(sender);
    if (senderKey.equals(actorKey)) {
      return null;
    }
    boolean direct = ConversationIds.isDirect(conversation);
    boolean group = !direct && tables.groups().title(c, conversation).isPresent();
    // Outside a group a sender's messages are as the owner's in it: theirs alone to delete.
    GroupRole senderRole =
        group
            ? tables.roles().role(c, conversation, senderKey).orElse(GroupRole.MEMBER)
            : GroupRole.OWNER;
    GroupRole actorRole =
        group
            ? tables.roles().role(c, conversation, actorKey).orElse(GroupRole.MEMBER)
            : GroupRole.MEMBER;
    if (actorRole.outranks(senderRole)) {
      return null;
    }
    throw new RelayException(
        ErrorCode.NOT_YOUR_MESSAGE,
        switch (senderRole) {
          case OWNER ->
              "only "
                  + sender
                  + " can delete their messages in "
                  + (direct ? "a private conversation" : conversation);
          case ADMIN ->
              "only the owner of " + conversation + " can delete " + sender + "'s messages";
          case MEMBER ->
              "only the owner or an admin of "
                  + conversation
                  + " can delete "
                  + sender
                  + "'s messages";
        });
  }

  private static RelayException noSuchMessage(String messageId, String conversation) {
    return new RelayException(
        ErrorCode.NO_SUCH_MESSAGE, "no message " + messageId + " in " + conversation);
  }
}
