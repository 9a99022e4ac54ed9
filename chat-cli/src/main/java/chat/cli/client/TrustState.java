package chat.cli.client;

/** How far this client trusts a contact's identity key. */
public enum TrustState {
  /** Pinned on first use; the safety number was not compared. Sending is allowed. */
  UNVERIFIED,
  /** The safety number was compared and matched ({@code /verify}). Sending is allowed. */
  VERIFIED,
  /**
   * The relay now serves a different key than the pinned one. Sending to this contact is refused
   * until the person accepts the new key with {@code /trust}.
   */
  CHANGED
}
