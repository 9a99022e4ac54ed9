package chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.Bytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
  private static final String FILE_ID = "00112233445566778899aabbccddeeff";
  private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

  /** One instance of every frame type. */
  static List<Frame> everyFrame() {
    Bytes blob = Bytes.of(new byte[] {1, 2, 3, (byte) 0xff});
    StoredMessage stored = new StoredMessage(3, 1000, blob);
    return List.of(
        new HelloRequest("1", List.of(1), "test"),
        new RegisterRequest("2", "alice", Secret.of("password1"), blob),
        new LoginRequest("3", "alice", Secret.of("password1")),
        new ResumeRequest("4", Secret.of("tok")),
        new LogoutRequest("5"),
        new PingRequest("6"),
        new JoinRequest("7", "#room"),
        new LeaveRequest("8", "#room"),
        new ListRoomsRequest("9"),
        new ListMembersRequest("10", "@alice+bob"),
        new GetBundleRequest("11", "bob"),
        new UpdateBundleRequest("12", Secret.of("password1"), blob, blob),
        new ChangePasswordRequest("12p", Secret.of("password1"), Secret.of("password2")),
        new SendRequest("13", "#room", blob),
        new HistoryRequest("14", "#room", 10, 20),
        new SyncRequest("15", "#room", 4, 0),
        new HelloReply("1", 1, "relay"),
        new RegisterReply("2", "alice"),
        new LoginReply("3", "alice", Secret.of("tok"), 99, List.of(new ConversationState("#a", 2))),
        new ResumeReply("4", "alice", 99, List.of()),
        new LogoutReply("5"),
        new PongReply("6"),
        new JoinReply("7", "#room", 5, List.of("alice")),
        new LeaveReply("8", "#room"),
        new RoomsReply("9", List.of(new RoomInfo("#room", 2, true))),
        new MembersReply(
            "10", "@alice+bob", List.of(new MemberInfo("bob", false, "ab".repeat(32)))),
        new BundleReply("11", "bob", blob),
        new UpdateBundleReply("12"),
        new ChangePasswordReply("12p", 2),
        new SendReply("13", "#room", 7, "00112233445566778899aabbccddeeff"),
        new SendReply("13", "#room", 7, "00112233445566778899aabbccddeeff", 1_794_300_000_000L),
        new HistoryReply("14", "#room", List.of(stored), 3, true),
        new SyncReply("15", "#room", List.of(stored), 3, false),
        ErrorReply.of("16", ErrorCode.NOT_MEMBER),
        ErrorReply.of(null, ErrorCode.BAD_FRAME),
        new MessageEvent("#room", 3, 1000, blob),
        new MembershipEvent("#room", "bob", MembershipChange.JOINED),
        new PresenceEvent("bob", PresenceStatus.OFFLINE),
        new KeyChangeEvent("bob", blob),
        new FriendUpdateRequest("17", "bob", FriendAction.ADD),
        new ListFriendsRequest("18"),
        new SetPresenceRequest("19", PresenceStatus.AWAY, "lunch"),
        new GroupCreateRequest("20", "#team"),
        new GroupMemberRequest("21", "#team", GroupAction.KICK, "bob"),
        new GroupRenameRequest("22", "#team", "The Team"),
        new GroupDisbandRequest("23", "#team"),
        new FriendUpdateReply("17", "bob", FriendState.OUTGOING),
        new FriendsReply(
            "18",
            List.of(
                new FriendInfo("bob", FriendState.FRIENDS, PresenceStatus.AWAY, "lunch"),
                new FriendInfo("carol", FriendState.INCOMING, null, null))),
        new SetPresenceReply("19"),
        new GroupReply("21", "#team"),
        new RoomsReply("9", List.of(new RoomInfo("#team", 2, false, true, "The Team", true))),
        new MembersReply(
            "10",
            "#team",
            List.of(
                new MemberInfo(
                    "bob", true, "ab".repeat(32), PresenceStatus.AWAY, "lunch", GroupRole.ADMIN))),
        new PresenceEvent("bob", PresenceStatus.AWAY, "back at 2"),
        new FriendEvent("bob", FriendChange.REQUESTED),
        new GroupEvent("#team", "alice", GroupChange.BANNED, "bob", null),
        new GroupEvent("#team", "alice", GroupChange.RENAMED, null, "The Team"),
        new FileUploadRequest("17", FILE_ID, "#room", 70_000),
        new FileChunkRequest("18", FILE_ID, 0, blob),
        new FileFinishRequest("19", FILE_ID),
        new FileStatusRequest("20", FILE_ID),
        new FileDownloadRequest("21", FILE_ID, 4),
        new FileDeleteRequest("22", FILE_ID),
        new FileUploadReply("17", FILE_ID, 0, 262_144, 99),
        new FileChunkReply("18", FILE_ID, 4),
        new FileFinishReply("19", FILE_ID, 70_000, 99),
        new FileStatusReply("20", FILE_ID, "@alice+bob", "alice", 70_000, 70_000, true, 99),
        new FileDataReply("21", FILE_ID, 4, blob, 70_000),
        new FileDeleteReply("22", FILE_ID),
        new ListSessionsRequest("23"),
        new EndSessionRequest("24", "ce74d974ecc1"),
        new SessionsReply(
            "23",
            List.of(
                new SessionInfo(
                    "c8c25f86d8d7", 1_794_300_000_000L, 1_794_300_500_000L, "::1", true),
                new SessionInfo(
                    "ce74d974ecc1", 1_794_200_000_000L, 1_794_200_000_000L, "", false))),
        new EndSessionReply("24", "ce74d974ecc1"),
        new CheckUsernameRequest("25", "carol"),
        new UsernameFreeReply("25", "carol"),
        new ReportRequest("26", "mallory", "#team", "spam links"),
        new ReportRequest("27", "mallory", null, "threats"),
        new ReportedReply("26", "mallory"));
  }

  @Test
  void roundTrip_everyFrameType_isEqualAfterDecode() throws Exception {
    for (Frame frame : everyFrame()) {
      byte[] json = codec.toJson(frame);
      Frame decoded = codec.fromJson(json);
      assertThat(codec.toJson(decoded))
          .as(new String(json, StandardCharsets.UTF_8))
          .isEqualTo(json);
      assertThat(decoded.getClass()).isEqualTo(frame.getClass());
    }
  }

  @Test
  void toJson_send_hasTypeIdAndBase64() {
    String json =
        new String(
            codec.toJson(new SendRequest("a1", "#room", Bytes.of(new byte[] {1, 2, 3}))),
            StandardCharsets.UTF_8);
    assertThat(json)
        .isEqualTo(
            "{\"type\":\"send\",\"id\":\"a1\",\"conversation\":\"#room\",\"envelope\":\"AQID\"}");
  }

  @Test
  void toJson_errorWithoutRe_omitsRe() {
    String json =
        new String(codec.toJson(ErrorReply.of(null, ErrorCode.BAD_FRAME)), StandardCharsets.UTF_8);
    assertThat(json)
        .isEqualTo("{\"type\":\"error\",\"code\":\"BAD_FRAME\",\"message\":\"malformed frame\"}");
  }

  @Test
  void fromJson_garbage_badFrameWithoutId() {
    assertBad("{not json", null);
    assertBad("[1,2]", null);
    assertBad("\"text\"", null);
    assertBad("null", null);
    assertBad("42", null);
    assertBad("", null);
  }

  /**
   * A byte order mark, which Jackson would skip, makes a second encoding of a frame: refused, as is
   * nesting past 16 levels or a number of more than 32 digits, all without a request id.
   */
  @Test
  void fromJson_byteOrderMark_deepNesting_orLongNumber_badFrameWithoutId() {
    assertBad("\uFEFF{\"type\":\"ping\",\"id\":\"a\"}", null);
    assertBad(
        "{\"type\":\"ping\",\"id\":\"a\",\"x\":" + "[".repeat(16) + "]".repeat(16) + "}", null);
    assertBad("{\"type\":\"hello\",\"id\":\"a\",\"versions\":[" + "1".repeat(33) + "]}", null);
  }

  /** Jackson would read zero bytes as UTF-16 or UTF-32: a frame has one encoding, UTF-8. */
  @Test
  void fromJson_utf16OrUtf32_badFrameWithoutId() {
    String ping = "{\"type\":\"ping\",\"id\":\"a\"}";
    for (String charset : List.of("UTF-16LE", "UTF-16BE", "UTF-32BE", "UTF-32LE")) {
      byte[] body = ping.getBytes(java.nio.charset.Charset.forName(charset));
      assertThatThrownBy(() -> codec.fromJson(body))
          .as(charset)
          .isInstanceOfSatisfying(
              FrameException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME);
                assertThat(e.requestId()).isEmpty();
              });
    }
  }

  @Test
  void fromJson_unknownType_badFrameWithId() {
    assertBad("{\"type\":\"nuke\",\"id\":\"x1\"}", "x1");
  }

  @Test
  void fromJson_invalidFields_badFrameWithId() {
    assertBad("{\"type\":\"ping\",\"id\":\"x1\",\"extra\":1}", "x1");
    assertBad("{\"type\":\"join\",\"id\":\"x2\",\"room\":\"NoHash\"}", "x2");
    assertBad(
        "{\"type\":\"send\",\"id\":\"x3\",\"conversation\":\"#a\",\"envelope\":\"!!\"}", "x3");
    assertBad("{\"type\":\"history\",\"id\":\"x4\",\"conversation\":\"#a\",\"limit\":\"5\"}", "x4");
    assertBad("{\"type\":\"history\",\"id\":\"x5\",\"conversation\":\"#a\",\"limit\":1.5}", "x5");
    assertBad("{\"type\":\"ping\",\"id\":\"x6\",\"id\":\"x7\"}", null);
    assertBad("{\"type\":\"ping\",\"id\":\"has space\"}", null);
    assertBad("{\"type\":\"ping\",\"id\":\"x8\"} {}", null);
  }

  @Test
  void fromJson_numberOrBooleanWhereTextOrAnEnumGoes_badFrameWithId() {
    assertBad("{\"type\":\"login\",\"id\":\"x1\",\"username\":5,\"password\":\"pw\"}", "x1");
    assertBad("{\"type\":\"login\",\"id\":\"x2\",\"username\":true,\"password\":\"pw\"}", "x2");
    assertBad("{\"type\":\"get_bundle\",\"id\":\"x3\",\"username\":1.5}", "x3");
    assertBad("{\"type\":\"get_bundles\",\"id\":\"x4\",\"usernames\":[12345]}", "x4");
    assertBad("{\"type\":\"hello\",\"id\":\"x5\",\"versions\":[1],\"client\":5}", "x5");
    assertBad("{\"type\":\"group_rename\",\"id\":\"x6\",\"room\":\"#a\",\"title\":123}", "x6");
    assertBad("{\"type\":\"set_presence\",\"id\":\"x7\",\"status\":0}", "x7");
    assertBad("{\"type\":\"friend\",\"id\":\"x8\",\"username\":\"bob\",\"action\":1}", "x8");
    assertBad("{\"type\":\"ping\",\"id\":5}", null);
  }

  @Test
  void fromJson_badFrame_messageSaysWhichRuleAndNeverQuotesTheInput() {
    assertThat(badMessage("{\"type\":\"join\",\"id\":\"x1\",\"room\":\"NoHash\"}"))
        .as("a room, or from wire version 7 a direct conversation")
        .isEqualTo("conversation must be #room or @a+b");
    assertThat(badMessage("{\"type\":\"ping\",\"id\":\"x2\",\"mallory_field\":1}"))
        .isEqualTo("malformed frame");
    assertThat(badMessage("{\"type\":\"set_presence\",\"id\":\"x3\",\"status\":\"EVIL_VALUE\"}"))
        .doesNotContain("EVIL_VALUE")
        .doesNotContain("chat.protocol");
    assertThat(badMessage("{not json")).isEqualTo("not valid JSON");
    assertThat(
            badMessage(
                "{\"type\":\"send\",\"id\":\"x4\",\"conversation\":\"#a\",\"envelope\":\"!!\"}"))
        .isEqualTo("malformed frame");
  }

  @Test
  void describe_aLibrarysMessage_notPassedOnOursIs() {
    IllegalArgumentException fromJdk = new IllegalArgumentException("Illegal base64 character 21");
    fromJdk.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("java.util.Base64$Decoder", "decode0", "Base64.java", 1)
        });
    IllegalArgumentException ours = new IllegalArgumentException("limit must be 0 to 500");

    assertThat(FrameCodec.describe(new RuntimeException(fromJdk))).isEqualTo("malformed frame");
    assertThat(FrameCodec.describe(new RuntimeException(ours))).isEqualTo("limit must be 0 to 500");
  }

  private String badMessage(String json) {
    try {
      codec.fromJson(json.getBytes(StandardCharsets.UTF_8));
    } catch (FrameException e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted: " + json);
  }

  @Test
  void fromJson_missingId_badFrame() {
    assertBad("{\"type\":\"ping\"}", null);
  }

  @Test
  void read_oversizeLength_frameTooLarge() {
    FrameCodec small = new FrameCodec(1024);
    byte[] prefix = {0, 0, 4, 1};
    assertThatThrownBy(() -> small.read(new ByteArrayInputStream(prefix)))
        .isInstanceOfSatisfying(
            FrameException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE));
  }

  @Test
  void writeThenRead_stream_roundTripsAndEndsWithEof() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codec.write(out, new PingRequest("p1"));
    codec.write(out, new PongReply("p1"));
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    assertThat(codec.read(in)).isEqualTo(new PingRequest("p1"));
    assertThat(codec.read(in)).isEqualTo(new PongReply("p1"));
    assertThatThrownBy(() -> codec.read(in)).isInstanceOf(EOFException.class);
  }

  @Test
  void secret_toString_isRedacted() {
    assertThat(new LoginRequest("1", "alice", Secret.of("hunter22")).toString())
        .doesNotContain("hunter22");
  }

  @Test
  void fromJson_updateBundleWithoutPasswordOrBackup_badFrameWithId() {
    assertBad("{\"type\":\"update_bundle\",\"id\":\"u1\",\"bundle\":\"AQID\"}", "u1");
    assertBad(
        "{\"type\":\"update_bundle\",\"id\":\"u2\",\"password\":\"password1\","
            + "\"bundle\":\"AQID\"}",
        "u2");
    assertThat(
            new UpdateBundleRequest(
                    "1", Secret.of("hunter22"), Bytes.of(new byte[] {1}), Bytes.of(new byte[] {1}))
                .toString())
        .doesNotContain("hunter22");
  }

  @Test
  void fromJson_changePasswordWithoutEitherPassword_badFrameWithId_andSecretsRedacted() {
    assertBad("{\"type\":\"change_password\",\"id\":\"c1\",\"password\":\"password1\"}", "c1");
    assertBad("{\"type\":\"change_password\",\"id\":\"c2\",\"newPassword\":\"password2\"}", "c2");
    assertThat(
            new ChangePasswordRequest("1", Secret.of("hunter22"), Secret.of("hunter33")).toString())
        .doesNotContain("hunter22")
        .doesNotContain("hunter33");
  }

  /**
   * A client older than the password sends none: the frame is well formed (the relay decides), and
   * one written without a password carries no {@code password} field, which an older relay refuses.
   */
  @Test
  void putKeyBackupWithoutPassword_decodes_andEncodesWithoutTheField() throws Exception {
    Frame frame =
        codec.fromJson(
            "{\"type\":\"put_key_backup\",\"id\":\"k1\",\"backup\":\"AQID\"}"
                .getBytes(StandardCharsets.UTF_8));

    assertThat(frame)
        .isInstanceOfSatisfying(PutKeyBackupRequest.class, r -> assertThat(r.password()).isNull());
    assertThat(
            new String(
                codec.toJson(new PutKeyBackupRequest("k2", null, Bytes.of(new byte[] {1, 2, 3}))),
                StandardCharsets.UTF_8))
        .isEqualTo("{\"type\":\"put_key_backup\",\"id\":\"k2\",\"backup\":\"AQID\"}");
  }

  /** A number that cannot be is refused with the frame, never written into a client's cursor. */
  @Test
  void fromJson_joinOkWithANegativeLastSeq_badFrame() {
    assertThatThrownBy(
            () ->
                codec.fromJson(
                    ("{\"type\":\"join_ok\",\"re\":\"j1\",\"conversation\":\"#a\","
                            + "\"lastSeq\":-5,\"members\":[\"alice\"]}")
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(FrameException.class)
        .hasMessageContaining("lastSeq must be >= 0");
  }

  private void assertBad(String json, String expectedId) {
    BadFrames.assertBad(codec, json, expectedId);
  }
}
