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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes stored messages (wire version 13): a sender's own anywhere, and in a group those of the
 * members the caller outranks (the owner anyone's, an admin a plain member's or a former member's).
 * The relay cannot read a message, but it can open its at-rest layer and read the envelope's signed
 * header, which names the sender; that is how it knows whose a message is. The rows go in one
 * transaction with their envelopes, which the envelope log erases after it commits; the
 * conversation's members hear {@link DeletedEvent}, and a deletion of someone else's messages is
 * audited.
 */
public final class DeleteService {
  private static final Logger LOG = LoggerFactory.getLogger(DeleteService.class);

  private final Storage storage;
  private final MessageStore store;
  private final MessageRepository messages;
  private final MemberRepository members;
  private final UserRepository users;
  private final GroupTables tables;
  private final ConversationService conversations;
  private final Notifier notifier;
  private final AuditLog audit;
  private final LogIds logIds;

  /** A service over the relay's storage. */
  public DeleteService(
      Storage storage,
      MessageStore store,
      MessageRepository messages,
      MemberRepository members,
      UserRepository users,
      GroupTables tables,
      ConversationService conversations,
      Notifier notifier,
      AuditLog audit,
      LogIds logIds) {
    this.storage = storage;
    this.store = store;
    this.messages = messages;
    this.members = members;
    this.users = users;
    this.tables = tables;
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
    if (connection.state().version() < ProtocolVersions.DELETE) {
      throw new RelayException(
          ErrorCode.BAD_FRAME, "this request needs wire version " + ProtocolVersions.DELETE);
    }
    String actorKey = connection.state().userKey().orElseThrow();
    String actor = connection.state().username().orElseThrow();
    String conversation = request.conversation();
    conversations.requireMember(conversation, actorKey);
    String sender;
    List<Found> found;
    if (request.messageIds() != null) {
      found = named(conversation, request.messageIds());
      sender = found.get(0).sender();
      permit(conversation, actorKey, sender);
    } else {
      String senderKey = Usernames.key(request.sender());
      sender =
          storage
              .read(c -> users.find(c, senderKey))
              .map(UserRepository.UserRow::username)
              .orElseThrow(() -> RelayException.noSuchUser(request.sender()));
      permit(conversation, actorKey, sender);
      found = newest(conversation, senderKey, request.count());
    }
    List<String> deleted =
        storage.write(
            c -> {
              List<String> gone = new ArrayList<>();
              for (Found message : found) {
                if (messages.delete(c, conversation, message.row().messageId())) {
                  gone.add(message.row().messageId().hex());
                }
              }
              return gone;
            });
    if (deleted.isEmpty() && request.messageIds() != null) {
      throw noSuchMessage(request.messageIds().get(0), conversation); // deleted meanwhile
    }
    if (!deleted.isEmpty()) {
      LOG.debug(
          "{} messages deleted in {} by {}",
          deleted.size(),
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
          new DeletedEvent(conversation, actor, sender, deleted),
          storage.read(c -> members.keys(c, conversation)));
    }
    return new DeletedReply(request.id(), conversation, sender, deleted);
  }

  /**
   * The named messages, newest first, each read to learn its sender.
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
              .filter(r -> r.conversation().equals(conversation))
              .orElseThrow(() -> noSuchMessage(id, conversation));
      String sender = senderOf(row).orElseThrow(() -> noSuchMessage(id, conversation));
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
   * DeleteMessagesRequest#WINDOW}, newest first: each read until enough are found.
   */
  private List<Found> newest(String conversation, String senderKey, int count) {
    List<Found> found = new ArrayList<>();
    for (MessageStore.Row row :
        store.before(conversation, Long.MAX_VALUE, DeleteMessagesRequest.WINDOW)) {
      Optional<String> sender = senderOf(row);
      if (sender.isPresent() && Usernames.key(sender.get()).equals(senderKey)) {
        found.add(new Found(row, sender.get()));
        if (found.size() == count) {
          break;
        }
      }
    }
    return found;
  }

  /**
   * The sender the envelope of {@code row} names in its signed header, which the relay checked
   * against the uploading account when it stored it; empty if it cannot be read (deleted meanwhile,
   * or damaged, which is logged).
   */
  private static Optional<String> senderOf(MessageStore.Row row) {
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
   * Throws unless the caller ({@code actorKey}) may delete messages of {@code sender} in {@code
   * conversation}: their own always; in a group, the owner anyone's, an admin anyone's but the
   * owner's and the other admins'.
   */
  private void permit(String conversation, String actorKey, String sender) {
    String senderKey = Usernames.key(sender);
    if (senderKey.equals(actorKey)) {
      return;
    }
    Optional<String> refusal =
        storage.read(
            c -> {
              if (ConversationIds.isDirect(conversation)
                  || tables.groups().title(c, conversation).isEmpty()) {
                return Optional.of(
                    "only "
                        + sender
                        + " can delete their messages in "
                        + (ConversationIds.isDirect(conversation)
                            ? "a private conversation"
                            : conversation));
              }
              GroupRole actorRole =
                  tables.roles().role(c, conversation, actorKey).orElse(GroupRole.MEMBER);
              GroupRole senderRole =
                  tables.roles().role(c, conversation, senderKey).orElse(GroupRole.MEMBER);
              if (actorRole == GroupRole.MEMBER) {
                return Optional.of(
                    "only the owner or an admin of "
                        + conversation
                        + " can delete "
                        + sender
                        + "'s messages");
              }
              if (actorRole == GroupRole.ADMIN && senderRole != GroupRole.MEMBER) {
                return Optional.of(
                    "only the owner of " + conversation + " can delete " + sender + "'s messages");
              }
              return Optional.empty();
            });
    refusal.ifPresent(
        message -> {
          throw new RelayException(ErrorCode.NOT_YOUR_MESSAGE, message);
        });
  }

  private static RelayException noSuchMessage(String messageId, String conversation) {
    return new RelayException(
        ErrorCode.NO_SUCH_MESSAGE, "no message " + messageId + " in " + conversation);
  }
}
