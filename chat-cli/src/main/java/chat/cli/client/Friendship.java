package chat.cli.client;

/** Where this user stands with another. */
public enum Friendship {
  /** Friends: each sees the other's presence. */
  FRIENDS,
  /** This user asked; waiting for an answer. */
  REQUEST_SENT,
  /** They asked; waiting for this user's answer ({@code /friend accept} or {@code decline}). */
  REQUEST_RECEIVED,
  /** Neither. */
  NONE
}
