package chat.cli;

import chat.protocol.ErrorCode;
import chat.protocol.Usernames;
import java.util.Objects;

/**
 * A failure a command reports to the person at the terminal: one line of text and an {@link
 * ExitCode}. The closed set of kinds and their exit codes are all in this file; {@link ChatCommand}
 * prints {@code chat: <message>} and exits with the code. Messages never contain passphrases, key
 * material or plaintext.
 */
public abstract sealed class CommandException extends RuntimeException {
  private final ExitCode exitCode;

  private CommandException(ExitCode exitCode, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.exitCode = exitCode;
  }

  /** The exit code for this kind of failure. */
  public ExitCode exitCode() {
    return exitCode;
  }

  /** A bad or refused request on the command line: exit 1. */
  public static sealed class Usage extends CommandException {
    /** A usage failure with a one-line message. */
    public Usage(String message) {
      super(ExitCode.USAGE, message, null);
    }

    /**
     * {@code typed} is no username: the rule ({@link chat.protocol.Usernames#RULE}), and the value
     * as typed, with what the terminal would hide written out ({@link TerminalSafe#typed}).
     */
    public static Usage notAUsername(String typed) {
      return new Usage(Usernames.RULE + " (got '" + TerminalSafe.typed(typed) + "')");
    }

    /**
     * {@code typed} is no room name: the rule, and the value as typed, as {@link #notAUsername}.
     */
    public static Usage notARoomName(String typed) {
      return new Usage(
          "room names are 1-64 characters of a-z 0-9 _ - (got '"
              + TerminalSafe.typed(typed)
              + "')");
    }
  }

  /**
   * The owner of a group tried to leave it ({@code OWNER_MUST_TRANSFER}): exit 1. Front ends say
   * how, in their own words: hand the group over, or disband it.
   */
  public static final class OwnerCannotLeave extends Usage {
    /** The refusal, in the relay's words. */
    public OwnerCannotLeave(String message) {
      super(message);
    }
  }

  /** The relay has no account of the name asked about ({@code NO_SUCH_USER}): exit 1. */
  public static final class NoSuchUser extends Usage {
    /** The refusal, in the relay's words. */
    public NoSuchUser(String message) {
      super(message);
    }
  }

  /**
   * A decline of a room the user is a member of, not invited to: exit 1, as any {@link Usage}. The
   * message ({@code you are a member of #team, not invited to it}) says no command: each front end
   * adds how a room is left there, from {@link #room}.
   */
  public static final class MemberNotInvited extends Usage {
    private final String room;

    /** The refusal for {@code room}, e.g. {@code #team}. */
    public MemberNotInvited(String room) {
      super("you are a member of " + Objects.requireNonNull(room, "room") + ", not invited to it");
      this.room = room;
    }

    /** The room declined, e.g. {@code #team}. */
    public String room() {
      return room;
    }
  }

  /**
   * The relay's refusal of a request for a conversation this user is not in ({@code NOT_MEMBER}):
   * exit 1, as any {@link Usage}. The relay's message says "this conversation"; the client names
   * the one asked for ({@link #naming}), as a command may name a mistyped one.
   */
  public static final class NotMember extends Usage {
    /** The refusal as the relay words it. */
    public NotMember(String message) {
      super(message);
    }

    /** The refusal naming {@code label} ({@code #ops}, {@code @bob}). */
    public static NotMember naming(String label) {
      return new NotMember("you are not in " + Objects.requireNonNull(label, "label"));
    }
  }

  /**
   * A file id that names no offer, several, or is not an id: exit 1, as any {@link Usage}. The
   * message ({@code no file offer 3f2a in the recent history of your conversations}) says no
   * command: each front end adds how the files are listed there.
   */
  public static final class FileIdRefused extends Usage {
    /** The refusal, without a command. */
    public FileIdRefused(String message) {
      super(message);
    }
  }

  /**
   * The relay's refusal of a request, in words written for people ({@code BANNED}, {@code
   * INVALID_TARGET}, {@code LIMIT_REACHED}, ...): exit 1, as any {@link Usage}. Its {@link #code}
   * tells a command that asks for several users in turn whether the refusal concerned one of them
   * or the request as a whole.
   */
  public static final class Refused extends Usage {
    private final ErrorCode code;

    /** The refusal {@code code}, in the relay's words. */
    public Refused(ErrorCode code, String message) {
      super(message);
      this.code = Objects.requireNonNull(code, "code");
    }

    /** The relay's error code. */
    public ErrorCode code() {
      return code;
    }
  }

  /** The key file would not unlock, or no acceptable passphrase was given: exit 2. */
  public static sealed class Auth extends CommandException {
    /** Which secret a failure refused: a front end then says where that secret came from. */
    public enum Refused {
      /** The account password (the relay refused it). */
      PASSWORD,
      /** The key file's passphrase (the key file or its backup did not open with it). */
      PASSPHRASE,
      /** A password chosen for an account (too short). */
      NEW_PASSWORD,
      /** A passphrase chosen for the keys (too short). */
      NEW_PASSPHRASE;

      /** What a person calls it: {@code password} or {@code passphrase}. */
      public String noun() {
        return this == PASSWORD || this == NEW_PASSWORD ? "password" : "passphrase";
      }
    }

    private final Refused refused;

    /** An authentication failure with a one-line message. */
    public Auth(String message, Throwable cause) {
      this(message, cause, null);
    }

    /** An authentication failure that refused the secret {@code refused} (null: none). */
    public Auth(String message, Throwable cause, Refused refused) {
      super(ExitCode.AUTH, message, cause);
      this.refused = refused;
    }

    /** The secret this failure refused, if it refused one and does not say where it came from. */
    public java.util.Optional<Refused> refused() {
      return java.util.Optional.ofNullable(refused);
    }

    /**
     * This failure, saying that the secret it refused came from {@code source} (a variable's name
     * or a file), so that nobody retypes a secret that was never asked for. Never its value.
     */
    public Auth givenIn(String source) {
      Objects.requireNonNull(source, "source");
      if (refused == null) {
        return this;
      }
      return new Auth(
          getMessage() + " (the " + refused.noun() + " from " + source + ")", getCause(), null);
    }
  }

  /**
   * A session that the relay no longer accepts: it was ended (a logout or {@code sessions end} on
   * another device, a password change) or it expired. Exit 2, as any {@link Auth}; no password was
   * refused, so it never says that one was. The message ({@code the session for bob was ended or
   * has expired}) says no command: each front end adds how to log in again there, for {@link
   * #user}.
   */
  public static final class SessionEnded extends Auth {
    private final String user;
    private final boolean suspended;

    private SessionEnded(String user, String message) {
      this(user, message, false);
    }

    private SessionEnded(String user, String message, boolean suspended) {
      super(message, null, null);
      this.user = user;
      this.suspended = suspended;
    }

    /**
     * The relay ended {@code user}'s session, or refused its token, because its operator suspended
     * the account; {@code refusal} is the {@link AccountSuspended} that says so.
     */
    public static SessionEnded suspended(String user, AccountSuspended refusal) {
      return new SessionEnded(Objects.requireNonNull(user, "user"), refusal.getMessage(), true);
    }

    /**
     * Whether the account was suspended: then logging in again cannot help until the relay's
     * operator lifts the suspension, and no front end says to.
     */
    public boolean suspended() {
      return suspended;
    }

    /** The relay refused the session token of {@code user} that a resume sent. */
    public static SessionEnded refused(String user) {
      return new SessionEnded(
          Objects.requireNonNull(user, "user"),
          "the session for "
              + user
              + " was ended (logged out or ended from a sessions list on another device, or the"
              + " password was changed) or has expired");
    }

    /** The relay closed {@code user}'s connection because the session was ended elsewhere. */
    public static SessionEnded endedElsewhere(String user) {
      return new SessionEnded(
          Objects.requireNonNull(user, "user"),
          "the session for "
              + user
              + " was ended from another device (logged out there, ended from a sessions list, or"
              + " the account password was changed)");
    }

    /** The user whose session it was. */
    public String user() {
      return user;
    }
  }

  /**
   * The relay refused a login or a resume because its operator suspended the account ({@code
   * ACCOUNT_SUSPENDED}): exit 2, as any {@link Auth}. The message quotes the relay's, with the
   * operator's reason if any; no secret was refused.
   */
  public static final class AccountSuspended extends Auth {
    /** The refusal, with the message a person sees. */
    public AccountSuspended(String message) {
      super(message, null, null);
    }
  }

  /** A public key that cannot be used: invalid or forged bundle, or the wrong sender: exit 4. */
  public static final class KeyRejected extends CommandException {
    /** A rejected-key failure with a one-line message. */
    public KeyRejected(String message, Throwable cause) {
      super(ExitCode.KEY_REJECTED, message, cause);
    }
  }

  /** The relay cannot be reached, its certificate changed, or it failed the request: exit 3. */
  public static final class Network extends CommandException {
    private final ErrorCode relayCode;

    /** A network or relay failure with a one-line message. */
    public Network(String message, Throwable cause) {
      this(message, cause, null);
    }

    /** The relay's refusal with {@code relayCode}, a code the client has no failure kind for. */
    public Network(String message, Throwable cause, ErrorCode relayCode) {
      super(ExitCode.NETWORK, message, cause);
      this.relayCode = relayCode;
    }

    /**
     * The error code of the relay's refusal this failure is, or null for a failure of the link
     * itself (no connection, a timeout, an answer that made no sense).
     */
    public ErrorCode relayCode() {
      return relayCode;
    }

    /**
     * Whether the relay presented another certificate than the one pinned for it: no retry can fix
     * that.
     */
    public boolean certificateChanged() {
      return getCause() instanceof java.security.cert.CertificateException;
    }
  }

  /** A contact's key changed and was not accepted, or a safety number differs: exit 4. */
  public static sealed class Untrusted extends CommandException {
    /** An untrusted-key failure with a one-line message. */
    public Untrusted(String message) {
      super(ExitCode.KEY_REJECTED, message, null);
    }
  }

  /**
   * A send refused once because the relay lists members of {@link #conversation} this client was
   * never told about: exit 4, as any {@link Untrusted}. The message ({@code not sent: the relay
   * lists members of #side this client was never told about: mallory}) says no command: each front
   * end adds how the members are listed there.
   */
  public static final class MembersUnannounced extends Untrusted {
    private final String conversation;
    private final String label;

    /**
     * Nothing was sent to {@code conversation}, named {@code label} as the person names it ({@code
     * #side}, or {@code @bob} for a private one), where the relay lists {@code members}.
     */
    public MembersUnannounced(String conversation, String label, java.util.List<String> members) {
      super(
          "not sent: the relay lists members of "
              + label
              + " this client was never told about: "
              + String.join(", ", members));
      this.conversation = conversation;
      this.label = label;
    }

    /** The conversation nothing was sent to. */
    public String conversation() {
      return conversation;
    }

    /** The conversation as the person names it. */
    public String label() {
      return label;
    }
  }

  /**
   * Contacts whose keys changed and are not accepted yet stopped a command: exit 4, as any {@link
   * Untrusted}. The message ({@code the key of bob changed; nothing was sent}) says no command:
   * each front end adds how a safety number is compared and a key accepted there, for {@link
   * #users}.
   */
  public static final class KeysChanged extends Untrusted {
    /** What the changed keys stopped. */
    public enum Stopped {
      /** A message or file: nothing was sent. */
      SENDING,
      /** Marking the contact verified. */
      VERIFYING
    }

    private final java.util.List<String> users;
    private final Stopped stopped;

    private KeysChanged(java.util.List<String> users, Stopped stopped, String message) {
      super(message);
      this.users = java.util.List.copyOf(users);
      this.stopped = stopped;
    }

    /** Nothing was sent to a conversation where the keys of {@code users} changed. */
    public static KeysChanged sending(java.util.List<String> users) {
      if (users.isEmpty()) {
        throw new IllegalArgumentException("no users");
      }
      String message =
          users.size() == 1
              ? "the key of " + users.get(0) + " changed; nothing was sent"
              : "the keys of " + String.join(", ", users) + " changed; nothing was sent";
      return new KeysChanged(users, Stopped.SENDING, message);
    }

    /** {@code user} cannot be marked verified: their changed key is not accepted yet. */
    public static KeysChanged verifying(String user) {
      return new KeysChanged(
          java.util.List.of(Objects.requireNonNull(user, "user")),
          Stopped.VERIFYING,
          user + "'s key changed");
    }

    /** The contacts whose keys changed, as named. */
    public java.util.List<String> users() {
      return users;
    }

    /** What the changed keys stopped. */
    public Stopped stopped() {
      return stopped;
    }
  }

  /** The relay refused for now (rate limit): exit 5. */
  public static final class RateLimited extends CommandException {
    /** A rate-limit failure with a one-line message. */
    public RateLimited(String message) {
      super(ExitCode.RATE_LIMITED, message, null);
    }
  }

  /** An envelope that is not for us, forged, altered or not an envelope: exit 6. */
  public static final class EnvelopeRejected extends CommandException {
    /** A rejected-envelope failure with a one-line message. */
    public EnvelopeRejected(String message, Throwable cause) {
      super(ExitCode.ENVELOPE_REJECTED, message, cause);
    }
  }

  /** A file or stream that could not be read or written: exit 7. */
  public static sealed class FileAccess extends CommandException {
    /** An I/O failure with a one-line message. */
    public FileAccess(String message, Throwable cause) {
      super(ExitCode.IO, message, cause);
    }

    /**
     * This failure, said by a command that stopped before it sent its change to the relay: a full
     * or read-only profile is the usual cause, and the change can simply be run again.
     */
    public FileAccess nothingSent() {
      return new FileAccess(
          getMessage() + " (nothing was sent: free some space there or make it writable)", this);
    }
  }

  /**
   * A file of the profile that does not read as what the client writes there (a hand edit, a disk
   * fault), as against one that cannot be read or written at all: exit 7, as any {@link
   * FileAccess}. Nothing is written over it; its message says to move it away.
   */
  public static final class DamagedFile extends FileAccess {
    /** The failure with a one-line message. */
    public DamagedFile(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
