package chat.cli.client;

import java.util.Objects;

/**
 * A member of a conversation as the member list shows it.
 *
 * @param username the member's username (from the network: display through TerminalSafe)
 * @param online whether the relay reports them online
 * @param trust this client's trust in their key
 */
public record MemberView(String username, boolean online, TrustState trust) {
  /** Checks for nulls. */
  public MemberView {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(trust, "trust");
  }
}
