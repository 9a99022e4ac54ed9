package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import chat.cli.client.Advice;
import chat.cli.client.ConnectionState;
import chat.cli.client.Deletion;
import chat.cli.client.DeliveryNotice;
import chat.cli.client.GroupUpdate;
import chat.cli.client.Presence;
import chat.cli.client.PushedNotice;
import chat.cli.client.TrustState;
import chat.cli.emoji.Graphemes;
import chat.crypto.CryptoException;
import chat.crypto.Fingerprint;
import chat.crypto.IdentityBundle;
import chat.protocol.ConversationIds;
import chat.protocol.DeletedEvent;
import chat.protocol.Event;
import chat.protocol.FriendChange;
import chat.protocol.FriendEvent;
import chat.protocol.GroupEvent;
import chat.protocol.KeyChangeEvent;
import chat.protocol.MembershipChange;
import chat.protocol.MembershipEvent;
import chat.protocol.MessageEvent;
import chat.protocol.PresenceEvent;
import chat.protocol.PresenceStatus;
import chat.protocol.StoredMessage;
import chat.protocol.Usernames;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Handles one event the relay pushed, on the event thread: messages (in sequence order, syncing any
 * gap first and reporting what the relay did not deliver), membership, presence, key changes (each
 * changed key said once per contact and pin, {@link KeyChangesSaid}), friends and group changes.
 * Every membership or group change drops the cached member list, so the next message is sealed to
 * the membership as it is now. The events other than messages that come before the login is
 * announced wait for it ({@link EventsBeforeLogin}).
 */
final class Events {
  /** The most glyphs of an away message said on another device that its notice quotes. */
  static final int QUOTED_AWAY_GLYPHS = 60;

  private final Session session;
  private final Listeners listeners;

  Events(Session session, Listeners listeners) {
    this.session = session;
    this.listeners = listeners;
  }

  void handle(Event event) {
    if (!(event instanceof MessageEvent) && session.beforeLogin.keep(event)) {
      return; // handled once the login is announced and the listeners know whose session it is
    }
    try {
      if (event instanceof MessageEvent message) {
        message(message);
      } else if (event instanceof MembershipEvent membership) {
        membership(membership);
      } else if (event instanceof PresenceEvent presence) {
        presence(presence);
      } else if (event instanceof KeyChangeEvent keyChange) {
        keyChange(keyChange);
      } else if (event instanceof GroupEvent group) {
        group(group);
      } else if (event instanceof FriendEvent friend) {
        if (!repeatsARequest(friend)) {
          listeners.friend(
              friend.username(), Views.friendUpdate(friend.change(), friend.ownChange()));
        }
      } else if (event instanceof DeletedEvent deleted) {
        deleted(deleted);
      }
    } catch (CommandException e) {
      if (e instanceof CommandException.Network && session.connectionGone()) {
        // The connection ended under it: the client closing (a one-shot command done), or the
        // link lost. What this event started is not recorded as handled, so the catch-up of the
        // next connection or login fetches it; saying "not connected" here would only be noise.
        return;
      }
      // Named by its conversation: "not a member of this conversation" alone says not which.
      listeners.notice(conversationOf(event), e.getMessage());
    }
  }

  /** The conversation {@code event} is about, or empty for none. */
  private static String conversationOf(Event event) {
    if (event instanceof MessageEvent message) {
      return message.conversation();
    } else if (event instanceof MembershipEvent membership) {
      return membership.conversation();
    } else if (event instanceof GroupEvent group) {
      return group.conversation();
    } else if (event instanceof DeletedEvent deleted) {
      return deleted.conversation();
    }
    return "";
  }

  /**
   * Another user's presence goes to the listeners; this user's own, said on another device (away is
   * the user's, on every device), becomes this session's away state, said once as a notice.
   */
  private void presence(PresenceEvent presence) {
    if (session.connectionState() == ConnectionState.OFFLINE) {
      // From a connection this session stopped with (a reconnect that found the keys replaced
      // elsewhere, say): "bob came online" would read as news to a client no longer online.
      return;
    }
    String self = session.username();
    if (self == null || !Usernames.key(presence.username()).equals(Usernames.key(self))) {
      Presence now = Views.presence(presence.status(), presence.message());
      session.presenceHeard.heard(presence.username(), now);
      listeners.presence(presence.username(), now);
      return;
    }
    boolean away = presence.status() == PresenceStatus.AWAY;
    String message = away && presence.message() != null ? presence.message() : "";
    String before = session.away();
    if (away ? message.equals(before) : before == null) {
      return; // already so here
    }
    session.away(away ? message : null);
    // The message is the relay's to pass on: quoted and cut, so it cannot read as the client's.
    listeners.notice(
        "",
        away
            ? "another device of yours said you are away"
                + (message.isEmpty()
                    ? ""
                    : " (\""
                        + Graphemes.shorten(TerminalSafe.line(message), QUOTED_AWAY_GLYPHS, "...")
                        + "\")")
                + "; /back when you return"
            : "another device of yours said you are back");
  }

  /**
   * The login of {@code session} was announced to {@code listeners}: handles, in order, the events
   * kept until then ({@link EventsBeforeLogin}). On the event thread.
   */
  static void loginAnnounced(Session session, Listeners listeners) {
    session.beforeLogin.announced(new Events(session, listeners)::handle);
  }

  /**
   * Says once more, for this login, each contact's key change that still waits for acceptance (the
   * relay announces a change only to those online when it is made): as an announcement is said,
   * once per contact and key for the session. On the event thread.
   */
  static void changesWaiting(Session session, Listeners listeners) {
    Events events = new Events(session, listeners);
    for (String user : session.contacts.usernames()) {
      try {
        session.contacts.pending(user).ifPresent(events::keyChanged);
      } catch (CommandException e) {
        // a key kept damaged: said where it is next used, with how to move the file away
      }
    }
  }

  /**
   * Delivers a pushed message in sequence order, if it is in a conversation this user is in ({@link
   * PushedConversations}). A gap before it is synced first; what the sync cannot fill is reported.
   * The event itself always goes through the {@link Inbox}, even at or below the cursor: a copy
   * already shown, or already left out (counted by the catch-up the gap set off), is dropped there
   * silently, and a different message the relay numbered with a sequence number already used is
   * still shown instead of being lost.
   */
  private void message(MessageEvent event) {
    String conversation = event.conversation();
    if (!session.ready()
        || (!session.lists(conversation) && session.connectionState() != ConnectionState.ONLINE)) {
      // The catch-up after the login (or reconnect) fetches it, if this user is in it.
      if (session.pushedBeforeReady.size() < EventsBeforeLogin.MAX_EVENTS) {
        session.pushedBeforeReady.add(conversation);
      }
      return;
    }
    if (!PushedConversations.admitMessage(session, listeners, conversation)) {
      return;
    }
    if (session.inbox.stalled.holds(conversation)) {
      return; // an earlier message waits: its retry syncs this one after it
    }
    StoredMessage stored = new StoredMessage(event.seq(), event.storedAtMillis(), event.envelope());
    long cursor = session.state.cursor(conversation).orElse(event.seq() - 1);
    if (event.seq() > cursor + 1) {
      long reached = new CatchUp(session, listeners).syncFrom(conversation, cursor);
      if (reached < event.seq() - 1 && !listeners.messagesStopped()) {
        listeners.delivery(
            DeliveryNotice.undelivered(
                conversation,
                event.seq() - 1 - reached,
                "the relay did not deliver "
                    + CatchUp.range(reached + 1, event.seq() - 1)
                    + ": it pushed #"
                    + event.seq()
                    + " but its catch-up stopped at #"
                    + reached));
      }
    }
    session.inbox.deliver(conversation, stored, true);
  }

  /**
   * Records in the member cache a join, leave or removal the relay announced; called on the reader
   * thread as the event is read, before {@link #handle} runs on the event thread. A kick or ban is
   * a leave: a removed member whom a later list shows again needs a join event of their own. This
   * client's own removal, or the end of the group, forgets the conversation as its own leave does.
   */
  static void recordMembership(Session session, Event event) {
    if (event instanceof MembershipEvent membership) {
      String conversation = membership.conversation();
      if (ConversationIds.isDirect(conversation)) {
        // This user closed or opened it on another device (wire version 7): its two parties stay.
        session.members.left(conversation);
        return;
      }
      session.members.announced(
          conversation, membership.username(), membership.change() == MembershipChange.JOINED);
      session.members.invalidate(conversation);
    } else if (event instanceof GroupEvent group) {
      // The names as registered, before the reply that follows the event is read: a command that
      // made the change ("chat group admin team MAXIMILIAN") says them so.
      session.contacts.learnSpelling(group.actor());
      if (group.username() != null) {
        session.contacts.learnSpelling(group.username());
      }
      switch (group.change()) {
        case KICKED, BANNED -> removed(session, group.conversation(), group.username());
        case DISBANDED -> session.members.left(group.conversation());
        default -> {
          // Invitations, unbans, roles and titles change no membership.
        }
      }
    }
  }

  private static void removed(Session session, String conversation, String username) {
    String self = session.username();
    if (self != null && Usernames.key(username).equals(Usernames.key(self))) {
      session.members.left(conversation);
    } else {
      session.members.announced(conversation, username, false);
      session.members.invalidate(conversation);
    }
  }

  /**
   * This user's own join lists the conversation and a leave drops it ({@link PushedConversations});
   * a join of one listed already, or a leave of one not listed, changes nothing and is said nowhere
   * (a relay could repeat it without end, a line each time; and an event that comes after the reply
   * to this client's own {@code /join} or {@code /leave} repeats what the command said). Another
   * member's join or leave is told only in a conversation listed, as {@link
   * chat.cli.client.ClientListener#onMembership} promises: a relay can announce joins in
   * conversations it invents, and a front end would say them as news of a conversation this user is
   * in.
   */
  private void membership(MembershipEvent event) {
    String conversation = event.conversation();
    boolean joined = event.change() == MembershipChange.JOINED;
    if (session.username() != null
        && Usernames.key(event.username()).equals(Usernames.key(session.username()))) {
      // joined or left on any device: an invitation said before is answered, and a new one is news
      session.invitationAnswered(conversation);
    }
    if (session.ready()) {
      if (Usernames.key(event.username()).equals(Usernames.key(session.username()))) {
        if (joined == session.lists(conversation) || (joined && session.isJoining(conversation))) {
          return; // a repeat (or the echo of this client's own command): it changes nothing
        }
        if (!joined) {
          session.removeConversation(conversation);
        } else if (!PushedConversations.listJoined(session, listeners, conversation)) {
          return;
        }
      } else if (!session.tellsNow(new Session.Heard(conversation, event.username(), joined))) {
        // still recorded for the member checks (recordMembership); said nowhere, or once this
        // client's own join of it is answered
        return;
      }
    }
    listeners.membership(conversation, event.username(), joined);
  }

  /**
   * A deletion is told only in a conversation this client lists, as {@link #membership} tells a
   * member's join: a relay could say it of a conversation it invents; and only one naming real
   * usernames (the relay's frame rule is looser).
   */
  private void deleted(DeletedEvent event) {
    if ((session.ready() && !session.lists(event.conversation()))
        || !Usernames.isValid(event.actor())
        || !Usernames.isValid(event.sender())) {
      return;
    }
    session.inbox.deleted(event.conversation(), event.sender(), Set.copyOf(event.messageIds()));
    listeners.deleted(
        new Deletion(event.conversation(), event.actor(), event.sender(), event.messageIds()));
  }

  private void group(GroupEvent event) {
    GroupUpdate update = Views.groupUpdate(event);
    session.members.invalidate(event.conversation());
    if (repeatsAMute(update) || repeatsAnInvitation(update)) {
      return; // the relay tells these again after each login and reconnect: said once here
    }
    if (session.ready() && update.removes(session.username())) {
      session.removeConversation(event.conversation());
    }
    listeners.group(update);
  }

  /**
   * Whether {@code friend} is a friend request to this user already said (the relay repeats those
   * not answered after each login and reconnect); other news of that user forgets it, so that a
   * request made again later is said.
   */
  private boolean repeatsARequest(FriendEvent friend) {
    String from = Usernames.key(friend.username());
    if (friend.change() != FriendChange.REQUESTED || friend.ownChange()) {
      // an answer, or this user's own change (on another device): a request of theirs said since
      // is news again
      session.requestsSaid.remove(from);
      return false;
    }
    return saidBefore(session.requestsSaid, from);
  }

  /**
   * Whether {@code said} holds {@code key} already; adds it if not, unless {@code said} is full
   * ({@link TimedMutes#MAX}): past that bound, which only a relay naming endless users or groups
   * reaches, each is said and not kept.
   */
  private static boolean saidBefore(Set<String> said, String key) {
    if (said.size() >= TimedMutes.MAX && !said.contains(key)) {
      return false;
    }
    return !said.add(key);
  }

  /**
   * Whether {@code update} is an invitation of this user to a group, by the same user, already said
   * (repeated after each login and reconnect as requests are); any other news of this user in that
   * group (a withdrawal, a join, a removal) forgets it.
   */
  private boolean repeatsAnInvitation(GroupUpdate update) {
    if (!namesThisUser(update)) {
      return false;
    }
    String group = update.conversation();
    if (update.kind() != GroupUpdate.Kind.INVITED) {
      session.invitationAnswered(group);
      return false;
    }
    return saidBefore(session.invitationsSaid, group + "\n" + Usernames.key(update.actor()));
  }

  /** Whether {@code update} is about this user (its target). */
  private boolean namesThisUser(GroupUpdate update) {
    String self = session.username();
    return self != null
        && !update.target().isEmpty()
        && Usernames.key(update.target()).equals(Usernames.key(self));
  }

  /**
   * Whether {@code update} is a mute of this user already said, the same (who, until when, why); an
   * unmute or a removal of this user from that group forgets it (a mute stays through the others).
   * A timed mute of this user is also kept for its end to be said ({@link #mutesEnded}).
   */
  private boolean repeatsAMute(GroupUpdate update) {
    String self = session.username();
    String group = update.conversation();
    if (update.kind() == GroupUpdate.Kind.DISBANDED) {
      session.mutesSaid.remove(group);
      session.timedMutes.cleared(group);
      return false;
    }
    if (!namesThisUser(update)) {
      return false;
    }
    if (update.kind() != GroupUpdate.Kind.MUTED) {
      if (update.kind() == GroupUpdate.Kind.UNMUTED || update.removes(self)) {
        session.mutesSaid.remove(group); // a mute stays through other changes (becoming admin)
        session.timedMutes.cleared(group);
      }
      return false;
    }
    session.timedMutes.muted(group, update.until());
    String said = update.actor() + "\n" + update.until() + "\n" + update.reason();
    if (session.mutesSaid.size() >= TimedMutes.MAX && !session.mutesSaid.containsKey(group)) {
      return false; // past the bound only a relay naming endless groups reaches: said, not kept
    }
    return said.equals(session.mutesSaid.put(group, said));
  }

  /**
   * Says the end of each of this user's timed mutes that has ended by {@code now} (this machine's
   * clock), in a group this client lists: the relay says nothing when a mute runs out. On the event
   * thread, from the client's timer.
   */
  void mutesEnded(Instant now) {
    String self = session.username();
    for (String group : session.timedMutes.ended(now)) {
      // The mute stays in mutesSaid: a relay whose clock is behind this one's may remind of it
      // after a reconnect, and that is not a new mute to say (nor to say the end of again).
      session.members.invalidate(group);
      if (self != null && session.ready() && session.lists(group)) {
        listeners.group(GroupUpdate.muteEnded(group, self));
      }
    }
  }

  private void keyChange(KeyChangeEvent event) {
    session.members.clear();
    IdentityBundle bundle;
    try {
      bundle = IdentityBundle.parse(event.bundle().toByteArray());
    } catch (CryptoException e) {
      listeners.pushed(
          PushedNotice.invalidKey(
              "the relay announced an invalid key for " + event.username() + "; ignored"));
      return;
    }
    if (!bundle.userId().equals(event.username())) {
      listeners.pushed(
          PushedNotice.invalidKey(
              "the relay announced a key of "
                  + bundle.userId()
                  + " for "
                  + event.username()
                  + "; ignored"));
      return;
    }
    if (session.ready()
        && Usernames.key(bundle.userId()).equals(Usernames.key(session.username()))) {
      // The new key is staged in identity.pub.pending before the relay is told, then renamed over
      // identity.pub. The pending file is read first: a rename between the two reads then leaves
      // the new key in one of them (read the other way round, it could be in neither).
      Optional<IdentityBundle> pending = IdentityFiles.bundle(session.profile.pendingPublicFile());
      Optional<IdentityBundle> current = IdentityFiles.currentBundle(session.profile);
      boolean replacedInThisProfile =
          Stream.of(pending, current)
              .flatMap(Optional::stream)
              .anyMatch(file -> file.fingerprint().matches(bundle.fingerprint()));
      // Replaced in another window or command of this profile, whose key file holds it now: not
      // someone else's doing (the session ends with what to do when it next reaches the relay).
      if (!bundle.fingerprint().matches(session.me().bundle().fingerprint())
          && !replacedInThisProfile) {
        listeners.pushed(PushedNotice.ownKey());
      }
      return;
    }
    if (session.contacts.pinned(bundle.userId()).isEmpty()) {
      // No pin to change: the key is pinned where it is first used (a message from them, a send
      // to them), fetched from the relay then. Pinning every announced stranger would let a relay
      // grow contacts.json without end.
      return;
    }
    if (session.keys.observe(bundle) == TrustState.CHANGED) {
      keyChanged(bundle);
    }
  }

  /**
   * Tells the person that the relay announced {@code announced}, which differs from the pin, unless
   * they were told of that key since the pin is what it is: the same announcement repeated carries
   * no news. Sending to the contact is blocked either way.
   */
  private void keyChanged(IdentityBundle announced) {
    String user = announced.userId();
    Advice.KeyChanged advice =
        new Advice.KeyChanged(user, session.contacts.replacedBefore(user, announced.fingerprint()));
    Optional<IdentityBundle> pin = session.contacts.pinned(user);
    if (pin.isEmpty()) {
      return; // forgotten by another process of the profile meanwhile: nothing to compare
    }
    Fingerprint pinned = pin.get().fingerprint();
    switch (session.keyChangesSaid.heard(user, pinned, announced.fingerprint())) {
      case FIRST -> listeners.advice(advice);
      case PAST_MEMORY -> listeners.keyChangedPastMemory(advice);
      case AGAIN -> {
        // said already: the state stays CHANGED, and the status bar and members list show it
      }
    }
  }
}
