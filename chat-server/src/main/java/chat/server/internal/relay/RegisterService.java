package chat.server.internal.relay;

import chat.crypto.IdentityBundle;
import chat.protocol.CheckUsernameRequest;
import chat.protocol.ConversationIds;
import chat.protocol.ErrorCode;
import chat.protocol.MembershipChange;
import chat.protocol.ProtocolVersions;
import chat.protocol.RegisterReply;
import chat.protocol.RegisterRequest;
import chat.protocol.UsernameFreeReply;
import chat.protocol.UsernameSkeleton;
import chat.protocol.Usernames;
import chat.server.internal.audit.AuditLog;
import chat.server.internal.audit.AuditThrottle;
import chat.server.internal.audit.AuditType;
import chat.server.internal.auth.PasswordHasher;
import chat.server.internal.auth.RegistrationLimiter;
import chat.server.internal.storage.ConversationRepository;
import chat.server.internal.storage.MemberRepository;
import chat.server.internal.storage.UserRepository;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registration: checks the attempt against the per-address limit, the username, password and
 * bundle, and that no account has the name or one that looks like it, all before the one bcrypt
 * hash, so that a refused attempt costs no hashing. Audits the outcome; refusals from one address
 * are audited at most once a minute, with a count of those held back.
 */
public final class RegisterService {
  private static final Logger LOG = LoggerFactory.getLogger(RegisterService.class);

  private final Storage storage;
  private final UserRepository users;
  private final ConversationRepository conversations;
  private final MemberRepository members;
  private final RoomCapacity capacity;
  private final PasswordHasher hasher;
  private final RegistrationLimiter limiter;
  private final RegistrationLimiter nameChecks;
  private final AuditThrottle refusalAudits;

  /** Name checks refused past the address's limit, audited at most once a minute per address. */
  private final AuditThrottle checkLimitAudits = new AuditThrottle();

  private final Notifier notifier;
  private final Clock clock;
  private final AuditLog audit;
  private final LogIds logIds;

  /**
   * The service over its collaborators; see {@code Relay} for the wiring. {@code limiter} counts
   * registrations per address, {@code nameChecks} the {@code check_username} requests, apart.
   */
  public RegisterService(
      Storage storage,
      UserRepository users,
      ConversationRepository conversations,
      MemberRepository members,
      RoomCapacity capacity,
      PasswordHasher hasher,
      RegistrationLimiter limiter,
      RegistrationLimiter nameChecks,
      AuditThrottle refusalAudits,
      Notifier notifier,
      Clock clock,
      AuditLog audit,
      LogIds logIds) {
    this.storage = storage;
    this.users = users;
    this.conversations = conversations;
    this.members = members;
    this.capacity = capacity;
    this.hasher = hasher;
    this.limiter = limiter;
    this.nameChecks = nameChecks;
    this.refusalAudits = refusalAudits;
    this.notifier = notifier;
    this.clock = clock;
    this.audit = audit;
    this.logIds = logIds;
  }

  /**
   * Creates an account after checking, in order: the address's registration attempts ({@link
   * ErrorCode#RATE_LIMITED}, with the time to wait), the username, the password, the bundle, and
   * that no account has the name or one that looks like it ({@link UsernameSkeleton}); audits the
   * outcome (a refusal with its error code, and the username only if it is a valid one).
   */
  public RegisterReply register(ClientConnection connection, RegisterRequest request) {
    try {
      RegisterReply reply = createAccount(connection, request);
      audit.record(connection, AuditType.REGISTER, reply.username(), "");
      return reply;
    } catch (RelayException e) {
      long held = refusalAudits.admit(connection.limitAddress());
      if (held >= 0) {
        audit.record(
            connection,
            AuditType.REGISTER_FAILED,
            validOrNull(request.username()),
            e.code().name() + AuditThrottle.heldBack(held));
      }
      throw e;
    } finally {
      request.password().destroy();
    }
  }

  /**
   * Whether {@code request}'s name could be registered now (wire version 16): checked as a
   * registration checks the name, after the address's name checks ({@link ErrorCode#RATE_LIMITED},
   * counted apart from its registrations), and refused as a registration would refuse it ({@link
   * ErrorCode#INVALID_USERNAME}, {@link ErrorCode#USERNAME_TAKEN}). It tells what a registration's
   * refusal tells, without a password or a bundle, at as many tries an hour again; only a refusal
   * past the limit is audited ({@code RATE_LIMITED}, once a minute per address): no account
   * changes.
   */
  public UsernameFreeReply check(ClientConnection connection, CheckUsernameRequest request) {
    Requirement.requireVersion(connection.state(), ProtocolVersions.NAME_CHECK);
    long waitMillis = nameChecks.attempt(connection.limitAddress());
    if (waitMillis > 0) {
      long held = checkLimitAudits.admit(connection.limitAddress());
      if (held >= 0) {
        audit.record(
            connection,
            AuditType.RATE_LIMITED,
            null,
            "name checks (too many from this address)" + AuditThrottle.refusedSince(held));
      }
      throw tooMany("name checks", waitMillis);
    }
    String username = request.username();
    requireRegistrable(username);
    requireFree(
        storage.read(c -> taken(c, Usernames.key(username), UsernameSkeleton.of(username))),
        username);
    return new UsernameFreeReply(request.id(), username);
  }

  /** The refusal of an address past its limit on {@code what}, saying how long to wait. */
  private static RelayException tooMany(String what, long waitMillis) {
    return new RelayException(
        ErrorCode.RATE_LIMITED,
        "too many " + what + " from this address; retry in " + inWords(waitMillis));
  }

  private static void requireRegistrable(String username) {
    if (!Usernames.isValid(username)) {
      throw new RelayException(ErrorCode.INVALID_USERNAME);
    }
    if (Usernames.isReserved(username)) {
      throw new RelayException(ErrorCode.INVALID_USERNAME, Usernames.RESERVED_MESSAGE);
    }
  }

  private RegisterReply createAccount(ClientConnection connection, RegisterRequest request) {
    long waitMillis = limiter.attempt(connection.limitAddress());
    if (waitMillis > 0) {
      throw tooMany("registrations", waitMillis);
    }
    String username = request.username();
    requireRegistrable(username);
    PasswordCheck.requireAcceptable(request.password());
    IdentityBundle bundle = AccountService.parseBundle(request.bundle(), username);
    String key = Usernames.key(username);
    String skeleton = UsernameSkeleton.of(username);
    // Checked again in the transaction below (two registrations may race); checked here so that
    // a name that is taken costs no bcrypt.
    requireFree(storage.read(c -> taken(c, key, skeleton)), username);
    String hash = hasher.hash(request.password());
    Taken created =
        storage.write(
            c -> {
              long now = clock.millis();
              if (!users.insert(c, key, username, skeleton, hash, bundle.encode(), now)) {
                // Not stored: the name or its skeleton is taken, whichever look-up finds it.
                Taken taken = taken(c, key, skeleton);
                return taken == Taken.NO ? Taken.LOOKALIKE : taken;
              }
              conversations.ensureRoom(c, ConversationIds.LOBBY, now);
              if (!capacity.hasSpace(c, ConversationIds.LOBBY)) {
                return Taken.NO_LOBBY_FULL;
              }
              members.add(c, ConversationIds.LOBBY, key, now);
              return Taken.NO;
            });
    requireFree(created, username);
    if (created == Taken.NO) {
      notifier.membership(ConversationIds.LOBBY, key, username, MembershipChange.JOINED);
    } else {
      LOG.warn(
          "{} is full (--max-room-members): {} registered outside it",
          ConversationIds.LOBBY,
          logIds.user(key));
    }
    LOG.info("registered {} from {}", logIds.user(key), connection.logId());
    return new RegisterReply(request.id(), username);
  }

  private Taken taken(java.sql.Connection c, String key, String skeleton)
      throws java.sql.SQLException {
    if (users.find(c, key).isPresent()) {
      return Taken.NAME;
    }
    return users.skeletonTaken(c, skeleton) ? Taken.LOOKALIKE : Taken.NO;
  }

  private static void requireFree(Taken taken, String username) {
    if (taken == Taken.NAME) {
      throw new RelayException(ErrorCode.USERNAME_TAKEN);
    }
    if (taken == Taken.LOOKALIKE) {
      throw new RelayException(ErrorCode.USERNAME_TAKEN, lookalikeMessage(username));
    }
  }

  /** Whether an account has a name, and which way. */
  private enum Taken {
    NO,
    /** Not taken, and the account was stored, but #lobby is full: the account is in no room. */
    NO_LOBBY_FULL,
    /** An account has the same name, ignoring case. */
    NAME,
    /** An account has a name that looks like it: the same {@link UsernameSkeleton}. */
    LOOKALIKE
  }

  /**
   * The refusal of a name that looks like an existing one. It does not say which name: a person
   * picks another either way, and naming it would tell a prober, for one guess, a registered name
   * it did not type.
   */
  private static String lookalikeMessage(String username) {
    return "the name " + username + " is too like an existing account's name";
  }

  /** {@code typed} if it is a valid username, else null: a mistyped password must not be kept. */
  static String validOrNull(String typed) {
    return Usernames.isValid(typed) ? typed : null;
  }

  /** A wait as people say it: "42 seconds", "1 minute", "17 minutes" (rounded up). */
  static String inWords(long millis) {
    long seconds = Math.max(1, TimeUnit.MILLISECONDS.toSeconds(millis + 999));
    if (seconds < 60) {
      return seconds + (seconds == 1 ? " second" : " seconds");
    }
    long minutes = (seconds + 59) / 60;
    return minutes + (minutes == 1 ? " minute" : " minutes");
  }
}
