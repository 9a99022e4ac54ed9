package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The members a relay lists against those it announced: a join event that races the list or the
 * join reply is no hidden member; a member nobody announced is reported once and refuses one send.
 */
class AnnouncedMembersTest {
  private static final Duration GRACE = Duration.ofSeconds(2);

  private final AtomicLong nanos = new AtomicLong(1_000);
  private final List<String> notices = new CopyOnWriteArrayList<>();
  private final AnnouncedMembers members =
      new AnnouncedMembers(
          GRACE, nanos::get, UnaryOperator.identity(), (conversation, text) -> notices.add(text));

  private void graceEnds() {
    nanos.addAndGet(GRACE.toNanos());
  }

  private void joined(String... usernames) {
    long since = members.joining("#r");
    members.baseline("#r", List.of(usernames), since);
  }

  @Test
  void listed_joinEventArrivesJustAfterTheList_isNotReported() {
    joined("alice");

    assertThat(members.listed("#r", List.of("alice", "bob"), members.mark())).isTrue();
    members.announced("#r", "bob", true);
    graceEnds();
    members.settle("#r");

    assertThat(notices).isEmpty();
    assertThat(members.takeUnannounced("#r")).isEmpty();
  }

  @Test
  void baseline_joinAnnouncedBeforeTheJoinReplyWasTakenIn_isKnown() {
    long since = members.joining("#r");
    members.announced("#r", "bob", true); // read right after the reply, before the baseline
    members.baseline("#r", List.of("alice"), since);

    assertThat(members.listed("#r", List.of("alice", "bob"), members.mark())).isFalse();
    graceEnds();

    assertThat(members.takeUnannounced("#r")).isEmpty();
    assertThat(notices).isEmpty();
  }

  @Test
  void listed_madeBeforeAnAnnouncedJoin_keepsTheNewMember() {
    joined("alice");
    long since = members.mark();
    members.announced("#r", "bob", true);
    members.listed("#r", List.of("alice"), since); // the relay listed before bob's join

    assertThat(members.listed("#r", List.of("alice", "bob"), members.mark())).isFalse();
    graceEnds();

    assertThat(members.takeUnannounced("#r")).isEmpty();
    assertThat(notices).isEmpty();
  }

  @Test
  void listed_madeBeforeAnAnnouncedLeave_doesNotKeepTheLeaver() {
    joined("alice", "bob");
    long since = members.mark();
    members.announced("#r", "bob", false);

    assertThat(members.listed("#r", List.of("alice", "bob"), since)).isFalse();
    assertThat(members.listed("#r", List.of("alice", "bob"), members.mark())).isTrue();
    graceEnds();

    assertThat(members.takeUnannounced("#r")).containsExactly("bob");
  }

  @Test
  void listed_memberNobodyAnnounced_isReportedOnceAfterTheGrace_andTakenByOneSend() {
    joined("alice");

    members.listed("#r", List.of("alice", "mallory"), members.mark());
    members.settle("#r");
    assertThat(notices).isEmpty();
    graceEnds();
    members.settle("#r");
    members.listed("#r", List.of("alice", "mallory"), members.mark());
    members.settle("#r");

    assertThat(notices)
        .containsExactly(
            "the relay lists mallory as a member of #r without having announced the join to this"
                + " client; what you send there is encrypted to them too");
    assertThat(members.takeUnannounced("#r")).containsExactly("mallory");
    assertThat(members.takeUnannounced("#r")).isEmpty();
  }

  /** The notice names the conversation as the person does: a private one as @bob. */
  @Test
  void listed_memberNobodyAnnouncedInAPrivateConversation_namedAsThePersonNamesIt() {
    AnnouncedMembers direct =
        new AnnouncedMembers(
            GRACE,
            nanos::get,
            id -> id.equals("@alice+bob") ? "@bob" : id,
            (c, t) -> notices.add(t));
    direct.listed("@alice+bob", List.of("alice", "bob"), direct.mark());

    direct.listed("@alice+bob", List.of("alice", "bob", "mallory"), direct.mark());
    graceEnds();
    direct.settle("@alice+bob");

    assertThat(notices)
        .containsExactly(
            "the relay lists mallory as a member of @bob without having announced the join to this"
                + " client; what you send there is encrypted to them too");
  }

  @Test
  void listed_memberWhoLeftListedAgainWithoutAJoin_isReported() {
    joined("alice", "mallory");
    members.announced("#r", "mallory", false); // left, or kicked: a kick is a leave

    members.listed("#r", List.of("alice", "mallory"), members.mark());
    graceEnds();

    assertThat(members.takeUnannounced("#r")).containsExactly("mallory");
  }

  @Test
  void takeUnannounced_memberStillInTheGrace_reportsThemWhenItEnds() {
    joined("alice");
    members.listed("#r", List.of("alice", "mallory"), members.mark());
    graceEnds();

    assertThat(members.takeUnannounced("#r")).containsExactly("mallory");
    assertThat(notices).hasSize(1);
  }

  @Test
  void takeUnannounced_joinEventOnItsWay_waitsForIt_notForTheWholeGrace() throws Exception {
    AnnouncedMembers live =
        new AnnouncedMembers(
            Duration.ofSeconds(30),
            System::nanoTime,
            UnaryOperator.identity(),
            (c, t) -> notices.add(t));
    live.baseline("#r", List.of("alice"), live.joining("#r"));
    live.listed("#r", List.of("alice", "bob"), live.mark());
    Thread reader =
        new Thread(
            () -> {
              try {
                Thread.sleep(200);
              } catch (InterruptedException e) {
                return;
              }
              live.announced("#r", "bob", true);
            });
    long start = System.nanoTime();
    reader.start();

    assertThat(live.takeUnannounced("#r")).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(notices).isEmpty();
    reader.join();
  }

  @Test
  void listed_firstListOfAConversationNotJoinedHere_isTakenAsItIs() {
    assertThat(members.listed("#r", List.of("alice", "bob"), members.mark())).isFalse();
    graceEnds();

    assertThat(members.takeUnannounced("#r")).isEmpty();
    assertThat(notices).isEmpty();
  }

  @Test
  void announced_joinsInMoreConversationsThanKept_keepsTheNewest() {
    for (int i = 0; i < AnnouncedMembers.MAX_HEARD_CONVERSATIONS * 4; i++) {
      members.announced("#invented" + i, "carol", true);
    }

    assertThat(members.conversationsHeard()).isEqualTo(AnnouncedMembers.MAX_HEARD_CONVERSATIONS);
  }

  @Test
  void announced_moreMembersInOneConversationThanKept_keepsTheNewest() {
    for (int i = 0; i < AnnouncedMembers.MAX_HEARD_PER_CONVERSATION * 4; i++) {
      members.announced("#invented", "user" + i, true);
    }

    assertThat(members.mostHeardInOne()).isEqualTo(AnnouncedMembers.MAX_HEARD_PER_CONVERSATION);
  }

  /**
   * Bob's join is announced while a list is on its way, then {@code others} conversations' joins.
   */
  private void bobJoinsWhileListedThenJoinsIn(int others) {
    joined("alice");
    long since = members.mark();
    members.announced("#r", "bob", true);
    for (int i = 0; i < others; i++) {
      members.announced("#invented" + i, "carol", true);
    }
    members.listed("#r", List.of("alice"), since); // made before bob's join
    members.listed("#r", List.of("alice", "bob"), members.mark());
    graceEnds();
  }

  @Test
  void announced_joinsInOtherConversationsWithinTheBound_aJoinOnItsWayStillCounts() {
    bobJoinsWhileListedThenJoinsIn(AnnouncedMembers.MAX_HEARD_CONVERSATIONS - 1);

    assertThat(members.takeUnannounced("#r")).isEmpty();
    assertThat(notices).isEmpty();
  }

  @Test
  void announced_joinsInMoreOtherConversationsThanKept_theJoinForgotten_isReportedAsNeverSent() {
    bobJoinsWhileListedThenJoinsIn(AnnouncedMembers.MAX_HEARD_CONVERSATIONS);

    assertThat(members.takeUnannounced("#r")).containsExactly("bob");
    assertThat(notices).hasSize(1);
  }

  @Test
  void announced_moreJoinsInAConversationJoinedThanKept_keepsTheNewestBeyondTheList() {
    joined("alice");
    for (int i = 0; i < AnnouncedMembers.MAX_JOINED_PER_CONVERSATION * 4; i++) {
      members.announced("#r", "invented" + i, true);
    }

    assertThat(members.mostKnownInOne())
        .isEqualTo(1 + AnnouncedMembers.MAX_JOINED_PER_CONVERSATION);
  }

  /** Bob's join is announced in #r, which alice is in, then {@code others} joins there. */
  private void bobJoinsThenOthers(int others) {
    joined("alice");
    members.announced("#r", "bob", true);
    for (int i = 0; i < others; i++) {
      members.announced("#r", "invented" + i, true);
    }
    members.listed("#r", List.of("alice", "bob"), members.mark());
    graceEnds();
  }

  @Test
  void announced_joinsThereWithinTheBound_theEarlierJoinStillCounts() {
    bobJoinsThenOthers(AnnouncedMembers.MAX_JOINED_PER_CONVERSATION - 1);

    assertThat(members.takeUnannounced("#r")).isEmpty();
    assertThat(notices).isEmpty();
  }

  @Test
  void announced_moreJoinsThereThanKept_theMemberForgotten_isReportedAsNeverAnnounced() {
    bobJoinsThenOthers(AnnouncedMembers.MAX_JOINED_PER_CONVERSATION);

    assertThat(members.takeUnannounced("#r")).containsExactly("bob");
    assertThat(notices).hasSize(1);
  }

  @Test
  void announced_aMemberOfTheListJoinsAgainAfterMany_isStillKnown() {
    joined("alice", "bob");
    for (int i = 0; i < AnnouncedMembers.MAX_JOINED_PER_CONVERSATION * 2; i++) {
      members.announced("#r", "invented" + i, true);
    }
    members.listed("#r", List.of("alice", "bob"), members.mark());
    graceEnds();

    assertThat(members.takeUnannounced("#r")).isEmpty();
  }
}
