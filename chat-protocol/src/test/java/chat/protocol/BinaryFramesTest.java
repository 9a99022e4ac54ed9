package chat.protocol;

import static chat.protocol.BinaryBodies.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.Bytes;
import java.io.ByteArrayInputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BinaryFramesTest {
  private static final HexFormat HEX = HexFormat.of();
  private final FrameCodec codec = new FrameCodec(4096);

  private FrameException refused(String hex) {
    return BinaryBodies.refused(codec, hex);
  }

  @Test
  void encode_messageEvent_exactBytesOfPacketDiagram() {
    MessageEvent event =
        new MessageEvent("#ops", 7, 1_764_460_800_000L, Bytes.of(new byte[] {1, 2, 3}));

    assertThat(HEX.formatHex(codec.encode(event, true)))
        .isEqualTo(
            "0000001a"
                + "0002"
                + "04236f7073"
                + "0000000000000007"
                + "0000019ad20f2800"
                + "010203");
  }

  @Test
  void encode_send_exactBytesOfPacketDiagram() {
    SendRequest send = new SendRequest("r1", "#ops", Bytes.of(new byte[] {(byte) 0xff}));

    assertThat(HEX.formatHex(codec.encode(send, true)))
        .isEqualTo("0000000b" + "0001" + "027231" + "04236f7073" + "ff");
  }

  @Test
  void decode_binaryBodies_sameRecordsAsTheirJson() throws Exception {
    Bytes envelope = Bytes.of(new byte[] {0, '{', '"', 0x7f, (byte) 0x80, (byte) 0xff});
    SendRequest send = new SendRequest("id-1", "@alice+bob", envelope);
    MessageEvent event = new MessageEvent("#room", Long.MAX_VALUE, -1, envelope);

    for (Frame frame : new Frame[] {send, event}) {
      byte[] binary = codec.encode(frame, true);
      assertThat(binary[FrameCodec.LENGTH_PREFIX_BYTES]).isEqualTo(FrameCodec.BINARY_MARKER);
      assertThat(codec.decode(body(binary), true)).isEqualTo(frame);
      assertThat(codec.decode(body(codec.encode(frame)), true)).isEqualTo(frame);
      assertThat(codec.read(new ByteArrayInputStream(binary))).isEqualTo(frame);
    }
  }

  @Test
  void encode_otherFramesOrBinaryOff_json() {
    PingRequest ping = new PingRequest("p");
    SendRequest send = new SendRequest("r1", "#ops", Bytes.of(new byte[] {1}));

    assertThat(codec.encode(ping, true)).isEqualTo(codec.encode(ping));
    assertThat(codec.encode(send, false)).isEqualTo(codec.encode(send));
  }

  @Test
  void decode_binaryNotAllowed_badFrame() {
    byte[] send = body(codec.encode(new SendRequest("r1", "#ops", Bytes.of(new byte[1])), true));

    assertThatThrownBy(() -> codec.decode(send, false))
        .isInstanceOfSatisfying(
            FrameException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME));
  }

  @Test
  void decode_malformedBinary_badFrame() {
    String[] bodies = {
      "00", // no kind
      "00ff", // unknown kind
      "0001", // send without an id
      "000105723172", // id length past the end
      "0001027231", // no conversation
      "000102723104236f70", // conversation past the end
      "0001027231042354555000", // "#TUP": not a room id
      "000100" + "04236f7073" + "ff", // empty id
      "000102c3a9" + "04236f7073" + "ff", // non-ASCII id
      "0002", // event without a conversation
      "000204236f7073" + "00000000000000", // seq cut short
      "000204236f7073" + "0000000000000007" + "00000000", // store time cut short
      "000204236f7073" + "0000000000000000" + "0000000000000000" + "01", // seq 0
      "000206406140622b61" + "0000000000000001" + "0000000000000000" + "01", // "@a@b+a": not an id
    };
    for (String hex : bodies) {
      assertThat(refused(hex).code()).as(hex).isEqualTo(ErrorCode.BAD_FRAME);
    }
  }

  @Test
  void decode_sendWithABadConversation_errorCarriesTheRequestId() {
    assertThat(refused("0001027231" + "03234142" + "ff").requestId()).contains("r1");
    assertThat(refused("0001" + "03" + "2072" + "31" + "04236f7073" + "ff").requestId()).isEmpty();
  }

  @Test
  void decode_bodyEndsAfterAValidId_errorCarriesTheRequestId() {
    assertThat(refused("0001027231").requestId()).contains("r1");
    assertThat(refused("000102723104236f70").requestId()).contains("r1");
  }

  @Test
  void send_envelopeOverWhatJsonCouldDeliver_refusedInBothEncodingsBothWays() {
    int limit = codec.maxSendEnvelopeBytes();
    assertThat(limit).isEqualTo((4096 - 512) / 4 * 3);
    SendRequest atLimit = new SendRequest("r1", "#ops", Bytes.of(new byte[limit]));
    SendRequest over = new SendRequest("r2", "#ops", Bytes.of(new byte[limit + 1]));

    assertThat(codec.encode(atLimit, true)).hasSizeLessThan(4096);
    assertThat(codec.encode(atLimit, false)).hasSizeLessThan(4096);
    assertThatThrownBy(() -> codec.encode(over, true)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> codec.encode(over, false))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] binary = HEX.parseHex("0001" + "027232" + "04236f7073" + "00".repeat(limit + 1));
    assertThat(refused(HEX.formatHex(binary)).requestId()).contains("r2");
    byte[] json =
        ("{\"type\":\"send\",\"id\":\"r2\",\"conversation\":\"#ops\",\"envelope\":\""
                + java.util.Base64.getEncoder().encodeToString(new byte[limit + 1])
                + "\"}")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> codec.decode(json, false))
        .isInstanceOfSatisfying(
            FrameException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME);
              assertThat(e.requestId()).contains("r2");
            });
  }

  @Test
  void sizes_overTheMaximum_refusedBothWays() {
    Bytes big = Bytes.of(new byte[4096]);

    assertThatThrownBy(() -> codec.encode(new SendRequest("r", "#ops", big), true))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] tooLong = new byte[4097];
    assertThatThrownBy(() -> codec.decode(tooLong, true))
        .isInstanceOfSatisfying(
            FrameException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE));
  }
}
