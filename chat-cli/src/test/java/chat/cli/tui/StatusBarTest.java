package chat.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ConnectionState;
import chat.cli.client.ConversationLabel;
import chat.cli.client.FileTransfer;
import chat.cli.client.MemberView;
import chat.cli.client.TransferState;
import chat.cli.client.TrustState;
import chat.cli.command.MessageFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class StatusBarTest {
  private static final Function<String, TrustState> ALL_UNVERIFIED = u -> TrustState.UNVERIFIED;

  /** Conversations as alice names them, other parties as their ids spell them. */
  private static final UnaryOperator<String> LABELS = c -> ConversationLabel.of(c, "alice");

  /** The bar, as wide as it needs, for {@code self}. */
  private static List<Cell> cells(TuiModel model, String server, String self) {
    return StatusBar.cells(
        model,
        server,
        self,
        ALL_UNVERIFIED,
        c -> MessageFormatter.conversationLabel(c, self),
        Integer.MAX_VALUE);
  }

  private static String text(List<Cell> cells) {
    StringBuilder out = new StringBuilder();
    cells.forEach(c -> out.append(c.glyph()));
    return out.toString();
  }

  private static MemberView member(String name, TrustState trust) {
    return new MemberView(name, true, trust);
  }

  @Test
  void trust_direct_isOtherUsersState() {
    Map<String, TrustState> trust = Map.of("bob", TrustState.VERIFIED);

    assertThat(StatusBar.trust("@alice+bob", "alice", List.of(), trust::get, LABELS))
        .contains(new StatusBar.Segment("verified", Style.BAR_GOOD));
    assertThat(
            StatusBar.trust(
                "@alice+bob",
                "Bob",
                List.of(),
                u -> TrustState.CHANGED,
                c -> ConversationLabel.of(c, "Bob")))
        .contains(new StatusBar.Segment("CHANGED key: alice", Style.BAR_ALERT));
  }

  @Test
  void trust_direct_namesTheOtherUserAsTheConversationIsLabelled() {
    assertThat(
            StatusBar.trust(
                "@alice+maximilian",
                "alice",
                List.of(),
                u -> TrustState.CHANGED,
                c -> "@Maximilian"))
        .contains(new StatusBar.Segment("CHANGED key: Maximilian", Style.BAR_ALERT));
  }

  @Test
  void trust_room_namesChangedKeysFirst() {
    List<MemberView> members =
        List.of(
            member("alice", TrustState.VERIFIED),
            member("bob", TrustState.CHANGED),
            member("carol", TrustState.UNVERIFIED),
            member("dave", TrustState.CHANGED));

    assertThat(StatusBar.trust("#dev", "alice", members, ALL_UNVERIFIED, LABELS))
        .contains(new StatusBar.Segment("CHANGED key: bob, dave", Style.BAR_ALERT));
  }

  @Test
  void trust_room_summarisesVerification() {
    List<MemberView> mixed =
        List.of(member("alice", TrustState.UNVERIFIED), member("bob", TrustState.UNVERIFIED));
    List<MemberView> verified =
        List.of(member("alice", TrustState.UNVERIFIED), member("bob", TrustState.VERIFIED));

    assertThat(StatusBar.trust("#dev", "alice", mixed, ALL_UNVERIFIED, LABELS))
        .contains(new StatusBar.Segment("1 unverified", Style.BAR_WARN));
    assertThat(StatusBar.trust("#dev", "alice", verified, ALL_UNVERIFIED, LABELS))
        .contains(new StatusBar.Segment("all verified", Style.BAR_GOOD));
    assertThat(StatusBar.trust("#dev", "alice", List.of(), ALL_UNVERIFIED, LABELS)).isEmpty();
  }

  @Test
  void cells_offlineStatesInAlertStyle_andActivityListed() {
    TuiModel model = new TuiModel();
    model.setConnection(ConnectionState.OFFLINE);
    model.incoming(Messages.of("#dev", 1, "bob", "hi"), "alice");
    model.incoming(Messages.of("@alice+bob", 2, "bob", "psst"), "alice");

    List<Cell> cells = cells(model, "relay:1", "alice");

    assertThat(text(cells)).isEqualTo(" [relay:1] [alice] [status] [OFFLINE] [Act: 1,2]");
    assertThat(cells.stream().filter(c -> c.style() == Style.BAR_ALERT)).hasSize(7);
    assertThat(cells.stream().filter(c -> c.style() == Style.BAR_PRIVATE)).hasSize(1);
  }

  /** A narrow bar leaves out the relay's address first, keeping what changes in view. */
  @Test
  void cells_tooWideForTheTerminal_leaveOutTheRelayFirst() {
    TuiModel model = new TuiModel();
    model.setConnection(ConnectionState.ONLINE);
    model.incoming(Messages.of("#dev", 1, "bob", "hi"), "alice");
    String full = text(cells(model, "relay.example.org:7443", "alice"));

    assertThat(
            text(
                StatusBar.cells(
                    model, "relay.example.org:7443", "alice", ALL_UNVERIFIED, LABELS, 80)))
        .isEqualTo(full);
    assertThat(
            text(
                StatusBar.cells(
                    model, "relay.example.org:7443", "alice", ALL_UNVERIFIED, LABELS, 40)))
        .isEqualTo(" [alice] [status] [ONLINE] [Act: 1]");
    assertThat(
            text(
                StatusBar.cells(
                    model, "relay.example.org:7443", "alice", ALL_UNVERIFIED, LABELS, 30)))
        .as("still too wide: ONLINE gives way to the activity")
        .isEqualTo(" [alice] [status] [Act: 1]");
    assertThat(
            text(
                StatusBar.cells(
                    model, "relay.example.org:7443", "alice", ALL_UNVERIFIED, LABELS, 20)))
        .as("narrower still: cut with a mark")
        .isEqualTo(" [alice] [status] [\u2026");
  }

  /**
   * On a terminal too narrow for the conversation list, the activity is the one sign of messages
   * elsewhere: ONLINE and a calm trust summary give way to it; a changed key never does.
   */
  @Test
  void cells_tooNarrowForTheActivity_onlineAndCalmTrustGiveWay_aChangedKeyStays() {
    TuiModel model =
        opsWithNewsInDev(
            member("alice", TrustState.UNVERIFIED),
            member("bob", TrustState.UNVERIFIED),
            member("carol", TrustState.UNVERIFIED));

    assertThat(bar(model, 40)).isEqualTo(" [alice] [2:#ops] [Act: 1]");
    assertThat(bar(model, 80)).contains("[ONLINE] [2 unverified] [Act: 1]");

    model.setMembers(
        "#ops",
        List.of(member("alice", TrustState.UNVERIFIED), member("bob", TrustState.CHANGED)),
        Long.MAX_VALUE);
    assertThat(bar(model, 50)).isEqualTo(" [alice] [2:#ops] [CHANGED key: bob] [Act: 1]");
    assertThat(bar(model, 40)).isEqualTo(" [alice] [2:#ops] [CHANGED key] [Act: 1]");
  }

  /**
   * Too narrow for a changed key's names and the activity both: the names give way (cut with …,
   * then left out, then the word "key"), never the warning itself nor the activity.
   */
  @Test
  void cells_tooNarrowForAChangedKeysNames_theyGiveWayToTheActivity() {
    TuiModel model =
        opsWithNewsInDev(
            member("alice", TrustState.UNVERIFIED),
            member("bob", TrustState.CHANGED),
            member("carol", TrustState.CHANGED));

    assertThat(bar(model, 52)).isEqualTo(" [alice] [2:#ops] [CHANGED key: bob, carol] [Act: 1]");
    assertThat(bar(model, 51))
        .isEqualTo(" [alice] [2:#ops] [CHANGED key: bob, car\u2026] [Act: 1]");
    assertThat(bar(model, 44)).isEqualTo(" [alice] [2:#ops] [CHANGED key: b\u2026] [Act: 1]");
    assertThat(bar(model, 43)).isEqualTo(" [alice] [2:#ops] [CHANGED key] [Act: 1]");
    assertThat(bar(model, 40)).isEqualTo(" [alice] [2:#ops] [CHANGED key] [Act: 1]");
    assertThat(bar(model, 39)).isEqualTo(" [alice] [2:#ops] [CHANGED\u2026] [Act: 1]");
    assertThat(bar(model, 37)).isEqualTo(" [alice] [2:#ops] [CHANGED\u2026] [Act: 1]");
    assertThat(bar(model, 36))
        .as("narrower than the warning and the activity: cut at the end, as before")
        .isEqualTo(" [alice] [2:#ops] [CHANGED\u2026] [Act: \u2026");
  }

  /**
   * With nothing unread elsewhere, a changed key's warning still outlasts ONLINE: it is the one
   * sign of a key to check, where ONLINE is the usual state.
   */
  @Test
  void cells_tooNarrowForAChangedKey_withNoActivity_onlineGivesWay() {
    TuiModel model = new TuiModel();
    model.setConnection(ConnectionState.ONLINE);
    model.incoming(Messages.of("#ops", 2, "bob", "there"), "alice");
    model.select("#ops");
    model.setMembers(
        "#ops",
        List.of(member("alice", TrustState.UNVERIFIED), member("carol", TrustState.CHANGED)),
        Long.MAX_VALUE);

    assertThat(bar(model, 50)).isEqualTo(" [alice] [1:#ops] [ONLINE] [CHANGED key: carol]");
    assertThat(bar(model, 35)).isEqualTo(" [alice] [1:#ops] [CHANGED key: c\u2026]");
    assertThat(bar(model, 31)).isEqualTo(" [alice] [1:#ops] [CHANGED key]");
    assertThat(bar(model, 28)).isEqualTo(" [alice] [1:#ops] [CHANGED\u2026]");
    model.commandStarted();
    assertThat(bar(model, 48))
        .as("with nothing unread, the names give way to no more than the warning itself needs")
        .startsWith(" [alice] [1:#ops] [CHANGED key: carol] [")
        .endsWith("\u2026")
        .hasSize(48);
    model.commandFinished();
    model.setConnection(ConnectionState.RECONNECTING);
    assertThat(bar(model, 50))
        .as("a lost connection never gives way")
        .isEqualTo(" [alice] [1:#ops] [RECONNECTING] [CHANGED key: c\u2026]");
  }

  /** Alice online in #ops, with {@code members}, and a message waiting in #dev (the first). */
  private static TuiModel opsWithNewsInDev(MemberView... members) {
    TuiModel model = new TuiModel();
    model.setConnection(ConnectionState.ONLINE);
    model.incoming(Messages.of("#dev", 1, "bob", "hi"), "alice");
    model.incoming(Messages.of("#ops", 2, "bob", "there"), "alice");
    model.select("#ops");
    model.setMembers("#ops", List.of(members), Long.MAX_VALUE);
    return model;
  }

  private static String bar(TuiModel model, int columns) {
    return text(StatusBar.cells(model, "relay:1", "alice", ALL_UNVERIFIED, LABELS, columns));
  }

  /**
   * Narrower still, a long conversation name is cut with … before anything after it, so the key
   * trust state stays whole.
   */
  @Test
  void cells_narrowerStill_cutTheConversationsName_keepTheTrustWhole() {
    TuiModel model = new TuiModel();
    model.setConnection(ConnectionState.ONLINE);
    String direct = "@alice+maximilian_longname_tester.2026";
    model.select(direct);

    String bar = text(StatusBar.cells(model, "relay:1", "alice", ALL_UNVERIFIED, LABELS, 50));

    assertThat(bar)
        .endsWith("[ONLINE] [unverified]")
        .contains("\u2026]")
        .hasSizeLessThanOrEqualTo(50);
    assertThat(text(cells(model, "relay:1", "alice")))
        .contains("[1:@maximilian_longname_tester.2026]");
  }

  /** A long own name gives way after the conversation's, so the trust state still stays whole. */
  @Test
  void cells_longOwnName_cutAfterTheConversationsName_keepTheTrustWhole() {
    TuiModel model = new TuiModel();
    model.setConnection(ConnectionState.ONLINE);
    model.select("@maximilian_the_very_long_name+zed_with_a_long_name");
    String self = "Maximilian_the_very_long_name";

    String bar = text(StatusBar.cells(model, "relay:1", self, ALL_UNVERIFIED, LABELS, 50));

    // 50 columns: the conversation's name down to 8, then the user's own by what is still over
    assertThat(bar).isEqualTo(" [Maximilian_\u2026] [1:@maximi\u2026] [ONLINE] [unverified]");
  }

  @Test
  void cells_away_saidAfterTheUser() {
    TuiModel model = new TuiModel();
    model.setConnection(ConnectionState.ONLINE);
    model.setAway(true);

    assertThat(text(cells(model, "relay:1", "alice")))
        .isEqualTo(" [relay:1] [alice] [away] [status] [ONLINE]");
    assertThat(text(cells(model, "relay:1", null))).doesNotContain("away");
  }

  @Test
  void cells_remoteTextWithEscapes_cleaned() {
    TuiModel model = new TuiModel();
    model.select("#dev");

    String bar = text(cells(model, "re\u001b[2Jlay:1", "al\u0007ice"));

    assertThat(bar).startsWith(" [relay:1] [alice] [1:#dev]");
  }

  private static FileTransfer uploading(String name) {
    return new FileTransfer(
        "0".repeat(32),
        true,
        "#dev",
        "alice",
        name,
        100,
        TransferState.UPLOADING,
        45,
        100,
        "",
        "",
        1);
  }

  private static String transferSegment(String name) {
    TuiModel model = new TuiModel();
    model.transfer(uploading(name));
    String bar = text(cells(model, "relay:1", "alice"));
    return bar.substring(bar.indexOf(" [up "));
  }

  @Test
  void cells_longTransferName_isCutBetweenGlyphs_toTwentyColumns() {
    // substring(0, 19) split the emoji's surrogate pair: a lone surrogate drawn as U+FFFD
    assertThat(transferSegment("a".repeat(18) + "😀😀.png"))
        .isEqualTo(" [up " + "a".repeat(18) + "~ [####------] 45%]");
    assertThat(transferSegment("a".repeat(15) + "👨\u200D👩\u200D👧.txt"))
        .isEqualTo(" [up " + "a".repeat(15) + "~ [####------] 45%]");
    // twenty characters, but forty columns: cut like every other name wider than the bar allows
    assertThat(transferSegment("漢".repeat(20)))
        .isEqualTo(" [up " + "漢".repeat(9) + "~ [####------] 45%]");
    assertThat(transferSegment("report.pdf")).isEqualTo(" [up report.pdf [####------] 45%]");
  }
}
