package chat.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import chat.cli.client.ChatMessage;
import chat.cli.client.KeptList;
import chat.cli.client.MemberView;
import chat.cli.client.RoomView;
import chat.cli.client.TrustState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TuiModelTest {
  @Test
  void setClientConversations_newOnes_keepPlacesAndAppend() {
    TuiModel model = new TuiModel();
    model.setClientConversations(List.of("#lobby"), KeptList.NONE, true);

    model.setClientConversations(List.of("#dev", "#lobby"), KeptList.NONE, true);

    assertThat(model.conversations()).containsExactly("#lobby", "#dev");
  }

  @Test
  void setClientConversations_authoritative_dropsLeftOnesAndMovesCurrentUp() {
    TuiModel model = new TuiModel();
    model.setClientConversations(List.of("#a", "#b", "#c"), KeptList.NONE, true);
    model.select("#b");

    model.setClientConversations(List.of("#a", "#c"), KeptList.NONE, true);

    assertThat(model.conversations()).containsExactly("#a", "#c");
    assertThat(model.current()).isEqualTo("#a");
  }

  @Test
  void setClientConversations_notAuthoritative_keepsEverything() {
    TuiModel model = new TuiModel();
    model.setClientConversations(List.of("#a", "#b"), KeptList.NONE, true);

    model.setClientConversations(List.of(), KeptList.NONE, false);

    assertThat(model.conversations()).containsExactly("#a", "#b");
  }

  @Test
  void setClientConversations_keptOrder_placesTheFirstListAsKept_thenNewOnesGoToTheEnd() {
    TuiModel model = new TuiModel();

    model.setClientConversations(
        List.of("#dev", "#lobby", "#zeta", "@alice+bob"),
        kept("#lobby", "@alice+bob", "#zeta", "#gone", "#dev"),
        true);
    model.setClientConversations(
        List.of("#aaa", "#dev", "#lobby", "#zeta", "@alice+bob"), kept("#aaa"), true);

    assertThat(model.conversations())
        .containsExactly("#lobby", "@alice+bob", "#zeta", "#dev", "#aaa");
    assertThat(model.listToKeep().map(KeptList::order)).contains(model.conversations());
  }

  @Test
  void list_beforeTheFirstAuthoritativeList_placesAsKeptAroundWhatArrivedFirst() {
    TuiModel model = new TuiModel();
    model.incoming(Messages.of("@alice+carol", 1, "carol", "early"), "alice");
    model.setClientConversations(List.of("#b", "#lobby"), kept("#lobby", "#b"), false);
    assertThat(model.listToKeep()).isEmpty();

    model.setClientConversations(
        List.of("#a", "#b", "#lobby", "@alice+carol"), kept("#lobby", "#b", "#a"), true);

    assertThat(model.conversations()).containsExactly("#lobby", "#b", "#a", "@alice+carol");
  }

  @Test
  void keptUnread_addedOnceWhenTheListSettles_toListedConversationsOnly() {
    TuiModel model = new TuiModel();
    model.incoming(Messages.of("#a", 1, "bob", "arrived while away"), "alice");
    KeptList kept =
        new KeptList(
            List.of("#a", "#b"),
            Map.of(
                "#a", new KeptList.Unread(2, false),
                "#b", new KeptList.Unread(1, true),
                "#left", new KeptList.Unread(5, true)));
    model.setClientConversations(List.of("#a", "#b"), kept, false);
    assertThat(model.buffer("#a").unread()).isEqualTo(1);

    model.setClientConversations(List.of("#a", "#b"), kept, true);
    model.setClientConversations(List.of("#a", "#b"), kept, true);

    assertThat(model.buffer("#a").unread()).isEqualTo(3);
    assertThat(model.buffer("#a").activity()).isEqualTo(Activity.ROOM);
    assertThat(model.buffer("#b").activity()).isEqualTo(Activity.PRIVATE);
    assertThat(model.conversations()).doesNotContain("#left");
    model.select("#b");
    assertThat(model.listToKeep().orElseThrow().unread())
        .containsOnlyKeys("#a")
        .hasEntrySatisfying("#a", u -> assertThat(u.messages()).isEqualTo(3));
  }

  @Test
  void forgetAll_atLogOut_keepsNothingUntilTheNextUsersListIsSettled() {
    TuiModel model = new TuiModel();
    model.setClientConversations(List.of("#a", "#b"), KeptList.NONE, true);

    model.forgetAll();
    assertThat(model.listToKeep()).isEmpty();
    model.setClientConversations(List.of("#c", "#d"), kept("#d", "#c"), true);

    assertThat(model.conversations()).containsExactly("#d", "#c");
    assertThat(model.listToKeep().map(KeptList::order)).contains(List.of("#d", "#c"));
  }

  @Test
  void incoming_otherConversation_countsUnreadButOwnAndCurrentDoNot() {
    TuiModel model = new TuiModel();
    model.select("#a");

    model.incoming(Messages.of("#a", 1, "bob", "here"), "alice");
    model.incoming(Messages.of("#b", 2, "bob", "there"), "alice");
    model.incoming(
        new ChatMessage("#b", 3, "%032x".formatted(3), "alice", 1, 1, "mine", true), "alice");

    assertThat(model.buffer("#a").unread()).isZero();
    assertThat(model.buffer("#b").unread()).isEqualTo(1);
    assertThat(model.buffer("#b").activity()).isEqualTo(Activity.ROOM);
    assertThat(model.conversations()).containsExactly("#a", "#b");
  }

  @Test
  void incoming_directOrMention_isPrivateActivity() {
    TuiModel model = new TuiModel();

    model.incoming(Messages.of("@alice+bob", 1, "bob", "psst"), "alice");
    model.incoming(Messages.of("#dev", 2, "bob", "ask Alice!"), "alice");
    model.incoming(Messages.of("#ops", 3, "bob", "ask malice"), "alice");

    assertThat(model.buffer("@alice+bob").activity()).isEqualTo(Activity.PRIVATE);
    assertThat(model.buffer("#dev").activity()).isEqualTo(Activity.PRIVATE);
    assertThat(model.buffer("#ops").activity()).isEqualTo(Activity.ROOM);
  }

  @Test
  void nextActive_privateBeforeRoom_thenNothing() {
    TuiModel model = new TuiModel();
    model.incoming(Messages.of("#dev", 1, "bob", "room"), "alice");
    model.incoming(Messages.of("@alice+bob", 2, "bob", "private"), "alice");

    model.select(model.nextActive().orElseThrow());
    assertThat(model.current()).isEqualTo("@alice+bob");
    model.select(model.nextActive().orElseThrow());
    assertThat(model.current()).isEqualTo("#dev");
    assertThat(model.nextActive()).isEmpty();
  }

  @Test
  void neighbour_pastEnd_cyclesThroughStatus() {
    TuiModel model = new TuiModel();
    model.setClientConversations(List.of("#a", "#b"), KeptList.NONE, true);

    assertThat(model.neighbour(1)).isEqualTo("#a");
    assertThat(model.neighbour(-1)).isEqualTo("#b");
    model.select("#b");
    assertThat(model.neighbour(1)).isEqualTo(TuiModel.STATUS);
  }

  @Test
  void forget_current_selectsPrevious() {
    TuiModel model = new TuiModel();
    model.setClientConversations(List.of("#a", "#b"), KeptList.NONE, true);
    model.select("#b");

    model.forget("#b");

    assertThat(model.current()).isEqualTo("#a");
    model.forget("#a");
    assertThat(model.current()).isEqualTo(TuiModel.STATUS);
  }

  @Test
  void forget_current_goesToTheLobbyWhenListed() {
    TuiModel model = new TuiModel();
    model.setClientConversations(List.of("#lobby", "#a", "#b"), KeptList.NONE, true);
    model.select("#b");

    model.forget("#b");

    assertThat(model.current()).isEqualTo("#lobby");
  }

  /** A list asked for before bob logged in, answered after the news of it: bob stays online. */
  @Test
  void setMembers_aListFetchedBeforeAPresenceChangeHeard_keepsTheChange() {
    TuiModel model = new TuiModel();
    long before = model.presenceMark();
    model.updatePresence("bob", true); // heard while the list was being fetched
    long after = model.presenceMark();
    List<MemberView> stale =
        List.of(
            new MemberView("bob", false, TrustState.UNVERIFIED),
            new MemberView("amy", false, TrustState.UNVERIFIED));

    model.setMembers("#a", stale, before);
    assertThat(model.members("#a"))
        .extracting(MemberView::username, MemberView::online)
        .containsExactly(tuple("bob", true), tuple("amy", false));

    model.setMembers("#a", stale, after); // asked for after the news: the list is newer
    assertThat(model.members("#a"))
        .extracting(MemberView::username, MemberView::online)
        .containsExactly(tuple("amy", false), tuple("bob", false));
  }

  @Test
  void members_presenceAndTrustEvents_sortedOnlineFirstAndUpdated() {
    TuiModel model = new TuiModel();
    model.setMembers(
        "#a",
        List.of(
            new MemberView("zed", true, TrustState.UNVERIFIED),
            new MemberView("amy", false, TrustState.UNVERIFIED),
            new MemberView("bob", true, TrustState.UNVERIFIED)));

    assertThat(model.members("#a"))
        .extracting(MemberView::username)
        .containsExactly("bob", "zed", "amy");
    model.updatePresence("amy", true);
    model.updateTrust("zed", TrustState.CHANGED);
    assertThat(model.members("#a"))
        .containsExactly(
            new MemberView("amy", true, TrustState.UNVERIFIED),
            new MemberView("bob", true, TrustState.UNVERIFIED),
            new MemberView("zed", true, TrustState.CHANGED));
  }

  @Test
  void setTitles_listingWithoutAListedRoom_leavesItsTitleMissing() {
    TuiModel model = new TuiModel();
    model.setClientConversations(List.of("#lobby", "#team"), KeptList.NONE, true);

    model.setTitles(List.of(new RoomView("#lobby", 1, true)));
    assertThat(model.titlesMissing()).isTrue();

    model.setTitles(
        List.of(
            new RoomView("#lobby", 1, true),
            new RoomView("#team", 1, true, true, "Release crew", false)));
    assertThat(model.titlesMissing()).isFalse();
    assertThat(model.title("#team")).isEqualTo("Release crew");
    assertThat(model.title("#lobby")).isEmpty();
  }

  /** A list kept with {@code order} and no unread messages. */
  private static KeptList kept(String... order) {
    return new KeptList(List.of(order), Map.of());
  }
}
