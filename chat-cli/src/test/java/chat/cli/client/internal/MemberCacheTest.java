package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.crypto.Bytes;
import chat.crypto.Fingerprint;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.Recipient;
import chat.crypto.RecipientSet;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipient sets of recent member lists, as a relay that answers a list for every conversation
 * it invents leaves them: bounded, and what is forgotten only costs a list fetched anew.
 */
class MemberCacheTest {
  private static final int MAX = MemberCache.MAX_RECENT_CONVERSATIONS;
  private static final Bytes ALICE_AND_CAROL = MembersRelay.recipientSet("alice", "carol");

  @TempDir Path dir;

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private MembersRelay relay;
  private MemberCache members;

  @BeforeEach
  void relayListsAliceAndCarolEverywhere() throws IOException {
    relay =
        new MembersRelay(
            conversation ->
                switch (conversation) {
                  case "#empty" -> List.of();
                  case "#twice" -> List.of("alice", "carol", "alice");
                  default -> List.of("alice", "carol");
                });
    members =
        new MemberCache(
            () -> relay.connection,
            ContactStore.load(new Profile(dir).contacts()),
            Clock.systemUTC(),
            UnaryOperator.identity(),
            (conversation, text) -> {},
            timer);
  }

  @AfterEach
  void stop() throws IOException {
    timer.shutdownNow();
    relay.close();
  }

  /** Fetches the lists of {@code #room<from>} to {@code #room<to - 1>}. */
  private void listed(int from, int to) {
    for (int i = from; i < to; i++) {
      members.refresh("#room" + i);
    }
  }

  @Test
  void refresh_moreConversationsThanKept_keepsTheRecipientSetsOfTheNewest() {
    listed(0, MAX + 10);

    assertThat(members.conversationsRecent()).isEqualTo(MAX);
    assertThat(members.explains("#room" + (MAX + 9), ALICE_AND_CAROL)).isTrue();
    assertThat(members.explains("#room9", ALICE_AND_CAROL)).isFalse();
  }

  @Test
  void explains_keepsAConversationCheckedSince_forgetsTheOneUsedLongestAgo() {
    listed(0, MAX);
    assertThat(members.explains("#room0", ALICE_AND_CAROL)).isTrue();

    listed(MAX, MAX + 1);

    assertThat(members.explains("#room0", ALICE_AND_CAROL)).isTrue();
    assertThat(members.explains("#room1", ALICE_AND_CAROL)).isFalse();
  }

  @Test
  void explains_aConversationForgotten_explainsAgainOnceItsListIsFetchedAnew() {
    listed(0, MAX + 1);
    assertThat(members.explains("#room0", ALICE_AND_CAROL)).isFalse();

    members.refresh("#room0");

    assertThat(members.explains("#room0", ALICE_AND_CAROL)).isTrue();
    assertThat(members.explains("#room0", MembersRelay.recipientSet("alice"))).isFalse();
  }

  /**
   * A sender who accepted carol's new key seals to the keys the relay lists, while this client
   * still holds carol's old pin: the same members, with another key of carol's, which is said as
   * such rather than as a different set of members. A set with a member more is not explained.
   */
  @Test
  void explains_theRelaysKeysOfAMemberWhosePinDiffers_asWellAsThePinned() {
    ContactStore contacts = ContactStore.load(new Profile(dir).contacts());
    IdentityBundle oldCarol =
        IdentityKeyPair.generate("carol", new SecureRandom(), Clock.systemUTC()).bundle();
    contacts.observe(oldCarol);
    MemberCache withPin =
        new MemberCache(
            () -> relay.connection,
            contacts,
            Clock.systemUTC(),
            UnaryOperator.identity(),
            (conversation, text) -> {},
            timer);

    withPin.refresh("#room0");

    Fingerprint listed = Fingerprint.of(HexFormat.of().parseHex(MembersRelay.KEY));
    Bytes pinned =
        RecipientSet.hash(
            List.of(
                new Recipient("alice", listed), new Recipient("carol", oldCarol.fingerprint())));
    assertThat(withPin.explanation("#room0", pinned)).contains(List.of());
    assertThat(withPin.explanation("#room0", ALICE_AND_CAROL)).contains(List.of("carol"));
    assertThat(withPin.explains("#room0", MembersRelay.recipientSet("alice", "carol", "mallory")))
        .isFalse();
  }

  /**
   * A relay answering each list with thousands of names of its own making, fetched again and again:
   * the recent snapshots keep a bounded number of names in all, not {@link Pages#MAX_MEMBERS} for
   * each of the sixteen snapshots of a thousand conversations.
   */
  @Test
  void refresh_manyLongListsOfNewNames_keepsABoundedNumberOfNames() throws IOException {
    int size = 2_000;
    AtomicInteger fetches = new AtomicInteger();
    try (MembersRelay inventing =
        new MembersRelay(
            conversation -> {
              int fetch = fetches.incrementAndGet();
              return IntStream.range(0, size).mapToObj(i -> "u" + fetch + "x" + i).toList();
            })) {
      MemberCache cache =
          new MemberCache(
              () -> inventing.connection,
              ContactStore.load(new Profile(dir).contacts()),
              Clock.systemUTC(),
              UnaryOperator.identity(),
              (conversation, text) -> {},
              timer);

      for (int i = 0; i < 3 * MemberCache.MAX_NAMES_KEPT / size; i++) {
        cache.refresh("#room" + i % 4);
      }

      assertThat(cache.namesKept()).isLessThanOrEqualTo(MemberCache.MAX_NAMES_KEPT);
    }
  }

  /**
   * A set that is a kept list without its sender: said to leave the sender out, whatever the case
   * of the name, also once the list is older than a recent one (a message it explained a moment ago
   * does not come from outside as it ages). A set no list has says nothing either way.
   */
  @Test
  void leavesOut_onlyWhereAKeptListWithThatSetDoesNotNameTheSender() {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    MemberCache cache =
        new MemberCache(
            () -> relay.connection,
            ContactStore.load(new Profile(dir).contacts()),
            new Clock() {
              @Override
              public ZoneId getZone() {
                return ZoneOffset.UTC;
              }

              @Override
              public Clock withZone(ZoneId zone) {
                return this;
              }

              @Override
              public Instant instant() {
                return Instant.ofEpochMilli(now.get());
              }
            },
            UnaryOperator.identity(),
            (conversation, text) -> {},
            timer);
    cache.refresh("#room0");

    assertThat(cache.leavesOut("#room0", ALICE_AND_CAROL, "mallory")).isTrue();
    assertThat(cache.leavesOut("#room0", ALICE_AND_CAROL, "Carol")).isFalse();
    assertThat(cache.leavesOut("#room1", ALICE_AND_CAROL, "mallory")).isFalse();
    Bytes withMallory = MembersRelay.recipientSet("alice", "carol", "mallory");
    assertThat(cache.leavesOut("#room0", withMallory, "mallory")).isFalse();

    now.addAndGet(MemberCache.RECENT_MILLIS + 1);

    assertThat(cache.explains("#room0", ALICE_AND_CAROL)).isFalse();
    assertThat(cache.leavesOut("#room0", ALICE_AND_CAROL, "mallory")).isTrue();
    assertThat(cache.leavesOut("#room0", ALICE_AND_CAROL, "alice")).isFalse();
  }

  @Test
  void refresh_aListNoMessageCouldBeSealedTo_isRefusedAsTheRelaysFault_andNotKept() {
    for (String conversation : List.of("#empty", "#twice")) {
      assertThatThrownBy(() -> members.refresh(conversation))
          .isInstanceOf(CommandException.Network.class)
          .hasMessageStartingWith(
              "the relay's list of the members of " + conversation + " is not a set of recipients");
    }
    assertThat(members.conversationsRecent()).isZero();
    members.refresh("#room0");
    assertThat(members.explains("#room0", ALICE_AND_CAROL)).isTrue();
  }
}
