package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.Advice;
import chat.cli.client.ClientListener;
import chat.cli.client.ConnectionState;
import chat.cli.client.GroupUpdate;
import chat.cli.client.PushedNotice;
import chat.cli.client.TrustState;
import chat.crypto.Bytes;
import chat.crypto.EnvelopeOpener;
import chat.crypto.IdentityKeyPair;
import chat.crypto.MalformedDataException;
import chat.protocol.GroupChange;
import chat.protocol.GroupEvent;
import chat.protocol.KeyChangeEvent;
import chat.protocol.MembershipChange;
import chat.protocol.MembershipEvent;
import chat.protocol.MessageEvent;
import chat.protocol.PresenceEvent;
import chat.protocol.PresenceStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key changes, joins and leaves the relay announces, and messages it pushes in conversations
 * alice's client does not list, as her client takes them: what the listeners are told, and what is
 * kept.
 */
class EventsTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One RSA key for every identity here; each differs by its Ed25519 key, which is cheap. */
  private static final IdentityKeyPair BASE =
      IdentityKeyPair.generate("base", RANDOM, Clock.systemUTC());

  @TempDir Path dir;

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final Listeners listeners = new Listeners();
  private final List<String> told = Collections.synchronizedList(new ArrayList<>());
  private Session session;

  /** The relay answering member lists, for the tests that ask one; else none is asked. */
  private MembersRelay relay;

  /** Whether alice's connection is gone, as the inbox asks when the relay could not answer. */
  private volatile boolean connectionGone = true;

  /** What asking the relay for a key does, for the tests that let one be asked. */
  private java.util.function.Supplier<RelayConnection> keyRelay =
      () -> {
        throw new AssertionError("nothing to fetch: the events bring every key");
      };

  /** The identity of {@code user} numbered {@code n}: the same n, the same key. */
  private static IdentityKeyPair identity(String user, int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[1] = 1;
    try {
      return IdentityKeyPair.fromKeys(user, 1_000L, BASE.rsaPrivateKeyPkcs8(), seed);
    } catch (MalformedDataException e) {
      throw new AssertionError(e);
    }
  }

  @BeforeEach
  void aliceLoggedIn() {
    Profile profile = new Profile(dir);
    ClientState state = ClientState.load(profile.state(), "127.0.0.1:9");
    ContactStore contacts = ContactStore.load(profile.contacts());
    KeyDirectory keys = new KeyDirectory(contacts, () -> keyRelay.get(), listeners::trust);
    MemberCache members =
        new MemberCache(
            () -> {
              if (relay == null) {
                throw new AssertionError("no member list asked");
              }
              return relay.connection;
            },
            contacts,
            Clock.systemUTC(),
            UnaryOperator.identity(),
            (conversation, text) -> {},
            timer);
    IdentityKeyPair alice = identity("alice", 0);
    Inbox inbox =
        new Inbox(
            state,
            keys,
            members,
            listeners,
            new EnvelopeOpener(RANDOM),
            () -> alice,
            Clock.systemUTC(),
            () -> connectionGone);
    session = new Session(profile, state, contacts, keys, members, inbox);
    session.me(alice, "alice");
    listeners.add(
        new ClientListener() {
          @Override
          public void onTrustChange(String username, TrustState trust) {
            told.add("trust " + username + " " + trust);
          }

          @Override
          public void onAdvice(Advice advice) {
            told.add("advice " + ((Advice.KeyChanged) advice).user());
          }

          @Override
          public void onKeyChangedPastMemory(Advice.KeyChanged changed) {
            told.add("past memory " + changed.user());
          }

          @Override
          public void onMembership(String conversation, String username, boolean joined) {
            told.add(username + (joined ? " joined " : " left ") + conversation);
          }

          @Override
          public void onPushedNotice(PushedNotice notice) {
            told.add("pushed " + notice.text());
          }
        });
    Events.loginAnnounced(session, listeners);
  }

  @AfterEach
  void stopTimer() throws IOException {
    timer.shutdownNow();
    if (relay != null) {
      relay.close();
    }
  }

  /** The relay announces key {@code n} of {@code user}. */
  private void announced(String user, int n) {
    new Events(session, listeners)
        .handle(new KeyChangeEvent(user, Bytes.of(identity(user, n).bundle().encode())));
  }

  /** Alice's client pinned key {@code n} of {@code user}, as at its first use. */
  private void pinned(String user, int n) {
    session.contacts.observe(identity(user, n).bundle());
  }

  /** Away is the user's: said on another device, it is this session's too, said once. */
  @Test
  void presenceOfThisUser_saidOnAnotherDevice_isThisSessionsAway_saidOnce() {
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    listeners.add(
        new ClientListener() {
          @Override
          public void onPresenceChange(String username, chat.cli.client.Presence presence) {
            heard.add("presence " + username);
          }

          @Override
          public void onNotice(String conversation, String text) {
            heard.add(text);
          }
        });
    Events events = new Events(session, listeners);

    events.handle(new PresenceEvent("Alice", PresenceStatus.AWAY, "lunch"));
    events.handle(new PresenceEvent("alice", PresenceStatus.AWAY, "lunch"));
    assertThat(session.away()).isEqualTo("lunch");
    events.handle(new PresenceEvent("alice", PresenceStatus.ONLINE));
    events.handle(new PresenceEvent("bob", PresenceStatus.AWAY, "gone"));

    assertThat(session.away()).isNull();
    assertThat(heard)
        .containsExactly(
            "another device of yours said you are away (\"lunch\"); /back when you return",
            "another device of yours said you are back",
            "presence bob");
  }

  /**
   * A session stopped (its reconnect found the keys replaced elsewhere) says no presence change
   * that the connection it stopped with delivered after: it is not online to see them.
   */
  @Test
  void presence_afterTheSessionWentOffline_isNotSaid() {
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    listeners.add(
        new ClientListener() {
          @Override
          public void onPresenceChange(String username, chat.cli.client.Presence presence) {
            heard.add("presence " + username);
          }
        });
    Events events = new Events(session, listeners);
    events.handle(new PresenceEvent("bob", PresenceStatus.AWAY, "gone"));

    session.connectionState(chat.cli.client.ConnectionState.OFFLINE);
    events.handle(new PresenceEvent("carol", PresenceStatus.ONLINE));

    assertThat(heard).containsExactly("presence bob");
  }

  /**
   * A friend change this user made on another device (wire version 14) reaches the listeners as
   * this user's own; a request of theirs answered there is news again when they ask once more.
   */
  @Test
  void ownFriendChange_saidOnAnotherDevice_isThisUsersOwn() {
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    listeners.add(
        new ClientListener() {
          @Override
          public void onFriendUpdate(String username, chat.cli.client.FriendUpdate update) {
            heard.add(username + " " + update);
          }
        });
    Events events = new Events(session, listeners);
    chat.protocol.FriendEvent request =
        new chat.protocol.FriendEvent("dave", chat.protocol.FriendChange.REQUESTED);

    events.handle(request);
    events.handle(new chat.protocol.FriendEvent("dave", chat.protocol.FriendChange.ACCEPTED, true));
    events.handle(new chat.protocol.FriendEvent("dave", chat.protocol.FriendChange.REMOVED, true));
    events.handle(request); // asked again: said again
    // this user's own requests are never a repeat of the relay's: each is said
    chat.protocol.FriendEvent own =
        new chat.protocol.FriendEvent("erin", chat.protocol.FriendChange.REQUESTED, true);
    events.handle(own);
    events.handle(own);

    assertThat(heard)
        .containsExactly(
            "dave REQUESTED",
            "dave OWN_ACCEPTED",
            "dave OWN_REMOVED",
            "dave REQUESTED",
            "erin OWN_REQUESTED",
            "erin OWN_REQUESTED");
  }

  /**
   * The relay tells a mute again after each login and reconnect: the same mute is said once, a
   * changed one again, and after its end a new one again; others' mutes are all said.
   */
  @Test
  void muteOfThisUser_toldAgainByTheRelay_saidOnce() {
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    listeners.add(
        new ClientListener() {
          @Override
          public void onGroupUpdate(GroupUpdate update) {
            heard.add(update.kind() + " " + update.target() + " " + update.until());
          }
        });
    Events events = new Events(session, listeners);
    GroupEvent muted =
        new GroupEvent("#team", "olivia", GroupChange.MUTED, "Alice", null, "calm", 5_000L);

    events.handle(muted);
    events.handle(muted); // a reconnect's reminder
    events.handle(new GroupEvent("#team", "olivia", GroupChange.MUTED, "bob", null));
    events.handle(new GroupEvent("#team", "olivia", GroupChange.MUTED, "bob", null));
    events.handle(
        new GroupEvent("#team", "olivia", GroupChange.MUTED, "alice", null, "calm", 9_000L));
    events.handle(new GroupEvent("#team", "olivia", GroupChange.UNMUTED, "alice", null));
    events.handle(muted);

    assertThat(heard)
        .containsExactly(
            "MUTED Alice 1970-01-01T00:00:05Z",
            "MUTED bob null",
            "MUTED bob null",
            "MUTED alice 1970-01-01T00:00:09Z",
            "UNMUTED alice null",
            "MUTED Alice 1970-01-01T00:00:05Z");
  }

  /**
   * The relay says nothing when a timed mute runs out: alice's client says it of her own, at its
   * end by this machine's clock, once, and only in a group it lists, also after she was made an
   * admin; a mute lifted, replaced by one without an end, or of someone else is never said to have
   * ended.
   */
  @Test
  void timedMuteOfThisUser_itsEndSaidOnce_byTheClientsClock() {
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    listeners.add(
        new ClientListener() {
          @Override
          public void onGroupUpdate(GroupUpdate update) {
            heard.add(update.kind() + " " + update.conversation() + " " + update.target());
          }
        });
    session.addConversation("#team");
    session.addConversation("#ops");
    session.addConversation("#dev");
    Events events = new Events(session, listeners);
    events.handle(new GroupEvent("#team", "olivia", GroupChange.MUTED, "Alice", null, "", 5_000L));
    events.handle(new GroupEvent("#team", "olivia", GroupChange.ADMIN, "alice", null)); // stays
    events.handle(new GroupEvent("#ops", "olivia", GroupChange.MUTED, "alice", null, "", 5_000L));
    events.handle(new GroupEvent("#ops", "olivia", GroupChange.UNMUTED, "alice", null));
    events.handle(new GroupEvent("#dev", "olivia", GroupChange.MUTED, "alice", null, "", 5_000L));
    events.handle(new GroupEvent("#dev", "olivia", GroupChange.MUTED, "alice", null));
    events.handle(new GroupEvent("#team", "olivia", GroupChange.MUTED, "bob", null, "", 1_000L));
    events.handle(new GroupEvent("#gone", "olivia", GroupChange.MUTED, "alice", null, "", 1_000L));
    heard.clear();

    assertThat(session.timedMutes.anyEnded(java.time.Instant.ofEpochMilli(4_999))).isTrue();
    events.mutesEnded(java.time.Instant.ofEpochMilli(4_999)); // #gone's, not listed: not said
    assertThat(heard).isEmpty();
    assertThat(session.timedMutes.anyEnded(java.time.Instant.ofEpochMilli(4_999))).isFalse();
    events.mutesEnded(java.time.Instant.ofEpochMilli(5_000));
    events.mutesEnded(java.time.Instant.ofEpochMilli(60_000));

    assertThat(heard).containsExactly("MUTE_ENDED #team alice");
    assertThat(session.timedMutes.anyEnded(java.time.Instant.ofEpochMilli(60_000))).isFalse();
    events.handle(new GroupEvent("#team", "olivia", GroupChange.MUTED, "alice", null, "", 5_000L));
    events.mutesEnded(java.time.Instant.ofEpochMilli(60_000));
    assertThat(heard)
        .as("the relay's reminder of the mute that ended (its clock behind): not said again")
        .containsExactly("MUTE_ENDED #team alice");
    events.handle(new GroupEvent("#team", "olivia", GroupChange.MUTED, "alice", null, "", 90_000L));
    events.handle(new GroupEvent("#team", "olivia", GroupChange.KICKED, "alice", null));
    events.mutesEnded(java.time.Instant.ofEpochMilli(90_000));
    assertThat(heard)
        .as("a new mute is said; once she is removed, its end is not")
        .containsExactly("MUTE_ENDED #team alice", "MUTED #team alice", "KICKED #team alice");
  }

  /**
   * While this client's own join awaits its reply, others' joins there are kept for the join to
   * tell (they were dropped as news of a room not listed), and the echo of its own join is not said
   * (the command says it); a failed join tells nothing, and a room not being joined stays silent.
   */
  @Test
  void joinsHeardWhileThisClientJoins_areKeptForTheJoin_itsOwnEchoIsNotSaid() {
    Events events = new Events(session, listeners);
    session.joining("#ops");
    events.handle(new MembershipEvent("#ops", "alice", MembershipChange.JOINED));
    events.handle(new MembershipEvent("#ops", "bob", MembershipChange.JOINED));
    events.handle(new MembershipEvent("#dev", "carol", MembershipChange.JOINED));

    assertThat(told).noneMatch(line -> line.contains("joined"));
    assertThat(session.joined("#ops", "#ops"))
        .containsExactly(new Session.Heard("#ops", "bob", true));
    assertThat(session.lists("#ops")).isTrue();
    events.handle(new MembershipEvent("#ops", "carol", MembershipChange.JOINED));
    assertThat(told).containsExactly("carol joined #ops");

    session.joining("#x");
    events.handle(new MembershipEvent("#x", "dave", MembershipChange.JOINED));
    assertThat(session.joined("#x", null)).isEmpty();
    assertThat(session.lists("#x")).isFalse();
  }

  /**
   * A friend request and an invitation not answered are told again by the relay after each login
   * and reconnect: said once; news of them in between (a withdrawal, an answer here) makes the next
   * one new.
   */
  @Test
  void requestsAndInvitationsToldAgainByTheRelay_saidOnce_untilAnsweredOrWithdrawn() {
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    listeners.add(
        new ClientListener() {
          @Override
          public void onFriendUpdate(String username, chat.cli.client.FriendUpdate update) {
            heard.add(username + " " + update);
          }

          @Override
          public void onGroupUpdate(GroupUpdate update) {
            heard.add(update.kind() + " " + update.conversation() + " by " + update.actor());
          }
        });
    Events events = new Events(session, listeners);
    chat.protocol.FriendEvent request =
        new chat.protocol.FriendEvent("dave", chat.protocol.FriendChange.REQUESTED);
    GroupEvent invited = new GroupEvent("#crew", "carol", GroupChange.INVITED, "alice", null);

    events.handle(request);
    events.handle(invited);
    events.handle(request); // a reconnect
    events.handle(invited);
    events.handle(new GroupEvent("#crew", "erin", GroupChange.INVITED, "alice", null));
    events.handle(new chat.protocol.FriendEvent("dave", chat.protocol.FriendChange.REMOVED));
    events.handle(request); // asked again
    session.invitationAnswered("#crew"); // declined here
    events.handle(invited); // invited again
    // joined and left on another device, then invited again
    events.handle(new MembershipEvent("#crew", "alice", MembershipChange.JOINED));
    events.handle(new MembershipEvent("#crew", "alice", MembershipChange.LEFT));
    events.handle(invited);

    assertThat(heard)
        .filteredOn(line -> line.startsWith("dave ") && line.contains("REQUEST"))
        .hasSize(2);
    assertThat(heard)
        .filteredOn(line -> line.startsWith("INVITED #crew"))
        .containsExactly(
            "INVITED #crew by carol",
            "INVITED #crew by erin",
            "INVITED #crew by carol",
            "INVITED #crew by carol");
  }

  /** The relay tells a mute again when the member joins the group again: said again then. */
  @Test
  void muteOfThisUser_saidAgainAfterLeavingAndJoiningTheGroupAgain() {
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    listeners.add(
        new ClientListener() {
          @Override
          public void onGroupUpdate(GroupUpdate update) {
            heard.add(update.kind() + " " + update.target());
          }
        });
    session.addConversation("#team");
    Events events = new Events(session, listeners);
    GroupEvent muted = new GroupEvent("#team", "olivia", GroupChange.MUTED, "alice", null);

    events.handle(muted);
    events.handle(new MembershipEvent("#team", "alice", MembershipChange.LEFT));
    session.addConversation("#team"); // joined again (the join's reply lists it)
    events.handle(muted);

    assertThat(heard).containsExactly("MUTED alice", "MUTED alice");
  }

  @Test
  void timedMutes_keepsAtMostMax() {
    TimedMutes mutes = new TimedMutes();
    for (int i = 0; i < TimedMutes.MAX + 5; i++) {
      mutes.muted("#g" + i, java.time.Instant.ofEpochMilli(1_000));
    }
    mutes.muted("#g0", java.time.Instant.ofEpochMilli(2_000)); // one kept may change
    assertThat(mutes.ended(java.time.Instant.ofEpochMilli(1_000))).hasSize(TimedMutes.MAX - 1);
    assertThat(mutes.ended(java.time.Instant.ofEpochMilli(2_000))).containsExactly("#g0");
  }

  @Test
  void deletion_toldOnlyInAListedConversation_andOnlyNamingRealUsers() {
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    listeners.add(
        new ClientListener() {
          @Override
          public void onDeleted(chat.cli.client.Deletion deletion) {
            heard.add(deletion.conversation() + " " + deletion.actor() + " " + deletion.sender());
          }
        });
    session.addConversation("#team");
    Events events = new Events(session, listeners);
    List<String> ids = List.of("ab".repeat(16));

    events.handle(new chat.protocol.DeletedEvent("#elsewhere", "olivia", "mallory", ids));
    events.handle(new chat.protocol.DeletedEvent("#team", "not a name", "mallory", ids));
    events.handle(new chat.protocol.DeletedEvent("#team", "olivia", "mallory", ids));

    assertThat(heard).containsExactly("#team olivia mallory");
  }

  @Test
  void keyChange_ofSomeoneNotPinned_pinsNothing_saysNothing() {
    for (int i = 0; i < 40; i++) {
      announced("stranger" + i, 1);
    }

    assertThat(told).isEmpty();
    assertThat(session.contacts.usernames()).isEmpty();
    assertThat(ContactStore.load(new Profile(dir).contacts()).usernames()).isEmpty();
  }

  @Test
  void keyChange_backToAKeyReplacedSince_saysSo() {
    List<Advice.KeyChanged> advised = Collections.synchronizedList(new ArrayList<>());
    listeners.add(
        new ClientListener() {
          @Override
          public void onAdvice(Advice advice) {
            advised.add((Advice.KeyChanged) advice);
          }
        });
    pinned("bob", 1);
    announced("bob", 2);
    session.contacts.accept("bob");

    announced("bob", 1); // the key bob replaced, served again

    assertThat(advised).extracting(Advice.KeyChanged::back).containsExactly(false, true);
    assertThat(advised.get(1).notice())
        .startsWith("bob's key changed BACK to one of theirs that you accepted before")
        .contains("it may have leaked")
        .endsWith("Sending to them is blocked until you compare the safety number and accept it");
  }

  @Test
  void keyChange_theSameNewKeyAnnouncedFortyTimes_saidOnce_anotherNewKeySaidAgain() {
    pinned("bob", 1);

    for (int i = 0; i < 40; i++) {
      announced("bob", 2);
    }
    assertThat(told).containsExactly("trust bob CHANGED", "advice bob");

    announced("bob", 3);
    announced("bob", 2);
    announced("bob", 3);
    assertThat(told).containsExactly("trust bob CHANGED", "advice bob", "advice bob");
    assertThat(session.contacts.state("bob")).isEqualTo(TrustState.CHANGED);
  }

  @Test
  void keyChange_eachContactHasItsOwnMemory() {
    pinned("bob", 1);
    pinned("carol", 1);

    announced("bob", 2);
    announced("carol", 2);
    announced("bob", 2);
    announced("carol", 2);

    assertThat(told)
        .containsExactly("trust bob CHANGED", "advice bob", "trust carol CHANGED", "advice carol");
  }

  @Test
  void keyChange_thePinnedKeyAgainThenTheSameNewKey_trustStateFollows_adviceSaidOnce() {
    pinned("bob", 1);

    announced("bob", 2);
    announced("bob", 1);
    announced("bob", 2);

    assertThat(told)
        .containsExactly(
            "trust bob CHANGED", "advice bob", "trust bob UNVERIFIED", "trust bob CHANGED");
    assertThat(session.contacts.state("bob")).isEqualTo(TrustState.CHANGED);
  }

  @Test
  void keyChange_afterTheNewKeyIsAccepted_aChangeIsSaidAgain_evenToAKeySaidBefore() {
    pinned("bob", 1);
    announced("bob", 2);

    session.contacts.accept("bob");
    announced("bob", 2); // the pin now: nothing changed
    announced("bob", 1);

    assertThat(told)
        .containsExactly("trust bob CHANGED", "advice bob", "trust bob CHANGED", "advice bob");
  }

  @Test
  void keyChange_moreNewKeysThanRemembered_theOthersGoThroughTheCap() {
    pinned("bob", 1);

    for (int n = 2; n < 2 + KeyChangesSaid.MAX_KEYS + 2; n++) {
      announced("bob", n);
    }

    assertThat(told).hasSize(1 + KeyChangesSaid.MAX_KEYS + 2);
    assertThat(told.subList(1, 1 + KeyChangesSaid.MAX_KEYS)).containsOnly("advice bob");
    assertThat(told.subList(1 + KeyChangesSaid.MAX_KEYS, told.size()))
        .containsExactly("past memory bob", "past memory bob");
  }

  /** The relay announces that {@code user} joined or left {@code conversation}. */
  private void membership(String conversation, String user, MembershipChange change) {
    MembershipEvent event = new MembershipEvent(conversation, user, change);
    Events.recordMembership(session, event);
    new Events(session, listeners).handle(event);
  }

  @Test
  void membership_ofOthersInConversationsNotListed_isToldNothing_inListedOnesIsTold() {
    session.addConversation("#ops");

    membership("#invented", "carol", MembershipChange.JOINED);
    membership("#invented", "carol", MembershipChange.LEFT);
    membership("@carol+dave", "carol", MembershipChange.JOINED);
    membership("#ops", "carol", MembershipChange.JOINED);

    assertThat(told).containsExactly("carol joined #ops");
    assertThat(session.conversations()).containsExactly("#ops");
  }

  @Test
  void membership_ownJoinListsTheConversation_thenOthersThereAreTold() {
    membership("#new", "Alice", MembershipChange.JOINED);
    membership("#new", "carol", MembershipChange.JOINED);
    membership("#new", "alice", MembershipChange.LEFT);
    membership("#new", "carol", MembershipChange.LEFT);

    assertThat(told).containsExactly("Alice joined #new", "carol joined #new", "alice left #new");
    assertThat(session.conversations()).isEmpty();
  }

  @Test
  void membership_ownJoinOfAListedOne_orLeaveOfOneNotListed_repeatedWithoutEnd_isToldOnce() {
    for (int i = 0; i < 50; i++) {
      membership("#new", "alice", MembershipChange.JOINED);
    }
    for (int i = 0; i < 50; i++) {
      membership("#new", "alice", MembershipChange.LEFT);
    }
    membership("#never", "alice", MembershipChange.LEFT);

    assertThat(told).containsExactly("alice joined #new", "alice left #new");
    assertThat(session.conversations()).isEmpty();
  }

  @Test
  void message_inARoomWhoseListDoesNotNameAlice_isIgnored_andTheListIsNotKept() throws Exception {
    relay = new MembersRelay(conversation -> List.of("carol", "dave"));

    pushedIn("#invented");

    assertThat(told)
        .containsExactly(
            "pushed the relay pushed a message in #invented, a conversation you are not in;"
                + " ignored");
    assertThat(session.lists("#invented")).isFalse();
    assertThat(session.members.cached("#invented")).isEmpty();
    assertThat(session.members.explains("#invented", MembersRelay.recipientSet("carol", "dave")))
        .isFalse();
  }

  @Test
  void message_inARoomNamingAlice_pastTheMostListed_isIgnored_andTheListIsNotKept()
      throws Exception {
    relay = new MembersRelay(conversation -> List.of("alice", "carol"));
    for (int i = 0; i < PushedNotice.MAX_LISTED; i++) {
      session.addConversation("#room" + i);
    }

    pushedIn("#named");

    assertThat(told)
        .containsExactly(
            "pushed the relay put you in #named, past the "
                + PushedNotice.MAX_LISTED
                + " conversations this client lists; ignored");
    assertThat(session.lists("#named")).isFalse();
    assertThat(session.members.cached("#named")).isEmpty();
    assertThat(session.members.explains("#named", MembersRelay.recipientSet("alice", "carol")))
        .isFalse();
  }

  @Test
  void privateConversationsTheRelayOpensAndClosesWithoutEnd_keepAtMostTheMostUnlistedCursors() {
    session.connectionState(ConnectionState.ONLINE);
    Events events = new Events(session, listeners);
    int cycles = ClientState.MAX_UNLISTED_CURSORS + 20;

    for (int i = 0; i < cycles; i++) {
      String direct = "@alice+made" + i;
      events.handle(new MessageEvent(direct, 1, 1_000L, Bytes.of(new byte[] {1})));
      events.handle(new MembershipEvent(direct, "alice", MembershipChange.LEFT));
    }

    assertThat(session.conversations()).isEmpty();
    int kept = 0;
    for (int i = 0; i < cycles; i++) {
      kept += session.state.cursor("@alice+made" + i).isPresent() ? 1 : 0;
    }
    assertThat(kept).isEqualTo(ClientState.MAX_UNLISTED_CURSORS);
    assertThat(session.state.cursor("@alice+made0")).isEmpty();
    assertThat(session.state.cursor("@alice+made" + (cycles - 1))).contains(1L);
  }

  /**
   * A message after a gap needs a catch-up from the relay. When the client has closed (a one-shot
   * command done while others post: the session is offline and has no connection), the catch-up's
   * "not connected" is not said: the message stays unhandled, for the next login's catch-up.
   */
  @Test
  void message_afterAGap_whenTheClientHasClosed_saysNothingAndKeepsTheCursor() {
    List<String> notices = Collections.synchronizedList(new ArrayList<>());
    listeners.add(
        new ClientListener() {
          @Override
          public void onNotice(String conversation, String text) {
            notices.add(conversation + ": " + text);
          }
        });
    session.addConversation("#team");
    session.state.advance("#team", 5);
    MessageEvent afterGap = new MessageEvent("#team", 9, 1_000L, Bytes.of(new byte[] {1}));

    session.connectionState(ConnectionState.OFFLINE);
    new Events(session, listeners).handle(afterGap);
    assertThat(notices).isEmpty();
    assertThat(session.state.cursor("#team")).hasValue(5L);
  }

  /** The relay pushes a message in {@code conversation}, which alice's client does not list. */
  private void pushedIn(String conversation) {
    session.connectionState(ConnectionState.ONLINE);
    new Events(session, listeners)
        .handle(new MessageEvent(conversation, 1, 1_000L, Bytes.of(new byte[] {1})));
  }

  /**
   * A pushed message whose sender's key the relay could not be asked for (the connection dropped,
   * or the relay stopped) is not read: the read position stays before it, a message pushed after it
   * waits for it, and neither is shown, so that the catch-up after the reconnect, or the retry,
   * delivers both in order. Before, the read position moved past it and no catch-up asked again.
   */
  @Test
  void pushedMessage_theRelayCannotBeAskedForTheKey_isNotRead_andTheNextWaitsForIt() {
    List<String> shown = Collections.synchronizedList(new ArrayList<>());
    listeners.add(
        new ClientListener() {
          @Override
          public void onMessage(chat.cli.client.ChatMessage message) {
            shown.add(message.text());
          }

          @Override
          public void onLeftOutPushed(chat.cli.client.LeftOutMessages left) {
            shown.add("left out " + left);
          }

          @Override
          public void onNotice(String conversation, String text) {
            shown.add(conversation + ": " + text);
          }
        });
    keyRelay =
        () -> {
          throw new chat.cli.CommandException.Network("connection to the relay lost", null);
        };
    session.connectionState(ConnectionState.ONLINE);
    session.addConversation("#team");
    session.state.advance("#team", 7);
    IdentityKeyPair bob = identity("bob", 1);
    IdentityKeyPair alice = identity("alice", 0);
    Events events = new Events(session, listeners);

    events.handle(sealedTo(alice, bob, "#team", 8, "lost before"));
    events.handle(sealedTo(alice, bob, "#team", 9, "after it"));

    assertThat(shown).isEmpty(); // the connection is gone: no notice, nothing left out
    assertThat(session.state.cursor("#team")).contains(7L);
    assertThat(session.inbox.stalled.holds("#team")).isTrue();
  }

  /**
   * Over a connection still up, the relay stopping waits as a lost connection does; another refusal
   * (its database failing) is its answer about the message: left out, as before.
   */
  @Test
  void pushedMessage_keyRefusedOverALiveConnection_waitsOnlyWhenTheRelayIsStopping() {
    List<String> shown = Collections.synchronizedList(new ArrayList<>());
    listeners.add(
        new ClientListener() {
          @Override
          public void onLeftOutPushed(chat.cli.client.LeftOutMessages left) {
            shown.add("left out #" + left.seqs() + " " + left.reason());
          }
        });
    connectionGone = false;
    session.connectionState(ConnectionState.ONLINE);
    session.addConversation("#team");
    session.addConversation("#ops");
    session.state.advance("#team", 7);
    session.state.advance("#ops", 3);
    IdentityKeyPair bob = identity("bob", 1);
    IdentityKeyPair alice = identity("alice", 0);
    Events events = new Events(session, listeners);

    keyRelay =
        () -> {
          throw new chat.cli.CommandException.Network(
              "the relay refused: stopping (SHUTTING_DOWN)",
              null,
              chat.protocol.ErrorCode.SHUTTING_DOWN);
        };
    events.handle(sealedTo(alice, bob, "#team", 8, "as it stops"));
    keyRelay =
        () -> {
          throw new chat.cli.CommandException.Network(
              "the relay refused: database locked (STORAGE_UNAVAILABLE)",
              null,
              chat.protocol.ErrorCode.STORAGE_UNAVAILABLE);
        };
    events.handle(sealedTo(alice, bob, "#ops", 4, "a refusal"));

    assertThat(session.state.cursor("#team")).contains(7L);
    assertThat(session.inbox.stalled.holds("#team")).isTrue();
    assertThat(session.state.cursor("#ops")).contains(4L);
    assertThat(session.inbox.stalled.holds("#ops")).isFalse();
    assertThat(shown).containsExactly("left out #[4] NO_KEY");
  }

  /** A message event of {@code text} from {@code sender} to {@code reader} alone. */
  private static MessageEvent sealedTo(
      IdentityKeyPair reader, IdentityKeyPair sender, String conversation, long seq, String text) {
    byte[] form =
        new chat.crypto.EnvelopeSealer(RANDOM, Clock.systemUTC())
            .seal(
                sender,
                conversation,
                List.of(reader.bundle(), sender.bundle()),
                Content.encode(new Content.Text(text, null, null, null, null)))
            .forRecipient(reader.userId())
            .orElseThrow()
            .encode();
    return new MessageEvent(conversation, seq, System.currentTimeMillis(), Bytes.of(form));
  }
}
