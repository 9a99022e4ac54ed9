package chat.cli.client.internal;

import chat.cli.Newest;
import chat.crypto.Bytes;
import chat.protocol.Usernames;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The members-differ advice this session gave, per conversation and sender, so that every further
 * message sealed to the same other set (and the same other keys) tells nothing more: a sender who
 * sees another member list seals every message to it, and a line per message said one thing many
 * times. A message of theirs sealed to the members this client sees forgets it, so that a later
 * difference is said again, as is a difference in another set or in other keys. Safe for use from
 * any thread.
 *
 * <p>A relay can invent conversations and senders as easily as messages, so it remembers at most
 * {@link #MAX_REMEMBERED} pairs, the least recently said dropped first: a dropped one is said
 * again, and a front end that prints a line per notice caps those as it caps the other notices a
 * relay can repeat.
 */
final class MembersDifferSaid {
  /**
   * Conversation and sender pairs remembered; far more than a person follows trouble in at once.
   */
  static final int MAX_REMEMBERED = 256;

  private record Pair(String conversation, String sender) {}

  private record Said(Bytes recipientSetHash, List<String> otherKeys, boolean notListed) {}

  private final Map<Pair, Said> said = new Newest<>(MAX_REMEMBERED);

  /**
   * Records that {@code sender} sealed a message in {@code conversation} to {@code
   * recipientSetHash}, which differs from the members this client sees ({@code otherKeys} as the
   * advice names them), and says whether that is news to be said.
   */
  synchronized boolean news(
      String conversation, String sender, Bytes recipientSetHash, List<String> otherKeys) {
    return news(conversation, sender, recipientSetHash, otherKeys, false);
  }

  /**
   * As {@link #news(String, String, Bytes, List)}, for a set that is the members this client sees
   * but leaves out {@code sender} when {@code notListed}: news even after the same set was said to
   * differ (a list fetched since has it), since the advice says more.
   */
  synchronized boolean news(
      String conversation,
      String sender,
      Bytes recipientSetHash,
      List<String> otherKeys,
      boolean notListed) {
    Objects.requireNonNull(recipientSetHash, "recipientSetHash");
    Said now = new Said(recipientSetHash, List.copyOf(otherKeys), notListed);
    return !now.equals(said.put(pair(conversation, sender), now));
  }

  /** {@code sender} sealed a message in {@code conversation} to the members this client sees. */
  synchronized void matched(String conversation, String sender) {
    said.remove(pair(conversation, sender));
  }

  private static Pair pair(String conversation, String sender) {
    return new Pair(
        Objects.requireNonNull(conversation, "conversation"),
        Usernames.key(Objects.requireNonNull(sender, "sender")));
  }
}
