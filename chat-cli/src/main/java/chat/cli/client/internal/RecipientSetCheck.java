package chat.cli.client.internal;

import chat.cli.client.Advice;
import chat.crypto.EnvelopeHeader;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Compares a live message's recipient set with the memberships of its conversation this client
 * knows ({@link MemberCache}), and warns when they differ ({@link Advice.MembersDiffer}).
 */
final class RecipientSetCheck {
  private final MemberCache members;
  private final Listeners listeners;
  private final Clock clock;
  private final UnaryOperator<String> label;
  private final MembersDifferSaid differSaid = new MembersDifferSaid();

  /**
   * @param label a conversation as this user names it ({@link Session#label})
   */
  RecipientSetCheck(
      MemberCache members, Listeners listeners, Clock clock, UnaryOperator<String> label) {
    this.members = members;
    this.listeners = listeners;
    this.clock = clock;
    this.label = label;
  }

  /**
   * Warns when a live message's recipient set matches no membership of the conversation known
   * lately. Not for one both sealed and stored longer ago than the memberships kept ({@link
   * MemberCache#RECENT_MILLIS}): held back that long, it may have been sealed for members this
   * client never saw. Either time alone is not enough to skip, as a sender's clock may be off; a
   * relay that held a message back could as well have left it to a catch-up, which is not checked.
   * Said once per sender, conversation and other set ({@link MembersDifferSaid}). Also warns when
   * the set is a membership this client knows that does not list the sender.
   */
  void check(String conversation, EnvelopeHeader header, long storedAtMillis) {
    long now = clock.millis();
    boolean sealedLongAgo = now - header.timestampMillis() > MemberCache.RECENT_MILLIS;
    boolean storedLongAgo = storedAtMillis <= 0 || now - storedAtMillis > MemberCache.RECENT_MILLIS;
    if (sealedLongAgo && storedLongAgo) {
      return;
    }
    Optional<List<String>> explained =
        members.explanationFetching(conversation, header.recipientSetHash());
    String sender = header.senderId();
    if (explained.isPresent()
        && members.leavesOut(conversation, header.recipientSetHash(), sender)) {
      // Sealed to a member list this client knows that does not name the sender: the relay let in
      // a message from someone it does not list as a member.
      if (differSaid.news(conversation, sender, header.recipientSetHash(), explained.get(), true)) {
        listeners.membersDiffer(
            Advice.MembersDiffer.notListed(conversation, sender, label.apply(conversation)));
      }
      return;
    }
    if (explained.isPresent() && explained.get().isEmpty()) {
      differSaid.matched(conversation, sender);
      return;
    }
    List<String> otherKeys = explained.orElse(List.of());
    if (differSaid.news(conversation, sender, header.recipientSetHash(), otherKeys)) {
      listeners.membersDiffer(
          new Advice.MembersDiffer(conversation, sender, label.apply(conversation), otherKeys));
    }
  }
}
