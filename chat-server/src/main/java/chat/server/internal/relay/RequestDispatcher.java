package chat.server.internal.relay;

import static chat.server.internal.relay.Requirement.HELLO;
import static chat.server.internal.relay.Requirement.NOTHING;
import static chat.server.internal.relay.Requirement.SESSION;
import static chat.server.internal.relay.Requirement.SOCIAL;

import chat.protocol.BundlesReply;
import chat.protocol.ChangePasswordRequest;
import chat.protocol.CheckUsernameRequest;
import chat.protocol.DeleteMessagesRequest;
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
import chat.protocol.ListBansRequest;
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
import chat.protocol.ReportRequest;
import chat.protocol.Request;
import chat.protocol.ResumeRequest;
import chat.protocol.SendRequest;
import chat.protocol.SetPresenceRequest;
import chat.protocol.SyncRequest;
import chat.protocol.UpdateBundleRequest;
import chat.server.internal.audit.AuditLog;
import chat.server.internal.audit.AuditThrottle;
import chat.server.internal.audit.AuditType;
import chat.server.internal.auth.HashingBusyException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place every request kind is handled: routes it by its class through {@link #ROUTES},
 * which says what each kind needs (hello first, and only once; login; wire version 2) and what the
 * relay does with it, and turns every failure into an error reply (internal failures carry no
 * detail).
 */
public final class RequestDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

  /** The message of the {@link ErrorCode#RATE_LIMITED} sent when every bcrypt slot is taken. */
  static final String BUSY_MESSAGE =
      "the relay is busy checking other passwords; retry in a few seconds";

  /**
   * Every request kind: what it needs of the connection and what the relay does with it, given the
   * dispatcher {@code d}, the connection {@code c} and the request {@code r}. A send is {@link
   * #pipelined}: its step, both parts in turn, runs only when {@link #dispatch} is handed one.
   */
  static final RequestTable ROUTES =
      RequestTable.builder()
          .reply(HelloRequest.class, NOTHING, RequestDispatcher::hello)
          .reply(PingRequest.class, HELLO, (d, c, r) -> new PongReply(r.id()))
          .reply(RegisterRequest.class, HELLO, (d, c, r) -> d.registrations.register(c, r))
          .reply(CheckUsernameRequest.class, HELLO, (d, c, r) -> d.registrations.check(c, r))
          .reply(
              LoginRequest.class,
              HELLO,
              (d, c, r) -> d.accounts.login(c, r),
              (d, c, r) -> d.presence.loggedIn(c))
          .reply(
              ResumeRequest.class,
              HELLO,
              (d, c, r) -> d.accounts.resume(c, r),
              (d, c, r) -> d.presence.loggedIn(c))
          .reply(LogoutRequest.class, SESSION, (d, c, r) -> d.accounts.logout(c, r))
          .reply(GetBundleRequest.class, SESSION, (d, c, r) -> d.accounts.bundle(r))
          .reply(GetBundlesRequest.class, SESSION, RequestDispatcher::bundles)
          .reply(
              UpdateBundleRequest.class,
              SESSION,
              (d, c, r) -> d.accounts.updateBundle(c, r, d.backups))
          .reply(ChangePasswordRequest.class, SESSION, (d, c, r) -> d.passwords.change(c, r))
          .pipelined(SendRequest.class, SESSION, (d, c, r) -> d.startSend(c, r).join().run())
          .reply(JoinRequest.class, SESSION, (d, c, r) -> d.conversations.join(c, r))
          .reply(LeaveRequest.class, SESSION, (d, c, r) -> d.conversations.leave(c, r))
          .reply(ListRoomsRequest.class, SESSION, (d, c, r) -> d.conversations.rooms(c, r))
          .reply(ListMembersRequest.class, SESSION, (d, c, r) -> d.conversations.members(c, r))
          .reply(HistoryRequest.class, SESSION, (d, c, r) -> d.messaging.history(c, r))
          .reply(SyncRequest.class, SESSION, (d, c, r) -> d.messaging.sync(c, r))
          .reply(PutKeyBackupRequest.class, SESSION, (d, c, r) -> d.backups.put(c, r))
          .reply(GetKeyBackupRequest.class, SESSION, (d, c, r) -> d.backups.get(c, r))
          .reply(FileUploadRequest.class, SOCIAL, (d, c, r) -> d.files.upload(c, r))
          .reply(FileChunkRequest.class, SOCIAL, (d, c, r) -> d.files.chunk(c, r))
          .reply(FileFinishRequest.class, SOCIAL, (d, c, r) -> d.files.finish(c, r))
          .reply(FileStatusRequest.class, SOCIAL, (d, c, r) -> d.files.status(c, r))
          .reply(FileDownloadRequest.class, SOCIAL, (d, c, r) -> d.files.download(c, r))
          .reply(FileDeleteRequest.class, SOCIAL, (d, c, r) -> d.files.delete(c, r))
          .reply(FriendUpdateRequest.class, SOCIAL, (d, c, r) -> d.friends.update(c, r))
          .reply(ListFriendsRequest.class, SOCIAL, (d, c, r) -> d.friends.list(c, r))
          .reply(SetPresenceRequest.class, SOCIAL, (d, c, r) -> d.presence.set(c, r))
          .reply(ReportRequest.class, SESSION, (d, c, r) -> d.reports.report(c, r))
          .reply(
              GroupCreateRequest.class,
              SOCIAL,
              (d, c, r) -> d.groups.create(c, r),
              (d, c, r) -> d.admin(c, "created group " + r.room()))
          .reply(
              GroupMemberRequest.class,
              SOCIAL,
              (d, c, r) -> d.groups.member(c, r),
              (d, c, r) -> d.admin(c, memberAction(r)))
          .reply(
              GroupRenameRequest.class,
              SOCIAL,
              (d, c, r) -> d.groups.rename(c, r),
              (d, c, r) -> d.admin(c, "renamed group " + r.room() + " to \"" + r.title() + "\""))
          .reply(
              GroupDisbandRequest.class,
              SOCIAL,
              (d, c, r) -> d.groups.disband(c, r),
              (d, c, r) -> d.admin(c, "disbanded group " + r.room()))
          .reply(ListBansRequest.class, SOCIAL, (d, c, r) -> d.groups.bans(c, r))
          .reply(DeleteMessagesRequest.class, SESSION, (d, c, r) -> d.deletions.delete(c, r))
          .reply(ListSessionsRequest.class, SOCIAL, (d, c, r) -> d.sessions.list(c, r))
          .reply(EndSessionRequest.class, SOCIAL, (d, c, r) -> d.sessions.end(c, r))
          .build();

  private final String relayName;
  private final AccountService accounts;
  private final RegisterService registrations;
  private final PasswordService passwords;
  private final ConversationService conversations;
  private final MessagingService messaging;
  private final KeyBackupService backups;
  private final AuditLog audit;

  /**
   * Refusals because every bcrypt slot was taken, reported (a warning, an audit row) at most once a
   * minute for the whole relay, each report saying how many were held back since the last: a flood
   * is one line a minute, and an operator learns of it without DEBUG logging.
   */
  private final AuditThrottle busyReports = new AuditThrottle();

  private final GroupService groups;
  private final FriendService friends;
  private final PresenceService presence;
  private final FileService files;
  private final SessionService sessions;
  private final DeleteService deletions;
  private final ReportService reports;

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
      DeleteService deletions,
      ReportService reports,
      AuditLog audit) {
    this.sessions = sessions;
    this.reports = reports;
    this.deletions = deletions;
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
    run(connection, request, () -> handle(connection, request));
  }

  /**
   * Whether {@code request} is handled in two parts ({@link #start}, then {@link #finish}) so that
   * the connection's next requests need not wait for the first part's write to be durable: a send.
   */
  public static boolean pipelined(Request request) {
    return ROUTES.route(request.getClass()).map(RequestTable.Route::pipelined).orElse(false);
  }

  /**
   * The first part of a {@link #pipelined} request: its checks and its write queued. The future
   * never fails: it completes, once the write is durable or refused, with the second part, which
   * {@link #finish} runs (replying, and for a send fanning the message out; or replying with the
   * refusal).
   */
  public CompletableFuture<Runnable> start(ClientConnection connection, Request request) {
    try {
      route(request).requirement().check(connection.state());
      return startSend(connection, (SendRequest) request);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(
          () -> {
            throw e;
          });
    }
  }

  /** The first part of a send whose requirement is met, as {@link #start} describes it. */
  private CompletableFuture<Runnable> startSend(ClientConnection connection, SendRequest request) {
    return messaging
        .start(connection, request)
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
  }

  /**
   * Says that {@code request} was refused because password hashing was busy: in the log and the
   * audit log ({@code RATE_LIMITED}, {@code password hashing busy}) at most once a minute, with how
   * many more were refused since; at DEBUG otherwise.
   */
  private void reportBusy(ClientConnection connection, Request request) {
    long held = busyReports.admit(HashingBusyException.class);
    if (held < 0) {
      LOG.debug(
          "password hashing busy: refused {} on {}",
          request.getClass().getSimpleName(),
          connection.logId());
      return;
    }
    String more = AuditThrottle.refusedSince(held);
    LOG.warn(
        "password hashing busy: refused {} on {}{} (at most one such line a minute; see"
            + " --bcrypt-threads)",
        request.getClass().getSimpleName(),
        connection.logId(),
        more);
    audit.record(connection, AuditType.RATE_LIMITED, null, "password hashing busy" + more);
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
      reportBusy(connection, request);
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
    route(request).run(this, connection, request);
  }

  private static RequestTable.Route<?> route(Request request) {
    return ROUTES
        .route(request.getClass())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "unhandled request " + request.getClass().getSimpleName()));
  }

  /**
   * Picks the wire version once for the connection's life and answers with it: the encoding of
   * messages and what the relay may send both follow the version, and replies and events for it may
   * be on their way.
   */
  private HelloReply hello(ClientConnection connection, HelloRequest hello) {
    ConnectionState state = connection.state();
    if (state.version() != 0) {
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
    return new HelloReply(hello.id(), version, relayName);
  }

  /**
   * Refuses a {@code get_bundles} naming more than {@link GetBundlesRequest#MAX_USERS} on a wire
   * version 5 connection, whose client knows the limit: their bundles might not fit a frame.
   */
  private BundlesReply bundles(ClientConnection connection, GetBundlesRequest request) {
    if (connection.state().version() >= ProtocolVersions.PAGED
        && request.usernames().size() > GetBundlesRequest.MAX_USERS) {
      throw new RelayException(
          ErrorCode.BAD_FRAME,
          "get_bundles takes at most " + GetBundlesRequest.MAX_USERS + " usernames; split it");
    }
    return accounts.bundles(request);
  }

  /** Records a group administration action that succeeded, naming its actor. */
  private void admin(ClientConnection connection, String detail) {
    audit.record(connection, AuditType.ADMIN, connection.state().username().orElse(null), detail);
  }

  /**
   * What a group member action is audited as: e.g. {@code invite bob in #team}, {@code ban bob in
   * #team for 60 minutes ("spam")}.
   */
  private static String memberAction(GroupMemberRequest request) {
    return request.action().name().toLowerCase(Locale.ROOT)
        + " "
        + request.username()
        + " in "
        + request.room()
        + (request.minutes() == null
            ? ""
            : " for " + request.minutes() + (request.minutes() == 1 ? " minute" : " minutes"))
        + (request.reason() == null ? "" : " (\"" + request.reason() + "\")");
  }
}
