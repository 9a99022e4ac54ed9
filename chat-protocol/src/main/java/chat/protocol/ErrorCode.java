package chat.protocol;

/**
 * The stable error codes of {@link ErrorReply}. Clients switch on the code, never on the message.
 * {@link #closesConnection()} says whether the relay closes the connection after sending it.
 */
public enum ErrorCode {
  /** The frame was not valid JSON, had an unknown type or an invalid field. */
  BAD_FRAME("malformed frame", false),
  /** The length prefix exceeded the maximum frame size; the stream cannot be resynchronised. */
  FRAME_TOO_LARGE("frame too large", true),
  /** A request other than hello arrived before the hello exchange. */
  HELLO_REQUIRED("send hello first", false),
  /** The relay speaks none of the versions the hello offered. */
  UNSUPPORTED_VERSION("no common protocol version", false),
  /** The request needs a logged-in session. */
  AUTH_REQUIRED("log in first", false),
  /** Login or resume failed; deliberately the same for every cause. */
  AUTH_FAILED("invalid username, password or token", false),
  /**
   * Too many requests, failed logins or registrations from the address, or every password hashing
   * slot of the relay busy; retry later (the message says which, and the wait when it can).
   */
  RATE_LIMITED("rate limit exceeded, retry later", false),
  /**
   * The username is already registered (compared case-insensitively), or looks like a registered
   * one ({@link UsernameSkeleton}); the message says which.
   */
  USERNAME_TAKEN("username already taken", false),
  /** The username breaks the username rule. */
  INVALID_USERNAME(
      "usernames are 3-32 characters of A-Z a-z 0-9 _ . - and start with a letter", false),
  /** The password is shorter than 8 characters or longer than 1024 bytes. */
  WEAK_PASSWORD("passwords are 8 characters to 1024 bytes", false),
  /** The identity bundle is malformed, badly self-signed or names another user. */
  INVALID_BUNDLE("invalid identity bundle", false),
  /** The session token has expired; log in again. */
  SESSION_EXPIRED("session expired, log in again", false),
  /** The caller is not a member of that conversation. */
  NOT_MEMBER("not a member of this conversation", false),
  /** No user has that name. */
  NO_SUCH_USER("no such user", false),
  /** The conversation does not exist or cannot be used that way. */
  NO_SUCH_CONVERSATION("no such conversation", false),
  /** The envelope is malformed or addressed to another conversation. */
  INVALID_ENVELOPE("invalid envelope", false),
  /** The envelope signature does not verify against the sender's registered key. */
  BAD_SIGNATURE("envelope signature does not verify", false),
  /** The envelope names another sender or sender key than the logged-in user's. */
  SENDER_MISMATCH("envelope sender is not the logged-in user", false),
  /** A recipient of the envelope is not a member of the conversation. */
  RECIPIENT_NOT_MEMBER("a recipient is not a member of this conversation", false),
  /** A message with that id is already stored. */
  DUPLICATE_MESSAGE("duplicate message id", false),
  /** The client fell too far behind; reconnect and sync from the cursor. */
  SLOW_CONSUMER("too far behind, reconnect and sync", true),
  /** The caller has stored no key backup on this relay. */
  NO_KEY_BACKUP("no key backup stored for this account", false),
  /** The relay failed; no detail is given. */
  INTERNAL("internal error", false),
  /** The relay is shutting down; reconnect later. */
  SHUTTING_DOWN("relay shutting down", true),
  /** The room is public, not a group, so it has no owner, roles or invitations. */
  NOT_A_GROUP("not a group: public rooms have no owner or invitations", false, 2),
  /** A room or group with that name already exists. */
  ROOM_EXISTS("a room with that name already exists", false, 2),
  /** Only the group's owner or an admin may do that. */
  NOT_GROUP_ADMIN("only the owner or an admin of the group may do that", false, 2),
  /** Only the group's owner may do that (name admins, transfer, disband, act on admins). */
  NOT_GROUP_OWNER("only the owner of the group may do that", false, 2),
  /** The group is invite-only and the caller holds no invitation. */
  NOT_INVITED("this group is invite-only: ask an admin for an invitation", false, 2),
  /** The user is banned from the group. */
  BANNED("banned from this group", false, 2),
  /** The owner may not leave a group: transfer ownership or disband it first. */
  OWNER_MUST_TRANSFER("the owner must transfer ownership or disband the group first", false, 2),
  /** The named user cannot be the target of that action (yourself, not a member, already one). */
  INVALID_TARGET("that user cannot be the target of this action", false, 2),
  /** No pending friend request from that user. */
  NO_FRIEND_REQUEST("no pending friend request from that user", false, 2),
  /** Already friends with that user. */
  ALREADY_FRIENDS("already friends", false, 2),
  /** Neither friends with that user nor a pending request between the two. */
  NOT_FRIENDS("not friends and no pending request", false, 2),
  /**
   * A relay limit is reached: pending friend requests or invitations, rooms created by one user,
   * members of one room; the message says which.
   */
  LIMIT_REACHED("too many pending requests or invitations", false, 2),
  /** No file has that id, or it expired and was deleted. */
  NO_SUCH_FILE("no such file, or it expired", false, 2),
  /** The file is larger than the relay's limit for one file. */
  FILE_TOO_LARGE("file larger than this relay accepts", false, 2),
  /** The upload would exceed the caller's file quota or the relay's file storage. */
  FILE_QUOTA_EXCEEDED("file storage quota exceeded", false, 2),
  /** The file id is taken by another upload (other uploader, conversation or size). */
  FILE_EXISTS("file id already in use", false, 2),
  /** Only the user who started an upload may add to or finish it. */
  NOT_UPLOADER("only the uploader may add to, finish or delete this file", false, 2),
  /** A chunk did not start where the upload stands, or had the wrong length. */
  FILE_OFFSET_MISMATCH("chunk offset or length does not match the upload", false, 2),
  /** The upload has not received every byte yet. */
  FILE_INCOMPLETE("the file upload is not complete", false, 2),
  /**
   * The relay cannot write to its storage (disk full, read-only or failing): nothing of the request
   * was stored. Reads still work; retry later.
   */
  STORAGE_UNAVAILABLE(
      "the relay cannot store anything now (its disk is full or read-only); nothing was stored",
      false,
      2),
  /** No session of the caller's account has that id (or it ended or expired already). */
  NO_SUCH_SESSION("no session of this account has that id", false, 2),
  /**
   * The reply would be larger than the maximum frame size, so it was not sent; nothing else went
   * wrong. Wire version 5 only ({@link #INTERNAL} on an older connection, with the same message).
   */
  REPLY_TOO_LARGE("the reply would be larger than the maximum frame size", false, 5),
  /**
   * The relay's operator suspended the account: a login (after its password checked) or a resume is
   * refused, and the account's connections are closed with it, unsolicited. The message is {@link
   * #suspended}'s, with the operator's reason if one was given. Wire version 10 only ({@link
   * #AUTH_FAILED} on an older connection, with the same message).
   */
  ACCOUNT_SUSPENDED("this account is suspended by the relay's operator", false, 10),
  /**
   * The sender is muted in the group (by its owner or an admin): it may read it, not post to it.
   * The message names the group, and for a timed mute how long it lasts. Wire version 12 only
   * ({@link #NOT_GROUP_ADMIN} on an older connection, with the same message).
   */
  MUTED("you are muted in this group", false, 12),
  /**
   * A message a {@code delete_messages} names is not stored in that conversation (never sent there,
   * or deleted already). Wire version 13 only, as is the request.
   */
  NO_SUCH_MESSAGE("no such message in this conversation", false, 13),
  /**
   * The message is someone else's, and the caller may not delete it: outside a group only its
   * sender may, in a group also the owner, and an admin only a plain member's. Wire version 13
   * only, as is the request.
   */
  NOT_YOUR_MESSAGE("only its sender, or the group's owner or an admin, may delete it", false, 13);

  /**
   * The longest reason an operator may give a suspension, or a group's owner or admin a kick, ban
   * or mute, in characters.
   */
  public static final int MAX_REASON_CHARS = 200;

  private final String defaultMessage;
  private final boolean closesConnection;
  private final int sinceVersion;

  ErrorCode(String defaultMessage, boolean closesConnection) {
    this(defaultMessage, closesConnection, 1);
  }

  ErrorCode(String defaultMessage, boolean closesConnection, int sinceVersion) {
    this.defaultMessage = defaultMessage;
    this.closesConnection = closesConnection;
    this.sinceVersion = sinceVersion;
  }

  /**
   * The message of {@link #NO_SUCH_USER} for {@code name}, the name the request gave: {@code no
   * such user: zzz} when it follows the username rule, else the bare {@code no such user}, so that
   * a name is never echoed unchecked.
   */
  public static String noSuchUser(String name) {
    String bare = NO_SUCH_USER.defaultMessage;
    return name != null && Usernames.isValid(name) ? bare + ": " + name : bare;
  }

  /**
   * The message of {@link #ACCOUNT_SUSPENDED}: the default one, followed by {@code : } and the
   * operator's {@code reason} unless it is empty.
   */
  public static String suspended(String reason) {
    String bare = ACCOUNT_SUSPENDED.defaultMessage;
    return reason == null || reason.isEmpty() ? bare : bare + ": " + reason;
  }

  /**
   * Whether {@code message} is one of the two forms {@link #noSuchUser} gives: a client shows only
   * those as its own words.
   */
  public static boolean isNoSuchUser(String message) {
    String bare = NO_SUCH_USER.defaultMessage;
    return message.equals(bare)
        || (message.startsWith(bare + ": ")
            && Usernames.isValid(message.substring(bare.length() + 2)));
  }

  /** The human message the relay sends with this code unless it has a more precise one. */
  public String defaultMessage() {
    return defaultMessage;
  }

  /** True if the relay closes the connection after sending this code. */
  public boolean closesConnection() {
    return closesConnection;
  }

  /** The first wire version that has this code; an older client cannot parse it. */
  public int sinceVersion() {
    return sinceVersion;
  }

  /**
   * The code to send on a connection that speaks {@code version}: this one if that version has it,
   * else {@link #NO_SUCH_CONVERSATION} ("unknown or unusable that way"), the nearest code a version
   * 1 client knows for the only refusals it can meet (joining an invite-only group, the owner
   * leaving one, a join past a room limit), {@link #INTERNAL} for {@link #STORAGE_UNAVAILABLE} and
   * {@link #REPLY_TOO_LARGE}, {@link #AUTH_FAILED} for {@link #ACCOUNT_SUSPENDED}, or {@link
   * #NOT_GROUP_ADMIN} for {@link #MUTED} (to a version 1 client, which knows no group codes, {@link
   * #NO_SUCH_CONVERSATION}). The message stays the precise one.
   */
  public ErrorCode forVersion(int version) {
    if (version >= sinceVersion) {
      return this;
    }
    return switch (this) {
      case STORAGE_UNAVAILABLE, REPLY_TOO_LARGE -> INTERNAL;
      case ACCOUNT_SUSPENDED -> AUTH_FAILED;
      case MUTED ->
          version >= NOT_GROUP_ADMIN.sinceVersion ? NOT_GROUP_ADMIN : NO_SUCH_CONVERSATION;
      default -> NO_SUCH_CONVERSATION;
    };
  }
}
