package chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact JSON of {@code list_bans} and {@code bans} (wire version 11). */
class BanFramesTest {
  private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

  private String json(Frame frame) {
    return new String(codec.toJson(frame), StandardCharsets.UTF_8);
  }

  @Test
  void toJson_banFrames_haveExactFields_andReadBack() throws Exception {
    ListBansRequest first = new ListBansRequest("b1", "#team");
    assertThat(json(first)).isEqualTo("{\"type\":\"list_bans\",\"id\":\"b1\",\"room\":\"#team\"}");
    ListBansRequest second = new ListBansRequest("b2", "#team", "Mallory");
    assertThat(json(second))
        .isEqualTo(
            "{\"type\":\"list_bans\",\"id\":\"b2\",\"room\":\"#team\",\"after\":\"Mallory\"}");
    BansReply reply =
        new BansReply(
            "b1",
            "#team",
            List.of(
                new BanInfo("carol", "alice", 1794300000000L, null),
                new BanInfo("Mallory", "bob", 1794300500000L, "spam links")),
            "Mallory");
    assertThat(json(reply))
        .isEqualTo(
            "{\"type\":\"bans\",\"re\":\"b1\",\"room\":\"#team\",\"bans\":["
                + "{\"username\":\"carol\",\"bannedBy\":\"alice\",\"bannedAtMillis\":1794300000000},"
                + "{\"username\":\"Mallory\",\"bannedBy\":\"bob\",\"bannedAtMillis\":1794300500000,"
                + "\"reason\":\"spam links\"}],\"next\":\"Mallory\"}");
    for (Frame frame : List.of(first, second, reply)) {
      assertThat(codec.fromJson(codec.toJson(frame))).isEqualTo(frame);
    }
  }

  @Test
  void timedBan_minutesInTheRequest_untilInTheEventAndTheList_andOlderEventsWithout()
      throws Exception {
    GroupMemberRequest ban =
        new GroupMemberRequest("g1", "#team", GroupAction.BAN, "carol", "cool off", 60);
    assertThat(json(ban))
        .isEqualTo(
            "{\"type\":\"group_member\",\"id\":\"g1\",\"room\":\"#team\",\"action\":\"ban\","
                + "\"username\":\"carol\",\"reason\":\"cool off\",\"minutes\":60}");
    GroupEvent banned =
        new GroupEvent(
            "#team", "alice", GroupChange.BANNED, "carol", null, "cool off", 1794303600000L);
    assertThat(json(banned))
        .isEqualTo(
            "{\"type\":\"event.group\",\"conversation\":\"#team\",\"actor\":\"alice\","
                + "\"change\":\"banned\",\"username\":\"carol\",\"reason\":\"cool off\","
                + "\"untilMillis\":1794303600000}");
    BanInfo listed = new BanInfo("carol", "alice", 1794300000000L, null, 1794303600000L);
    for (Frame frame : List.of(ban, banned)) {
      assertThat(codec.fromJson(codec.toJson(frame))).isEqualTo(frame);
    }
    assertThat(banned.withoutUntil().untilMillis()).isNull();
    assertThat(banned.withoutUntil().reason()).isEqualTo("cool off");
    assertThat(banned.withoutReason().untilMillis()).isNull();
    assertThat(banned.withoutReason().reason()).isNull();
    assertThat(listed.untilMillis()).isEqualTo(1794303600000L);

    assertThatThrownBy(
            () -> new GroupMemberRequest("g2", "#team", GroupAction.KICK, "carol", null, 60))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new GroupMemberRequest("g3", "#team", GroupAction.BAN, "carol", null, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new GroupMemberRequest(
                    "g4",
                    "#team",
                    GroupAction.BAN,
                    "carol",
                    null,
                    GroupMemberRequest.MAX_BAN_MINUTES + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new GroupEvent("#team", "alice", GroupChange.KICKED, "carol", null, null, 5L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BanInfo("carol", "alice", 10, null, 5L))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromJson_badBanFields_badFrameWithId() {
    assertBad("{\"type\":\"list_bans\",\"id\":\"e1\"}", "e1");
    assertBad("{\"type\":\"list_bans\",\"id\":\"e2\",\"room\":\"@a+b\"}", "e2");
    assertBad("{\"type\":\"list_bans\",\"id\":\"e3\",\"room\":\"#team\",\"after\":\"a b\"}", "e3");
    assertBad("{\"type\":\"list_bans\",\"id\":\"e4\",\"room\":\"#team\",\"limit\":3}", "e4");
    assertBad(
        "{\"type\":\"bans\",\"re\":\"e5\",\"room\":\"#team\",\"bans\":[{\"username\":\"x\","
            + "\"bannedBy\":\"y\",\"bannedAtMillis\":-1}]}",
        null);
    assertBad(
        "{\"type\":\"bans\",\"re\":\"e6\",\"room\":\"#team\",\"bans\":[{\"username\":\"x\","
            + "\"bannedBy\":\"y\",\"bannedAtMillis\":1,\"reason\":\"a\\u001b[2J\"}]}",
        null);
  }

  @Test
  void constructors_outOfRangeValues_throw() {
    BanInfo one = new BanInfo("carol", "alice", 1, null);
    assertThat(new BansReply("r", "#team", Collections.nCopies(BansReply.PAGE, one), null).bans())
        .hasSize(BansReply.PAGE);
    assertThatThrownBy(
            () -> new BansReply("r", "#team", Collections.nCopies(BansReply.PAGE + 1, one), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BanInfo("carol", "alice", 1, "x".repeat(201)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new BanInfo("carol", "alice", 1, "x".repeat(200)).reason()).hasSize(200);
    assertThatThrownBy(() -> new BanInfo("carol  alice", "alice", 1, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BanInfo("carol", "al ice", 1, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A request's error names its id; a reply has none to name. */
  private void assertBad(String json, String expectedId) {
    BadFrames.assertBad(codec, json, expectedId);
  }
}
