package chat.protocol;

import java.util.List;
import java.util.stream.Collectors;

/** The protocol versions and the rule for picking one in the hello exchange. */
public final class ProtocolVersions {
  /** The current protocol version. */
  public static final int CURRENT = 17;

  /**
   * The first version with friends, groups with roles and away presence: the frames, error codes
   * and fields added for them are never sent on a version 1 connection.
   */
  public static final int SOCIAL = 2;

  /**
   * The first version in which {@code send} and {@code event.message} travel as binary bodies (see
   * {@link FrameCodec}); it adds nothing else.
   */
  public static final int BINARY = 3;

  /**
   * The first version whose {@code send_ok} carries {@code storedAtMillis}, the relay's store time,
   * so the sender shows its own message at the time every other member sees; it adds nothing else.
   */
  public static final int STORE_TIME = 4;

  /**
   * The first version whose clients send {@code put_key_backup} with the account's {@code
   * password}. It came during version 4, unannounced: relays of versions 1 to 3, and of 4 from
   * before it, refuse the field as unknown; later ones need it from a client of version 4 or later,
   * and take a backup without it from an older client only on a connection it logged in to with its
   * password. Not a version of its own (not in {@link #SUPPORTED}).
   */
  public static final int KEY_BACKUP_PASSWORD = STORE_TIME;

  /**
   * The first version whose {@code list_rooms} and {@code list_members} replies come in pages (an
   * optional {@code after} cursor in the request, a {@code next} cursor in the reply), whose {@code
   * get_bundles} takes at most {@link GetBundlesRequest#MAX_USERS} names, and which has the error
   * code {@link ErrorCode#REPLY_TOO_LARGE}.
   */
  public static final int PAGED = 5;

  /**
   * The first version whose {@code list_friends} reply comes in pages as {@code list_members} does
   * (an optional {@code after} cursor in the request, a {@code next} cursor in the reply, entries
   * in order of lowercase usernames); it adds nothing else.
   */
  public static final int PAGED_FRIENDS = 6;

  /**
   * The first version in which {@code leave} closes a direct conversation for the caller ({@code
   * room} may be {@code @a+b}) and {@code join} opens it again, and whose connections hear {@code
   * event.membership} when their own user closes or opens one on another connection.
   */
  public static final int CLOSE_DIRECT = 7;

  /**
   * The first version in which {@code history_ok} and {@code sync_ok} travel as binary bodies (see
   * {@link FrameCodec}), each message's per-recipient form as raw bytes; it adds nothing else.
   */
  public static final int BINARY_PAGES = 8;

  /**
   * The first version whose connections hear {@code event.presence} about their own user's away
   * state, said on another of the user's connections, and get it after their login when the user is
   * away; it adds nothing else.
   */
  public static final int OWN_AWAY = 9;

  /**
   * The first version with the error code {@link ErrorCode#ACCOUNT_SUSPENDED} (a login or resume of
   * an account the relay's operator suspended is refused with it, and the relay closes the
   * account's connections with it when the suspension begins; an older connection gets {@link
   * ErrorCode#AUTH_FAILED} with the same message instead), and with the optional {@code reason} of
   * a kick or ban ({@link GroupMemberRequest#reason}, {@link GroupEvent#reason}).
   */
  public static final int MODERATION = 10;

  /**
   * The first version with {@code list_bans} and its reply {@code bans} (a group's owner and admins
   * list who is banned, by whom, when and why), and with timed bans: a {@code group_member} ban may
   * give {@code minutes}, and its {@code event.group} then carries {@code untilMillis}.
   */
  public static final int BAN_LIST = 11;

  /**
   * The first version with mutes: a {@code group_member} action {@code mute} (with an optional
   * {@code reason} and {@code minutes}) or {@code unmute}, the {@code event.group} changes {@code
   * muted} and {@code unmuted}, the error code {@link ErrorCode#MUTED} for a muted member's send or
   * upload (an older connection gets {@link ErrorCode#NOT_GROUP_ADMIN} with the same message), and
   * a group member entry's {@code muted} and {@code mutedUntilMillis} ({@link MemberInfo}).
   */
  public static final int MUTE = 12;

  /**
   * The first version with {@code delete_messages} and its reply {@code deleted} (a sender deletes
   * their messages, a group's owner or admin those of the members they outrank), the event {@code
   * event.deleted} that tells a conversation's members, and the error codes {@link
   * ErrorCode#NO_SUCH_MESSAGE} and {@link ErrorCode#NOT_YOUR_MESSAGE}.
   */
  public static final int DELETE = 13;

  /**
   * The first version whose connections hear {@code event.friend} about their own user's friend
   * changes made on another of the user's connections ({@link FriendEvent#own}); it adds nothing
   * else.
   */
  public static final int OWN_FRIENDS = 14;

  /**
   * The first version whose {@code login_ok} and {@code resume_ok} give, for each conversation, the
   * id of the message the relay holds under its newest number ({@link ConversationState#lastId}),
   * so that a client whose cursor is that number can tell a relay restored from a backup; it adds
   * nothing else.
   */
  public static final int NEWEST_ID = 15;

  /**
   * The first version with {@code check_username} and its reply {@code username_free}: before a
   * login, whether a name could be registered now, so that a client says a taken name before it
   * asks for the new account's secrets; it adds nothing else.
   */
  public static final int NAME_CHECK = 16;

  /**
   * The first version with {@code report} and its reply {@code reported}: a user reports another to
   * the relay's operator, with a reason, kept in the relay's audit log; it adds nothing else.
   */
  public static final int REPORT = 17;

  /** Every version this build speaks, newest first. */
  public static final List<Integer> SUPPORTED =
      List.of(
          REPORT,
          NAME_CHECK,
          NEWEST_ID,
          OWN_FRIENDS,
          DELETE,
          MUTE,
          BAN_LIST,
          MODERATION,
          OWN_AWAY,
          BINARY_PAGES,
          CLOSE_DIRECT,
          PAGED_FRIENDS,
          PAGED,
          STORE_TIME,
          BINARY,
          SOCIAL,
          1);

  /**
   * What a client offers in its hello: the newest {@link HelloRequest#MAX_VERSIONS} of {@link
   * #SUPPORTED}, since a relay refuses a longer list (this build: 17 down to 2, so it no longer
   * talks to a relay that speaks version 1 only; the relay still speaks 1 to older clients).
   */
  public static final List<Integer> OFFERED =
      SUPPORTED.subList(0, Math.min(SUPPORTED.size(), HelloRequest.MAX_VERSIONS));

  private ProtocolVersions() {}

  /**
   * The line the relay prints for {@code --version}, every version it speaks: {@code wire protocol
   * 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}.
   */
  public static String versionLine() {
    return versionLine(SUPPORTED);
  }

  /** {@code wire protocol} and {@code versions}, comma-separated: what a {@code --version} says. */
  public static String versionLine(List<Integer> versions) {
    return "wire protocol "
        + versions.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  /** The newest version in both {@code offered} and {@link #SUPPORTED}, or 0 if none. */
  public static int pick(List<Integer> offered) {
    for (int version : SUPPORTED) {
      if (offered.contains(version)) {
        return version;
      }
    }
    return 0;
  }
}
