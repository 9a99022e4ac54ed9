package chat.cli.client;

import java.time.Instant;
import java.util.Objects;

/**
 * A member of a conversation as the member list shows it.
 *
 * @param username the member's username (from the network: display through TerminalSafe)
 * @param online whether the relay reports them online (away counts as online)
 * @param trust this client's trust in their key
 * @param role their role, for groups; {@link MemberRole#MEMBER} elsewhere
 * @param presence online, away (with the message) or offline
 * @param muted whether they are muted in the group: they read it but may not post to it
 * @param mutedUntil when their mute ends by itself; null for a mute until lifted, or none
 */
public record MemberView(
    String username,
    boolean online,
    TrustState trust,
    MemberRole role,
    Presence presence,
    boolean muted,
    Instant mutedUntil) {
  /** Checks for nulls and that {@code online} and {@code presence} agree. */
  public MemberView {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(presence, "presence");
    if (online != presence.isOnline()) {
      throw new IllegalArgumentException("online and presence disagree");
    }
    if (mutedUntil != null && !muted) {
      throw new IllegalArgumentException("mutedUntil goes with muted");
    }
  }

  /** A member who is not muted. */
  public MemberView(
      String username, boolean online, TrustState trust, MemberRole role, Presence presence) {
    this(username, online, trust, role, presence, false, null);
  }

  /** A plain member, online or offline. */
  public MemberView(String username, boolean online, TrustState trust) {
    this(username, online, trust, MemberRole.MEMBER, Presence.of(online));
  }

  /**
   * Whether their mute is in force at {@code now}: a timed one ends by itself, and nothing says so,
   * so a list fetched before may still say muted.
   */
  public boolean mutedAt(Instant now) {
    return muted && (mutedUntil == null || mutedUntil.isAfter(now));
  }

  /** This member with another trust state. */
  public MemberView withTrust(TrustState newTrust) {
    return new MemberView(username, online, newTrust, role, presence, muted, mutedUntil);
  }

  /** This member with another presence. */
  public MemberView withPresence(Presence newPresence) {
    return new MemberView(
        username, newPresence.isOnline(), trust, role, newPresence, muted, mutedUntil);
  }
}
