package chat.server.internal.relay;

import chat.protocol.ChangePasswordRequest;
import chat.protocol.EndSessionRequest;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.FileChunkRequest;
import chat.protocol.FileDeleteRequest;
import chat.protocol.FileDownloadRequest;
import chat.protocol.FileFinishRequest;
import chat.protocol.FileStatusRequest;
import chat.protocol.FileUploadRequest;
import chat.protocol.FrameTooLargeException;
import chat.protocol.FriendUpdateRequest;
import chat.protocol.GetBundleRequest;
import chat.protocol.GetBundlesRequest;
import chat.protocol.GetKeyBackupRequest;
import chat.protocol.GroupCreateRequest;
import chat.protocol.GroupDisbandRequest;
import chat.protocol.GroupMemberRequest;
import chat.protocol.GroupRenameRequest;
import chat.protocol.HelloReply;
import chat.protocol.HelloRequest;
import chat.protocol.HistoryRequest;
import chat.protocol.JoinRequest;
import chat.protocol.LeaveRequest;
import chat.protocol.ListFriendsRequest;
import chat.protocol.ListMembersRequest;
import chat.protocol.ListRoomsRequest;
import chat.protocol.ListSessionsRequest;
import chat.protocol.LoginRequest;
import chat.protocol.LogoutRequest;
import chat.protocol.PingRequest;
import chat.protocol.PongReply;
import chat.protocol.ProtocolVersions;
import chat.protocol.PutKeyBackupRequest;
import chat.protocol.RegisterRequest;
import chat.protocol.Request;
import chat.protocol.ResumeRequest;
import chat.protocol.SendRequest;
import chat.protocol.SetPresenceRequest;
import chat.protocol.SyncRequest;
import chat.protocol.UpdateBundleRequest;
import chat.server.internal.audit.AuditLog;
import chat.server.internal.audit.AuditType;
import chat.server.internal.auth.HashingBusyException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place every request kind is handled: enforces hello-first (and only once) and
 * login-first, routes to the services, and turns every failure into an error reply (internal
 * failures carry no detail).
 */
public final class RequestDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

  /** The message of the {@link ErrorCode#RATE_LIMITED} sent when every bcrypt slot is taken. */
  static final String BUSY_MESSAGE =
      "the relay is busy checking other passwords; retry in a few seconds";

  private final String relayName;
  private final AccountService accounts;
  private final RegisterService registrations;
  private final PasswordService passwords;
  private final ConversationService conversations;
  private final MessagingService messaging;
  private final KeyBackupService backups;
  private final AuditLog audit;
  private final GroupService groups;
  private final FriendService friends;
  private final PresenceService presence;
  private final FileService files;
  private final SessionService sessions;

  /** A dispatcher over the services. */
  public RequestDispatcher(
      String relayName,
      AccountService accounts,
      RegisterService registrations,
      PasswordService passwords,
      ConversationService conversations,
      MessagingService messaging,
      KeyBackupService backups,
      GroupService groups,
      FriendService friends,
      PresenceService presence,
      FileService files,
      SessionService sessions,
      AuditLog audit) {
    this.sessions = sessions;
    this.groups = groups;
    this.friends = friends;
    this.presence = presence;
    this.files = files;
    this.relayName = relayName;
    this.audit = audit;
    this.accounts = accounts;
    this.registrations = registrations;
    this.passwords = passwords;
    this.conversations = conversations;
    this.messaging = messaging;
    this.backups = backups;
  }

  /**
   * Handles one request on a worker thread, replying through {@code connection}; a {@link
   * #pipelined} one in both its parts, waiting for the first.
   */
  public void dispatch(ClientConnection connection, Request request) {
    if (pipelined(request)) {
      finish(connection, request, start(connection, request).join());
    } else {
      run(connection, request, () -> handle(connection, request));
    }
  }

  /**
   * Whether {@code request} is handled in two parts ({@link #start}, then {@link #finish}) so that
   * the connection's next requests need not wait for the first part's write to be durable: a send.
   */
  public static boolean pipelined(Request request) {
    return request instanceof SendRequest;
  }

  /**
   * The first part of a {@link #pipelined} request: its checks and its write queued. The future
   * never fails: it completes, once the write is durable or refused, with the second part, which
   * {@link #finish} runs (replying, and for a send fanning the message out; or replying with the
   * refusal).
   */
  public CompletableFuture<Runnable> start(ClientConnection connection, Request request) {
    try {
      requireSession(connection.state());
      return messaging
          .start(connection, (SendRequest) request)
          .handle(
              (rest, failure) -> {
                if (failure == null) {
                  return rest;
                }
                RelayException refusal = Storage.refusal(failure);
                return () -> {
                  throw refusal;
                };
              });
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(
          () -> {
            throw e;
          });
    }
  }

  /** Runs the second part of a {@link #pipelined} request, answering failures as dispatch does. */
  public void finish(ClientConnection connection, Request request, Runnable rest) {
    run(connection, request, rest);
  }

  private void run(ClientConnection connection, Request request, Runnable work) {
    try {
      work.run();
    } catch (RelayException e) {
      int version = connection.state().version();
      connection.reply(
          new ErrorReply(request.id(), e.code().forVersion(Math.max(1, version)), e.getMessage()));
    } catch (HashingBusyException e) {
      // Every bcrypt slot stayed taken: nothing was checked or stored, and no guess was counted.
      LOG.debug(
          "password hashing busy: refused {} on {}",
          request.getClass().getSimpleName(),
          connection.logId());
      connection.reply(new ErrorReply(request.id(), ErrorCode.RATE_LIMITED, BUSY_MESSAGE));
    } catch (FrameTooLargeException e) {
      // A list or page the relay could not cut to size: nothing failed, so no stack trace.
      LOG.warn(
          "reply to {} on {} larger than the maximum frame size; refused with {}",
          request.getClass().getSimpleName(),
          connection.logId(),
          ErrorCode.REPLY_TOO_LARGE);
      int version = Math.max(1, connection.state().version());
      connection.reply(
          new ErrorReply(
              request.id(),
              ErrorCode.REPLY_TOO_LARGE.forVersion(version),
              ErrorCode.REPLY_TOO_LARGE.defaultMessage()));
    } catch (RuntimeException e) {
      LOG.error("request failed on {}", connection.logId(), e);
      audit.record(
          connection,
          AuditType.ERROR,
          connection.state().username().orElse(null),
          "internal error handling "
              + request.getClass().getSimpleName()
              + ": "
              + e.getClass().getSimpleName());
      connection.reply(ErrorReply.of(request.id(), ErrorCode.INTERNAL));
    }
  }

  /** Forgets a closed connection. */
  public void disconnected(ClientConnection connection) {
    try {
      accounts.disconnected(connection);
    } catch (RuntimeException e) {
      LOG.error("disconnect cleanup failed on {}", connection.logId(), e);
    }
  }

  private void handle(ClientConnection connection, Request request) {
    ConnectionState state = connection.state();
    if (request instanceof HelloRequest hello) {
      if (state.version() != 0) {
        // The encoding of messages and what the relay may send both follow the version, and
        // replies and events for it may be on their way: it holds for the connection's life.
        throw new RelayException(
            ErrorCode.BAD_FRAME,
            "this connection already speaks wire version "
                + state.version()
                + "; open a new one for another");
      }
      int version = ProtocolVersions.pick(hello.versions());
      if (version == 0) {
        throw new RelayException(ErrorCode.UNSUPPORTED_VERSION);
      }
      state.version(version);
      connection.reply(new HelloReply(hello.id(), version, relayName));
      return;
    }
    if (state.version() == 0) {
      throw new RelayException(ErrorCode.HELLO_REQUIRED);
    }
    if (request instanceof PingRequest) {
      connection.reply(new PongReply(request.id()));
    } else if (request instanceof RegisterRequest r) {
      connection.reply(registrations.register(connection, r));
    } else if (request instanceof LoginRequest r) {
      connection.reply(accounts.login(connection, r));
      presence.loggedIn(connection);
    } else if (request instanceof ResumeRequest r) {
      connection.reply(accounts.resume(connection, r));
      presence.loggedIn(connection);
    } else {
      requireSession(state);
      handleSession(connection, request);
    }
  }

  private static void requireSession(ConnectionState state) {
    if (state.version() == 0) {
      throw new RelayException(ErrorCode.HELLO_REQUIRED);
    }
    if (state.userKey().isEmpty()) {
      throw new RelayException(ErrorCode.AUTH_REQUIRED);
    }
  }

  private void handleSession(ClientConnection connection, Request request) {
    if (request instanceof LogoutRequest r) {
      connection.reply(accounts.logout(connection, r));
    } else if (request instanceof GetBundleRequest r) {
      connection.reply(accounts.bundle(r));
    } else if (request instanceof GetBundlesRequest r) {
      requireBundleCount(connection, r);
      connection.reply(accounts.bundles(r));
    } else if (request instanceof UpdateBundleRequest r) {
      connection.reply(accounts.updateBundle(connection, r, backups));
    } else if (request instanceof ChangePasswordRequest r) {
      connection.reply(passwords.change(connection, r));
    } else if (request instanceof JoinRequest r) {
      connection.reply(conversations.join(connection, r));
    } else if (request instanceof LeaveRequest r) {
      connection.reply(conversations.leave(connection, r));
    } else if (request instanceof ListRoomsRequest r) {
      connection.reply(conversations.rooms(connection, r));
    } else if (request instanceof ListMembersRequest r) {
      connection.reply(conversations.members(connection, r));
    } else if (request instanceof HistoryRequest r) {
      connection.reply(messaging.history(connection, r));
    } else if (request instanceof SyncRequest r) {
      connection.reply(messaging.sync(connection, r));
    } else if (request instanceof PutKeyBackupRequest r) {
      connection.reply(backups.put(connection, r));
    } else if (request instanceof GetKeyBackupRequest r) {
      connection.reply(backups.get(connection, r));
    } else if (request instanceof FileUploadRequest r) {
      requireVersion2(connection);
      connection.reply(files.upload(connection, r));
    } else if (request instanceof FileChunkRequest r) {
      requireVersion2(connection);
      connection.reply(files.chunk(connection, r));
    } else if (request instanceof FileFinishRequest r) {
      requireVersion2(connection);
      connection.reply(files.finish(connection, r));
    } else if (request instanceof FileStatusRequest r) {
      requireVersion2(connection);
      connection.reply(files.status(connection, r));
    } else if (request instanceof FileDownloadRequest r) {
      requireVersion2(connection);
      connection.reply(files.download(connection, r));
    } else if (request instanceof FileDeleteRequest r) {
      requireVersion2(connection);
      connection.reply(files.delete(connection, r));
    } else {
      handleSocial(connection, request);
    }
  }

  /**
   * Refuses a {@code get_bundles} naming more than {@link GetBundlesRequest#MAX_USERS} on a wire
   * version 5 connection, whose client knows the limit: their bundles might not fit a frame.
   */
  private static void requireBundleCount(ClientConnection connection, GetBundlesRequest request) {
    if (connection.state().version() >= ProtocolVersions.PAGED
        && request.usernames().size() > GetBundlesRequest.MAX_USERS) {
      throw new RelayException(
          ErrorCode.BAD_FRAME,
          "get_bundles takes at most " + GetBundlesRequest.MAX_USERS + " usernames; split it");
    }
  }

  /** Records a group administration action that succeeded, naming its actor. */
  private void admin(ClientConnection connection, String detail) {
    audit.record(connection, AuditType.ADMIN, connection.state().username().orElse(null), detail);
  }

  /**
   * Refuses a request that only wire version 2 has (groups, friends, presence, files, sessions) on
   * a version 1 connection: such a client could not read the reply.
   */
  private static void requireVersion2(ClientConnection connection) {
    if (connection.state().version() < ProtocolVersions.SOCIAL) {
      throw new RelayException(
          ErrorCode.BAD_FRAME, "this request needs wire version " + ProtocolVersions.SOCIAL);
    }
  }

  /** Friends, groups, presence and the sessions list: wire version 2 only. */
  private void handleSocial(ClientConnection connection, Request request) {
    requireVersion2(connection);
    if (request instanceof FriendUpdateRequest r) {
      connection.reply(friends.update(connection, r));
    } else if (request instanceof ListFriendsRequest r) {
      connection.reply(friends.list(connection, r));
    } else if (request instanceof SetPresenceRequest r) {
      connection.reply(presence.set(connection, r));
    } else if (request instanceof GroupCreateRequest r) {
      connection.reply(groups.create(connection, r));
      admin(connection, "created group " + r.room());
    } else if (request instanceof GroupMemberRequest r) {
      connection.reply(groups.member(connection, r));
      admin(
          connection,
          r.action().name().toLowerCase(java.util.Locale.ROOT)
              + " "
              + r.username()
              + " in "
              + r.room());
    } else if (request instanceof GroupRenameRequest r) {
      connection.reply(groups.rename(connection, r));
      admin(connection, "renamed group " + r.room());
    } else if (request instanceof GroupDisbandRequest r) {
      connection.reply(groups.disband(connection, r));
      admin(connection, "disbanded group " + r.room());
    } else if (request instanceof ListSessionsRequest r) {
      connection.reply(sessions.list(connection, r));
    } else if (request instanceof EndSessionRequest r) {
      connection.reply(sessions.end(connection, r));
    } else {
      throw new IllegalStateException("unhandled request " + request.getClass().getSimpleName());
    }
  }
}
