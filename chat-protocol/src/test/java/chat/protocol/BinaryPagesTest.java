package chat.protocol;

import static chat.protocol.BinaryBodies.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.Bytes;
import java.io.ByteArrayInputStream;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryPagesTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final long STORED = 1_764_460_800_000L;
  private final FrameCodec codec = new FrameCodec(4096);

  private FrameException refused(String hex) {
    return BinaryBodies.refused(codec, hex);
  }

  private static StoredMessage message(long seq, int... envelope) {
    byte[] bytes = new byte[envelope.length];
    for (int k = 0; k < envelope.length; k++) {
      bytes[k] = (byte) envelope[k];
    }
    return new StoredMessage(seq, STORED, Bytes.of(bytes));
  }

  @Test
  void pick_version8Client_binaryPages() {
    assertThat(ProtocolVersions.pick(List.of(8, 7, 6, 5, 4, 3, 2, 1)))
        .isEqualTo(ProtocolVersions.BINARY_PAGES);
    assertThat(ProtocolVersions.pick(List.of(9, 8, 7, 6, 5, 4, 3, 2, 1)))
        .isEqualTo(ProtocolVersions.OWN_AWAY);
    assertThat(ProtocolVersions.pick(List.of(10, 9, 8, 7, 6, 5, 4, 3, 2, 1)))
        .isEqualTo(ProtocolVersions.MODERATION);
    assertThat(ProtocolVersions.pick(List.of(11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)))
        .isEqualTo(ProtocolVersions.BAN_LIST);
    assertThat(ProtocolVersions.pick(List.of(12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)))
        .isEqualTo(ProtocolVersions.MUTE);
    assertThat(ProtocolVersions.pick(List.of(13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)))
        .isEqualTo(ProtocolVersions.DELETE);
    assertThat(ProtocolVersions.pick(List.of(14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)))
        .isEqualTo(ProtocolVersions.OWN_FRIENDS);
    assertThat(ProtocolVersions.pick(List.of(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)))
        .isEqualTo(ProtocolVersions.NEWEST_ID);
    assertThat(
            ProtocolVersions.pick(List.of(16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)))
        .isEqualTo(ProtocolVersions.NAME_CHECK);
    assertThat(
            ProtocolVersions.pick(
                List.of(17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)))
        .isEqualTo(ProtocolVersions.REPORT)
        .isEqualTo(ProtocolVersions.CURRENT);
    assertThat(ProtocolVersions.pick(List.of(7, 6, 5, 4, 3, 2, 1)))
        .isEqualTo(ProtocolVersions.CLOSE_DIRECT);
    assertThat(ProtocolVersions.versionLine())
        .isEqualTo("wire protocol 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1");
  }

  @Test
  void encode_historyPage_exactBytesOfPacketDiagram() {
    HistoryReply page = new HistoryReply("h1", "#ops", List.of(message(7, 1, 2, 3)), 6, true);

    assertThat(HEX.formatHex(codec.encode(page, ProtocolVersions.BINARY_PAGES)))
        .isEqualTo(
            "0000002e"
                + "0003"
                + "026831"
                + "04236f7073"
                + "0000000000000006"
                + "01"
                + "00000001"
                + "0000000000000007"
                + "0000019ad20f2800"
                + "00000003"
                + "010203");
  }

  @Test
  void encode_emptySyncPage_exactBytesOfPacketDiagram() {
    SyncReply page = new SyncReply("s1", "#ops", List.of(), 7, false);

    assertThat(HEX.formatHex(codec.encode(page, ProtocolVersions.BINARY_PAGES)))
        .isEqualTo(
            "00000017" + "0004" + "027331" + "04236f7073" + "0000000000000007" + "00" + "00000000");
  }

  @Test
  void decode_binaryPages_sameRecordsAsTheirJson() throws Exception {
    List<StoredMessage> messages =
        List.of(
            message(1, 0, '{', '"', 0x7f, 0x80, 0xff),
            message(2),
            new StoredMessage(Long.MAX_VALUE, -1, Bytes.of(new byte[300])));
    Frame[] pages = {
      new HistoryReply("id-1", "@alice+bob", messages, 0, false),
      new HistoryReply("h", "#room", List.of(), Long.MIN_VALUE, true),
      new SyncReply("id-2", "#room", messages, Long.MAX_VALUE, true),
      new SyncReply("s", "@alice+bob", List.of(), 0, false),
    };
    for (Frame page : pages) {
      byte[] binary = codec.encode(page, ProtocolVersions.BINARY_PAGES);
      assertThat(binary[FrameCodec.LENGTH_PREFIX_BYTES]).isEqualTo(FrameCodec.BINARY_MARKER);
      assertThat(codec.decode(body(binary), true)).isEqualTo(page);
      assertThat(codec.decode(body(codec.encode(page)), true)).isEqualTo(page);
      assertThat(codec.read(new ByteArrayInputStream(binary))).isEqualTo(page);
    }
  }

  @Test
  void encode_olderVersions_jsonPages() {
    HistoryReply history = new HistoryReply("h1", "#ops", List.of(message(7, 1)), 6, true);
    SyncReply sync = new SyncReply("s1", "#ops", List.of(message(7, 1)), 7, false);

    for (int version = 0; version < ProtocolVersions.BINARY_PAGES; version++) {
      assertThat(codec.encode(history, version)).isEqualTo(codec.encode(history));
      assertThat(codec.encode(sync, version)).isEqualTo(codec.encode(sync));
    }
    assertThat(codec.encode(history, true)).isEqualTo(codec.encode(history));
  }

  @Test
  void decode_malformedPages_badFrame() {
    String head = "0003" + "026831" + "04236f7073" + "0000000000000006" + "01";
    String one = "0000000000000007" + "0000019ad20f2800";
    String[] bodies = {
      "0003", // no re
      "0004" + "026831", // no conversation
      "0003" + "026831" + "04236f7073" + "00000000000000", // nextBefore cut short
      "0003" + "026831" + "04236f7073" + "0000000000000006", // no more
      "0003" + "026831" + "04236f7073" + "0000000000000006" + "02" + "00000000", // more 2
      head, // no count
      head + "000000", // count cut short
      head + "00000001", // one message announced, none there
      head + "ffffffff" + (one + "00000000").repeat(3), // count past what the body holds
      head + "00000001" + one + "000000", // envelope length cut short
      head + "00000001" + one + "00000004" + "010203", // envelope length past the end
      head + "00000001" + one + "ffffffff" + "010203", // envelope length past the end, u32 max
      head + "00000001" + one + "00000001" + "01" + "00", // a byte after the last message
      head + "00000000" + "00", // a byte after an empty page
      head + "00000002" + one + "00000000", // second message missing
      "0003" + "00" + "04236f7073" + "0000000000000006" + "01" + "00000000", // empty re
      "0003" + "02c3a9" + "04236f7073" + "0000000000000006" + "01" + "00000000", // non-ASCII re
      "0003" + "026831" + "03234142" + "0000000000000006" + "01" + "00000000", // "#AB"
      head + "00000001" + "0000000000000000" + "0000019ad20f2800" + "00000000", // seq 0
    };
    for (String hex : bodies) {
      assertThat(refused(hex).code()).as(hex).isEqualTo(ErrorCode.BAD_FRAME);
    }
  }

  @Test
  void decode_pageWithAnAnnouncedCountOfFourBillion_refusedBeforeAllocating() {
    // Were the count trusted, a list of 4 billion entries would be made before the body ran out.
    String hex =
        "0004" + "027331" + "04236f7073" + "0000000000000007" + "00" + "ffffffff" + "00".repeat(20);

    assertThat(refused(hex).getMessage()).contains("ends before its 4294967295 messages");
  }

  @Test
  void encode_pageOverTheMaximum_refused() {
    HistoryReply page =
        new HistoryReply("h", "#ops", List.of(message(1), message(2, new int[4060])), 0, false);

    assertThatThrownBy(() -> codec.encode(page, ProtocolVersions.BINARY_PAGES))
        .isInstanceOf(FrameTooLargeException.class);
  }
}
