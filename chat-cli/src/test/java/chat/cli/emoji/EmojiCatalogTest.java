package chat.cli.emoji;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmojiCatalogTest {
  private final EmojiCatalog catalog = EmojiCatalog.shared();

  @Test
  void emoji_shortcodesFromEachSource_found() {
    assertThat(catalog.emoji(":smile:")).contains("😄");
    assertThat(catalog.emoji(":+1:")).contains("👍");
    assertThat(catalog.emoji(":heart:")).contains("❤️");
    assertThat(catalog.emoji(":rocket:")).contains("🚀");
  }

  @Test
  void emoji_emoticonsAndUnknownNames_notShortcodes() {
    assertThat(catalog.emoji(":D")).isEmpty();
    assertThat(catalog.emoji("<3")).isEmpty();
    assertThat(catalog.emoji(":no_such_emoji_here:")).isEmpty();
    assertThat(catalog.emoji("smile")).isEmpty();
  }

  @Test
  void complete_prefix_shortestFirstAllMatching() {
    List<String> found = catalog.complete(":sm", 40);

    assertThat(found).startsWith(":smile:").contains(":smiley:", ":smirk:");
    assertThat(found).allMatch(code -> code.startsWith(":sm") && code.endsWith(":"));
    assertThat(found)
        .isSortedAccordingTo(
            java.util.Comparator.comparingInt(String::length)
                .thenComparing(java.util.Comparator.naturalOrder()));
  }

  @Test
  void complete_limit_respected() {
    assertThat(catalog.complete(":s", 5)).hasSize(5);
    assertThat(catalog.complete(":zzzzzz", 5)).isEmpty();
  }

  @Test
  void search_exactNameFirst_thenPrefixes_thenDescriptions() {
    List<EmojiEntry> found = catalog.search("smile", 50);

    assertThat(found.get(0).emoji()).isEqualTo("😄");
    assertThat(found.get(0).shortcode()).isEqualTo(":smile:");
    assertThat(found).extracting(EmojiEntry::shortcode).contains(":smiley:");
    assertThat(catalog.search("thumbs up", 5)).extracting(EmojiEntry::emoji).contains("👍");
  }

  @Test
  void search_emptyFilter_listsTheCatalog() {
    assertThat(catalog.search("", 10)).hasSize(10);
  }

  @Test
  void everyEntry_shownShortcodeExpandsBackToIt() {
    for (EmojiEntry entry : catalog.search("", 100_000)) {
      assertThat(catalog.emoji(entry.shortcode())).as(entry.shortcode()).contains(entry.emoji());
    }
  }

  @Test
  void widths_emojiPresentationAndTextDefault_known() {
    assertThat(catalog.isWideOnItsOwn('✅')).isTrue();
    assertThat(catalog.isWideOnItsOwn('⌚')).isTrue();
    assertThat(catalog.isWideOnItsOwn('❤')).isFalse();
    assertThat(catalog.isWideOnItsOwn('a')).isFalse();
    assertThat(catalog.isTextByDefault('❤')).isTrue();
    assertThat(catalog.isTextByDefault('✅')).isFalse();
    assertThat(catalog.isWideOnItsOwn(0x1F600)).as("😀").isTrue();
    assertThat(catalog.isTextByDefault(0x1F5A5)).as("🖥").isTrue();
    assertThat(catalog.isWideOnItsOwn(0x1F5A5)).isFalse();
  }
}
