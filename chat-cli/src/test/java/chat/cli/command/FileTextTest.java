package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.FileOffer;
import chat.cli.client.FileTransfer;
import chat.cli.client.TransferState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTextTest {
  private static final String ID = "3f2a91c0" + "0".repeat(24);

  @Test
  void size_anyMagnitude_picksAUnitWithOneDecimalBelowTen() {
    assertThat(FileText.size(0)).isEqualTo("0 B");
    assertThat(FileText.size(1023)).isEqualTo("1023 B");
    assertThat(FileText.size(12 * 1024)).isEqualTo("12 KiB");
    assertThat(FileText.size(2_411_724)).isEqualTo("2.3 MiB");
    assertThat(FileText.size(100L << 20)).isEqualTo("100 MiB");
    assertThat(FileText.size(3L << 40)).isEqualTo("3.0 TiB");
    assertThat(FileText.size(1_048_500)).as("not 1024 KiB").isEqualTo("1.0 MiB");
  }

  @Test
  void offer_remoteNameWithEscapes_isCleanedAndEndsWithTheCommand() {
    FileOffer offer =
        new FileOffer(
            "#team",
            4,
            "ab".repeat(16),
            "al\u001b[2Jice",
            1,
            1,
            ID,
            "re\u001b]0;pwned\u0007port\u202E.pdf",
            2_411_724,
            0,
            false);
    assertThat(FileText.offer(offer, "/file accept"))
        .isEqualTo("alice offers report.pdf (2.3 MiB): /file accept 3f2a91c0");
  }

  /** A name that writes an offer's own size and id, the real ones after it, is quoted. */
  @Test
  void offer_aNameWithTheLinesOwnCharacters_isQuoted() {
    FileOffer forged =
        new FileOffer(
            "#team",
            4,
            "ab".repeat(16),
            "mallory",
            1,
            1,
            ID,
            "a.pdf (6 B): /file accept 12345678",
            2,
            0,
            false);
    FileOffer plain =
        new FileOffer("#team", 4, "ab".repeat(16), "bob", 1, 1, ID, "notes-v2.txt", 2, 0, false);

    assertThat(FileText.offer(forged, "/file accept"))
        .isEqualTo(
            "mallory offers \u201ca.pdf (6 B): /file accept 12345678\u201d (2 B): /file accept"
                + " 3f2a91c0");
    assertThat(FileText.name("report (1).pdf")).isEqualTo("\u201creport (1).pdf\u201d");
    assertThat(FileText.name("say \u201dhi\u201d.txt")).isEqualTo("\u201csay 'hi'.txt\u201d");
    assertThat(FileText.offer(plain, "/file accept"))
        .isEqualTo("bob offers notes-v2.txt (2 B): /file accept 3f2a91c0");
  }

  @Test
  void offer_own_saysYouOfferedAndItsIdWithoutACommand() {
    FileOffer offer =
        new FileOffer("#team", 4, "ab".repeat(16), "me", 1, 1, ID, "a.txt", 3, 0, true);
    assertThat(FileText.offer(offer, "/file accept"))
        .isEqualTo("you offered a.txt (3 B) as file 3f2a91c0");
  }

  @Test
  void progressAndListLine_downloadHalfway_describeTheTransfer() {
    FileTransfer moving =
        new FileTransfer(
            ID,
            false,
            "@alice+bob",
            "alice",
            "photo.jpg",
            2_000_000,
            TransferState.DOWNLOADING,
            1_000_000,
            2_000_000,
            "",
            "",
            1);
    assertThat(FileText.progress(moving))
        .isEqualTo("downloading photo.jpg: 50% (977 KiB of 1.9 MiB)");
    // Counted in the file's own size, not in the larger encrypted one that moves.
    FileTransfer small =
        new FileTransfer(
            ID, true, "#ops", "bob", "a.txt", 500, TransferState.UPLOADING, 270, 540, "", "", 1);
    assertThat(FileText.progress(small)).isEqualTo("uploading a.txt: 50% (250 B of 500 B)");
    assertThat(
            FileText.progress(
                moving.with(
                    TransferState.DOWNLOADING,
                    0,
                    2_000_000,
                    "",
                    "the partial download did not check out; starting over",
                    2)))
        .isEqualTo("downloading photo.jpg: the partial download did not check out; starting over");
    assertThat(FileText.listLine(moving, "bob", UnaryOperator.identity()))
        .isEqualTo("<- 3f2a91c0  photo.jpg  1.9 MiB  from alice, privately: downloading 50%");
    assertThat(FileText.bar(45, 10)).isEqualTo("####------");
    assertThat(FileText.bar(100, 10)).isEqualTo("##########");
  }

  /** Running in another process: its progress is not known here, where it runs is. */
  @Test
  void state_transferRunningElsewhere_saysWhereInsteadOfAPercentage() {
    FileTransfer elsewhere =
        new FileTransfer(
            ID,
            true,
            "#ops",
            "bob",
            "a.txt",
            500,
            TransferState.UPLOADING,
            0,
            540,
            "",
            "in another chat process",
            1);
    assertThat(FileText.state(elsewhere)).isEqualTo("uploading (in another chat process)");
    assertThat(
            FileText.state(
                elsewhere.with(
                    TransferState.DOWNLOADING, 0, 540, "", "in another chat process", 1)))
        .isEqualTo("downloading (in another chat process)");
  }

  @Test
  void listLine_done_saysWhenTheSavedFileIsGoneOrChanged(@TempDir Path dir) throws Exception {
    Path saved = Files.write(dir.resolve("photo.jpg"), new byte[] {1, 2, 3});
    FileTransfer done =
        new FileTransfer(
            ID,
            false,
            "#team",
            "alice",
            "photo.jpg",
            3,
            TransferState.DONE,
            3,
            3,
            saved.toString(),
            "",
            1);
    String line = "<- 3f2a91c0  photo.jpg  3 B  from alice in #team: done: " + saved;

    assertThat(FileText.listLine(done, "bob", UnaryOperator.identity())).isEqualTo(line);
    Files.write(saved, new byte[] {1, 2});
    assertThat(FileText.listLine(done, "bob", UnaryOperator.identity()))
        .isEqualTo(line + " (changed since)");
    Files.delete(saved);
    assertThat(FileText.listLine(done, "bob", UnaryOperator.identity()))
        .isEqualTo(line + " (no longer there)");
    Files.createDirectory(saved);
    assertThat(FileText.listLine(done, "bob", UnaryOperator.identity()))
        .isEqualTo(line + " (changed since)");
  }

  @Test
  void name_longName_isCutInTheMiddleBetweenGlyphs_keepingItsEnd() {
    // cut by chars, a surrogate pair or an emoji sequence lost its second half
    String family = "👨\u200D👩\u200D👧";
    assertThat(FileText.name("a".repeat(56) + "😀😀😀😀.png"))
        .isEqualTo("a".repeat(45) + "...aaaa😀😀😀😀.png");
    assertThat(FileText.name("a".repeat(44) + family + "b".repeat(21)))
        .isEqualTo("a".repeat(44) + family + "..." + "b".repeat(12));
    assertThat(FileText.name("a".repeat(56) + "\uD83C\uDDE9\uD83C\uDDEA".repeat(13)))
        .isEqualTo("a".repeat(45) + "..." + "\uD83C\uDDE9\uD83C\uDDEA".repeat(12));
    assertThat(FileText.name("e\u0301".repeat(60))).isEqualTo("e\u0301".repeat(60));
    assertThat(FileText.name("invoice-" + "x".repeat(60) + "-final.pdf.exe"))
        .endsWith("...inal.pdf.exe")
        .hasSize(60);
  }

  @Test
  void name_thatShowsNothing_isSaidSo() {
    assertThat(FileText.name("\u001b[2J \u001b[H")).isEqualTo("(a name that shows nothing)");
    assertThat(FileText.name("\u200b")).isEqualTo("(a name that shows nothing)");
    assertThat(FileText.name(" - ")).isEqualTo(" - ");
  }
}
