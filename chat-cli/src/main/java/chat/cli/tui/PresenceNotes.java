package chat.cli.tui;

import chat.cli.client.ConnectionState;
import chat.cli.client.FriendView;
import chat.cli.client.Friendship;
import chat.cli.client.MemberView;
import chat.cli.client.Presence;
import chat.cli.command.AwayTracker;
import chat.cli.command.HeldLogIns;
import chat.cli.command.SocialLines;
import chat.cli.tui.PaneEntry.NoteKind;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which presence changes the TUI announces, and where. Going away and coming back, which a person
 * does by hand, get a line in the current pane if they are among its members, else in the status
 * window. A friend coming online or going offline gets a line in the current pane (as a friend
 * request does), unless the member list beside it lists them and so shows it already. Other
 * members' log-ins and log-outs only change their mark in the member lists, so a busy room does not
 * flood the pane. A friend's log-in is shown once it has lasted {@link HeldLogIns#BRIEF_VISIT}, as
 * in line mode, and not at all if they wrote or left meanwhile: a one-shot command of theirs
 * ({@code chat send}) shows no pair of lines. UI thread only.
 */
final class PresenceNotes {
  /** Friends' log-ins not shown yet. */
  private final HeldLogIns heldLogins = new HeldLogIns();

  private final TuiModel model;
  private final Clock clock;
  private final AwayTracker away;
  private final Set<String> friends = new HashSet<>(); // lower case

  PresenceNotes(TuiModel model, Clock clock) {
    this.model = Objects.requireNonNull(model, "model");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.away = new AwayTracker(clock);
  }

  /**
   * {@code username}'s presence changed, as {@code self} heard it: updates the member lists and
   * adds the line it calls for; {@code membersShown} says whether the member list is on screen.
   */
  void changed(String self, String username, Presence presence, boolean membersShown) {
    AwayTracker.Change change = away.observe(self, username, presence);
    model.updatePresence(username, presence);
    if (username.equalsIgnoreCase(String.valueOf(self))) {
      return;
    }
    String current = model.current();
    boolean here = lists(current, username);
    String line = SocialLines.presenceChange(username, presence, change == AwayTracker.Change.BACK);
    if (change == AwayTracker.Change.WENT_OFFLINE && heldLogins.leftWithin(username)) {
      return; // a brief visit: neither line
    }
    if (change == AwayTracker.Change.WENT_AWAY || change == AwayTracker.Change.BACK) {
      showHeld(heldLogins.takeBefore(username).stream().toList()); // their log-in comes first
    }
    switch (change) {
      case WENT_AWAY, BACK -> add(here ? current : shared(username), line);
      case CAME_ONLINE, WENT_OFFLINE -> {
        if (friends.contains(username.toLowerCase(Locale.ROOT)) && !(here && membersShown)) {
          if (change == AwayTracker.Change.CAME_ONLINE) {
            heldLogins.hold(username, line, clock.millis());
          } else {
            add(current, line);
          }
        }
      }
      case STILL_AWAY, STILL_ONLINE -> {}
    }
  }

  /** A message of {@code username}'s arrived: their log-in held is not shown after it. */
  void wrote(String username) {
    heldLogins.wrote(username);
  }

  /**
   * Shows, in the current pane, the log-ins held for {@link HeldLogIns#BRIEF_VISIT} by now ({@code
   * all}: every one, as this client's own connection is lost); returns whether any was shown.
   */
  boolean showHeldLogins(boolean all) {
    return showHeld(heldLogins.takeDue(clock.millis(), all));
  }

  private boolean showHeld(List<HeldLogIns.Held> held) {
    held.forEach(log -> add(model.current(), log.line()));
    return !held.isEmpty();
  }

  /** Whether the member list of {@code conversation} as last fetched names {@code username}. */
  private boolean lists(String conversation, String username) {
    return model.members(conversation).stream().anyMatch(m -> m.username().equals(username));
  }

  /**
   * The first conversation in the list whose members as last fetched name {@code username}, else
   * the status window.
   */
  private String shared(String username) {
    return model.conversations().stream()
        .filter(conversation -> lists(conversation, username))
        .findFirst()
        .orElse(TuiModel.STATUS);
  }

  private void add(String conversation, String line) {
    model.buffer(conversation).addNote(new PaneEntry.Note(NoteKind.INFO, line, clock.millis()));
  }

  /**
   * A member list fetched from the relay, with the presence heard since it was asked for in place
   * ({@link TuiModel#setMembers}): the state as it is, not a change.
   */
  void listed(String self, List<MemberView> members) {
    away.listedMembers(self, members, Long.MAX_VALUE);
  }

  /** The presence events heard so far ({@link AwayTracker#mark}); any thread. */
  long mark() {
    return away.mark();
  }

  /** This client's own connection is now {@code state}, for the reason {@code detail}. */
  void connection(ConnectionState state, String detail) {
    if (state != ConnectionState.ONLINE) {
      showHeldLogins(true); // heard before the loss, and shown before its line
    }
    away.connection(state, detail);
  }

  /**
   * {@code self}'s friends as just fetched, asked for when {@link #mark} was {@code askedAt}: whose
   * coming online and going offline is announced, and their presence as it is (so that one online
   * now and reconnecting after the relay does is not said to come online), unless heard since.
   */
  void friendsListed(String self, List<FriendView> list, long askedAt) {
    friends.clear();
    for (FriendView friend : list) {
      if (friend.friendship() == Friendship.FRIENDS) {
        friends.add(friend.username().toLowerCase(Locale.ROOT));
      }
    }
    if (self != null) {
      away.listedFriends(self, list, askedAt);
    }
    heldLogins.retain(username -> friends.contains(username.toLowerCase(Locale.ROOT)));
  }

  /** Forgets the friends (logged out, or another user logged in). */
  void forgetFriends() {
    friends.clear();
    heldLogins.clear();
  }
}
