package chat.cli.client;

/**
 * Receives what the client learns from the relay. Called on the client's event thread, one call at
 * a time and in arrival order; implementations hand work to their own UI thread and return quickly.
 * Every string came from the network: display it through {@link chat.cli.TerminalSafe}.
 */
public interface ClientListener {
  /** A message opened, verified and not seen before (each message id is reported once). */
  default void onMessage(ChatMessage message) {}

  /**
   * Someone joined ({@code joined}) or left a conversation this user is in: this user's own join
   * lists the conversation (made here or elsewhere: a group created on another device is one) and
   * its leave drops it, each told only if it changes the list; another member's is told only for a
   * conversation listed ({@link ChatClient#conversations}), whatever the relay announces.
   */
  default void onMembership(String conversation, String username, boolean joined) {}

  /** A contact came online or went offline. */
  default void onPresence(String username, boolean online) {}

  /** A contact's key changed ({@link TrustState#CHANGED}) or its trust state was updated. */
  default void onTrustChange(String username, TrustState state) {}

  /** The connection state changed; {@code detail} is a short human explanation. */
  default void onConnection(ConnectionState state, String detail) {}

  /**
   * The client stopped reconnecting for good, and {@code why} is the failure a command would have
   * met, with its exit code: the relay's certificate changed ({@code Network}, exit 3), or the
   * relay holds another key for this user than this session's ({@code Untrusted}, exit 4). Comes
   * just before {@link #onConnection} with {@link ConnectionState#OFFLINE}.
   */
  default void onStopped(chat.cli.CommandException why) {}

  /**
   * Something the person should see that is not a message, such as a catch-up that failed (an
   * envelope left out for good comes to {@link #onLeftOut}, a replayed envelope or a gap in
   * sequence numbers to {@link #onDeliveryNotice}). {@code conversation} is empty for global
   * notices.
   */
  default void onNotice(String conversation, String text) {}

  /**
   * The relay was restored from a backup: the messages of {@code conversation} numbered after
   * {@code seq} that were shown are gone from it, and new messages come under those numbers (a
   * notice says so). A front end that places messages by their number places those that come from
   * now on after everything it shows.
   */
  default void onHistoryWentBack(String conversation, long seq) {}

  /**
   * A notice that advises a command (a contact's key changed, a recipient set differs, keys were
   * replaced elsewhere). By default the notice {@link Advice#notice} words, which names no command:
   * a front end overrides it to name the command in its own words.
   */
  default void onAdvice(Advice advice) {
    onNotice(advice.conversation(), advice.notice());
  }

  /**
   * {@code sender} encrypted a message pushed live to another set of members than this client sees
   * there: advice a relay that lies about members, or a sender, can set off with every message. A
   * front end that prints a line per notice passes it through a {@link LiveNoticeCap}. By default
   * {@link #onAdvice}.
   */
  default void onMembersDiffer(Advice.MembersDiffer differ) {
    onAdvice(differ);
  }

  /**
   * The relay announced a new key for a contact past those the client remembers having said: the
   * client says each changed key once per contact ({@link #onAdvice}), and remembers a bounded
   * number of them, since a relay can invent contacts and keys as easily as announcements. A front
   * end that prints a line per notice passes these through a {@link LiveNoticeCap}. By default
   * {@link #onAdvice}.
   */
  default void onKeyChangedPastMemory(Advice.KeyChanged changed) {
    onAdvice(changed);
  }

  /**
   * A notice a relay or a sender can repeat as often as it likes that is not of a message: a key
   * the relay announced that is not valid, a new key announced for this user's own account, or a
   * second offer of a file. A front end that prints a line per notice passes it through a {@link
   * LiveNoticeCap}. By default the notice {@link PushedNotice#text} words.
   */
  default void onPushedNotice(PushedNotice notice) {
    onNotice(notice.conversation(), notice.text());
  }

  /**
   * This machine's profile could not be written (a full disk, a read-only folder): {@code text} is
   * one line such as {@code cannot write /home/a/.chat/alice/state.json: no space left on device}.
   * What could not be recorded (a cursor, a contact's key) is not lost: the messages concerned are
   * shown again once it can be. Said once per cause, not at every attempt. By default a notice.
   */
  default void onLocalWriteFailure(String text) {
    onNotice("", text);
  }

  /**
   * Messages from one sender were held because they are signed with a new key not accepted yet: one
   * pushed now ({@link #onHeldPushed} by default), or those a catch-up held. A history page that
   * finds them again counts them in its {@link HistoryPage#held} too, under the same sequence
   * numbers ({@link HeldMessages#seqs}), so a front end that shows both can count each message
   * once. By default the notice {@link HeldMessages#notice} words, which names no command: a front
   * end overrides it to say how to read them in its own words.
   */
  default void onHeld(HeldMessages held) {
    onNotice(held.conversation(), held.notice());
  }

  /**
   * One message pushed live was held, signed with a new key not accepted yet. A front end that
   * prints a line per notice passes it through a {@link LiveNoticeCap}, so that a relay pushing
   * many cannot flood it. By default {@link #onHeld}, as the count of a catch-up.
   */
  default void onHeldPushed(HeldMessages held) {
    onHeld(held);
  }

  /**
   * The relay pushed a copy of a message already shown again, or skipped sequence numbers (live or
   * in a catch-up). A front end that prints a line per notice passes it through a {@link
   * LiveNoticeCap}. By default the notice {@link DeliveryNotice#text} words.
   */
  default void onDeliveryNotice(DeliveryNotice notice) {
    onNotice(notice.conversation(), notice.text());
  }

  /**
   * Messages from one sender (none, for damaged ones) were left out for good, for any {@link
   * LeftOutMessages.Reason}: one pushed now ({@link #onLeftOutPushed} by default), or those a
   * catch-up left out. A history page that finds them again counts them in its {@link
   * HistoryPage#leftOut} too, under the same sequence numbers ({@link LeftOutMessages#seqs}), so a
   * front end that shows both can count each message once. By default the notice {@link
   * LeftOutMessages#notice} words.
   */
  default void onLeftOut(LeftOutMessages left) {
    onNotice(left.conversation(), left.notice());
  }

  /**
   * One message pushed live (or released by {@link ChatClient#trust}) was left out for good. A
   * front end that prints a line per notice passes it through a {@link LiveNoticeCap}, so that a
   * relay pushing many cannot flood it. By default {@link #onLeftOut}, as the notices of a
   * catch-up.
   */
  default void onLeftOutPushed(LeftOutMessages left) {
    onLeftOut(left);
  }

  /**
   * Messages a catch-up left out for good from more senders than its notices name: those of every
   * sender after the first {@link LeftOutFromOthers#MAX_NAMED_SENDERS}, which came to {@link
   * #onLeftOut} one by one just before. By default the notice {@link LeftOutFromOthers#notice}
   * words, which counts them together.
   */
  default void onLeftOutFromOthers(LeftOutFromOthers others) {
    onNotice(others.conversation(), others.notice());
  }

  /**
   * A user who shares a conversation with this one, or a friend, came online, went away (with an
   * optional message), came back or went offline. By default it calls {@link #onPresence} with
   * whether they are connected, so listeners written before away existed keep working.
   */
  default void onPresenceChange(String username, Presence presence) {
    onPresence(username, presence.isOnline());
  }

  /**
   * A group this user is in (or was just invited to or removed from) changed: an invitation, kick,
   * ban, unban, role change, transfer, rename or disband, named with the member who made it. Joins
   * and leaves still arrive through {@link #onMembership}.
   */
  default void onGroupUpdate(GroupUpdate update) {}

  /**
   * Messages were deleted from a conversation this client lists, by their sender or by a group's
   * owner or admin: a front end stops showing them. Said for this user's own deletions too, from
   * every device; relays older than wire version 13 delete nothing.
   */
  default void onDeleted(Deletion deletion) {}

  /**
   * After a reconnect: this user is no longer in {@code conversation}, which the client listed
   * before the connection was lost. It was left or closed on another device, this user was removed
   * from it, or its group was disbanded while this client was offline; the relay's list does not
   * say which. It is already gone from {@link ChatClient#conversations}.
   */
  default void onNoLongerIn(String conversation) {}

  /** Another user sent, accepted, declined or withdrew a friend request, or ended a friendship. */
  default void onFriendUpdate(String username, FriendUpdate update) {}

  /**
   * Someone offered a file in a conversation this user is in (or this user did, from another
   * device). Shown once per file id; {@link ChatClient#acceptFile} downloads it.
   */
  default void onFileOffer(FileOffer offer) {}

  /** A file transfer made progress or changed state (at most a few times a second). */
  default void onFileTransfer(FileTransfer transfer) {}
}
