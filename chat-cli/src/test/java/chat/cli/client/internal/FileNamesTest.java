package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileNamesTest {
  @Test
  void sanitize_plainName_isKept() {
    assertThat(FileNames.sanitize("report.pdf")).isEqualTo("report.pdf");
    assertThat(FileNames.sanitize("Quarterly report 2026.xlsx"))
        .isEqualTo("Quarterly report 2026.xlsx");
    assertThat(FileNames.sanitize("фото 😀.png")).isEqualTo("фото 😀.png");
  }

  @Test
  void sanitize_pathTraversal_leavesOneNameWithoutSeparatorsOrDotDot() {
    for (String evil :
        new String[] {
          "../../etc/passwd",
          "/etc/passwd",
          "..\\..\\windows\\system32\\drivers\\etc\\hosts",
          "a/../../b",
          "....//....//x",
          "C:\\Users\\x.txt",
          "~/.ssh/authorized_keys"
        }) {
      String name = FileNames.sanitize(evil);
      assertThat(name).as(evil).doesNotContain("/", "\\", "..").isNotEmpty();
      assertThat(name).as(evil).doesNotStartWith(".").doesNotStartWith("-");
    }
    assertThat(FileNames.sanitize("../../etc/passwd")).isEqualTo("_._etc_passwd");
    assertThat(FileNames.sanitize("/etc/passwd")).isEqualTo("_etc_passwd");
  }

  @Test
  void sanitize_dotNamesAndHiddenOrOptionLikeNames_areMadePlain() {
    assertThat(FileNames.sanitize("..")).isEqualTo(FileNames.FALLBACK);
    assertThat(FileNames.sanitize(".")).isEqualTo(FileNames.FALLBACK);
    assertThat(FileNames.sanitize(" ... ")).isEqualTo(FileNames.FALLBACK);
    assertThat(FileNames.sanitize(".bashrc")).isEqualTo("bashrc");
    assertThat(FileNames.sanitize("-rf")).isEqualTo("rf");
    assertThat(FileNames.sanitize("--help.txt")).isEqualTo("help.txt");
    assertThat(FileNames.sanitize("name. . ")).isEqualTo("name");
  }

  @Test
  void sanitize_controlBidiAndInvisibleCharacters_areRemoved() {
    assertThat(FileNames.sanitize("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
    assertThat(FileNames.sanitize("a\u2066b\u2069c\u200Bd\uFEFF.txt")).isEqualTo("abcd.txt");
    assertThat(FileNames.sanitize("bell\u0007\u001b[31mred\r\n.txt")).isEqualTo("bellred.txt");
    assertThat(FileNames.sanitize("nul\u0000byte.txt")).isEqualTo("nulbyte.txt");
    assertThat(FileNames.sanitize("c1\u009b2J.txt")).isEqualTo("c1.txt");
    assertThat(FileNames.sanitize("line\u2028sep.txt")).isEqualTo("linesep.txt");
    assertThat(FileNames.sanitize("lone\uD800surrogate")).isEqualTo("lonesurrogate");
    assertThat(FileNames.sanitize("e\u0301t\u00e9.txt")).isEqualTo("\u00e9t\u00e9.txt");
  }

  @Test
  void sanitize_escapeSequences_areRemovedWhole_asTheOfferLineShowsThem() {
    assertThat(FileNames.sanitize("\u001b[31mred\u001b[0m.txt")).isEqualTo("red.txt");
    assertThat(FileNames.sanitize("a\u001b]0;title\u0007b.txt")).isEqualTo("ab.txt");
  }

  @Test
  void sanitize_reservedDeviceNames_areAvoided() {
    assertThat(FileNames.sanitize("CON")).isEqualTo("_CON");
    assertThat(FileNames.sanitize("nul.txt")).isEqualTo("_nul.txt");
    assertThat(FileNames.sanitize("com1.tar.gz")).isEqualTo("_com1.tar.gz");
    assertThat(FileNames.sanitize("console.txt")).isEqualTo("console.txt");
  }

  @Test
  void sanitize_deviceNamesWindowsAlsoKnows_spacesBeforeTheDotAndSuperscripts_areAvoided() {
    assertThat(FileNames.sanitize("CON .txt")).isEqualTo("_CON .txt");
    assertThat(FileNames.sanitize("COM\u00b9.txt")).isEqualTo("_COM\u00b9.txt");
    assertThat(FileNames.sanitize("lpt0")).isEqualTo("_lpt0");
    assertThat(FileNames.sanitize("com10.txt")).isEqualTo("com10.txt");
  }

  @Test
  void sanitize_longName_isCutToTheByteLimitKeepingTheExtension() {
    String ascii = FileNames.sanitize("a".repeat(5000) + ".tar.gz");
    assertThat(ascii.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(FileNames.MAX_NAME_BYTES);
    assertThat(ascii).endsWith(".gz").startsWith("aaaa");
    String wide = FileNames.sanitize("é😀".repeat(400) + ".pdf");
    assertThat(wide.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(FileNames.MAX_NAME_BYTES);
    assertThat(wide).endsWith(".pdf");
    assertThat(new String(wide.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .as("no broken surrogate pair")
        .isEqualTo(wide);
  }

  @Test
  void sanitize_longName_isCutBetweenGlyphs() {
    // cut by code points, the 200th byte fell inside the flag: half of it (a lone D) was kept
    String flag = "\uD83C\uDDE9\uD83C\uDDEA"; // 8 bytes
    assertThat(FileNames.sanitize("a".repeat(196) + flag)).isEqualTo("a".repeat(196));
    assertThat(FileNames.sanitize("a".repeat(192) + flag + "b")).isEqualTo("a".repeat(192) + flag);
    String skinTone = "👍🏽"; // 8 bytes, the modifier alone 4
    assertThat(FileNames.sanitize("a".repeat(190) + skinTone + ".txt"))
        .isEqualTo("a".repeat(190) + ".txt");
    String accented = "q\u0301"; // 3 bytes, no precomposed form
    assertThat(FileNames.sanitize("a".repeat(199) + accented)).isEqualTo("a".repeat(199));
  }

  @Test
  void numbered_nthAttempt_addsTheNumberBeforeTheExtension() {
    assertThat(FileNames.numbered("report.pdf", 0)).isEqualTo("report.pdf");
    assertThat(FileNames.numbered("report.pdf", 1)).isEqualTo("report (1).pdf");
    assertThat(FileNames.numbered("archive", 12)).isEqualTo("archive (12)");
  }
}
